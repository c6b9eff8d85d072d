package io.basalt.api.metadata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import io.basalt.api.web.ApiException;
import io.basalt.api.web.RequestBodies;

/**
 * Cinder's rules for metadata request bodies ({@code api/schemas/volume_metadata.py} and the controllers): keys
 * of 1–255 characters of {@code [a-zA-Z0-9-_:. /]}, string values of at most 255 characters (control characters
 * are refused for every body by {@link io.basalt.api.web.InputRules}), {@code {"meta": {key: value}}} naming
 * exactly the key of the URL. The number of entries is bounded as in Cinder by the request size only
 * ({@code RequestSizeLimitFilter}). Also the {@code ETag} of 3.15 ({@code If-Match} on updates).
 */
public final class MetadataBodies {

	private MetadataBodies() {
	}

	/** The entries of {@code {"metadata": {...}}}; {@code strict} refuses other top-level keys (volumes). */
	public static Map<String, String> metadata(Map<String, Object> body, boolean strict) {
		RequestBodies.element(body, "metadata");
		if (strict) {
			RequestBodies.onlyKeys(body, Set.of("metadata"));
		}
		return RequestBodies.stringMap(body, "metadata", true);
	}

	/** The one entry of {@code {"meta": {key: value}}} for the URL's {@code key}. */
	public static Map<String, String> item(Map<String, Object> body, String key, boolean strict) {
		Map<String, Object> meta = RequestBodies.element(body, "meta");
		if (strict) {
			RequestBodies.onlyKeys(body, Set.of("meta"));
		}
		if (!meta.containsKey(key)) {
			throw ApiException.badRequest("Request body and URI mismatch");
		}
		if (meta.size() > 1) {
			throw ApiException.badRequest("Request body contains too many items");
		}
		return RequestBodies.stringMap(body, "meta", true);
	}

	/**
	 * Cinder's metadata {@code ETag}: the MD5 of {@code {"metadata": {...}}} as Python's {@code json.dumps} writes
	 * it (", " and ": " separators, non-ASCII escaped), lower-case hex, unquoted.
	 */
	public static String etag(Map<String, String> metadata) {
		StringBuilder json = new StringBuilder("{\"metadata\": {");
		boolean first = true;
		for (Map.Entry<String, String> e : metadata.entrySet()) {
			json.append(first ? "" : ", ");
			quote(json, e.getKey());
			json.append(": ");
			quote(json, e.getValue());
			first = false;
		}
		json.append("}}");
		try {
			byte[] digest = MessageDigest.getInstance("MD5").digest(json.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether an {@code If-Match} header (absent: always) admits {@code etag}. */
	public static boolean matches(String ifMatch, String etag) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return true;
		}
		for (String tag : ifMatch.split(",")) {
			String t = tag.strip();
			if (t.startsWith("W/")) {
				t = t.substring(2);
			}
			if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
				t = t.substring(1, t.length() - 1);
			}
			if (t.equals("*") || t.equals(etag)) {
				return true;
			}
		}
		return false;
	}

	private static void quote(StringBuilder sb, String text) {
		sb.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> sb.append("\\\"");
				case '\\' -> sb.append("\\\\");
				case '\n' -> sb.append("\\n");
				case '\r' -> sb.append("\\r");
				case '\t' -> sb.append("\\t");
				case '\b' -> sb.append("\\b");
				case '\f' -> sb.append("\\f");
				default -> {
					if (c < 0x20 || c > 0x7e) {
						sb.append(String.format("\\u%04x", (int) c));
					}
					else {
						sb.append(c);
					}
				}
			}
		}
		sb.append('"');
	}

}
