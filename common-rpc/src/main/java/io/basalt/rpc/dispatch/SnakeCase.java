package io.basalt.rpc.dispatch;

/**
 * Java names to the snake_case names used on the wire: {@code createVolume} → {@code create_volume},
 * {@code volumeID} → {@code volume_id}, {@code getHTTPPort} → {@code get_http_port}. Stateless.
 */
public final class SnakeCase {

	private SnakeCase() {
	}

	public static String of(String javaName) {
		StringBuilder out = new StringBuilder(javaName.length() + 8);
		int length = javaName.length();
		for (int i = 0; i < length; i++) {
			char c = javaName.charAt(i);
			if (Character.isUpperCase(c)) {
				boolean previousLowerOrDigit = i > 0 && (Character.isLowerCase(javaName.charAt(i - 1))
						|| Character.isDigit(javaName.charAt(i - 1)));
				boolean acronymEnd = i > 0 && Character.isUpperCase(javaName.charAt(i - 1)) && i + 1 < length
						&& Character.isLowerCase(javaName.charAt(i + 1));
				if ((previousLowerOrDigit || acronymEnd) && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
					out.append('_');
				}
				out.append(Character.toLowerCase(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
