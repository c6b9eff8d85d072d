package io.basalt.api.web;

import java.util.Collection;
import java.util.Map;

/**
 * The one owner of the API's character and length rules that hold for every request, whatever the resource:
 * <ul>
 * <li>no control characters in any string of a JSON body (keys included) or in any query parameter: C0 except
 * tab, line feed and carriage return, and DEL. PostgreSQL cannot store NUL, and the others only serve to
 * confuse logs and terminals;</li>
 * <li>identity strings (user and project ids, from the token or the URL) of at most {@value #MAX_IDENTITY}
 * characters, the width of every {@code project_id}/{@code user_id} column;</li>
 * <li>JSON nesting of at most {@value #MAX_JSON_DEPTH} levels (Cinder's deepest body, a group or QoS spec, needs
 * four), enforced by the parser's {@code StreamReadConstraints} (see {@code JsonLimitsConfiguration}).</li>
 * </ul>
 * A violation is a 400 {@code badRequest} raised before anything is read or written. Stateless.
 */
public final class InputRules {

	/** Widest identity string (the {@code varchar(255)} of {@code project_id} and {@code user_id}). */
	public static final int MAX_IDENTITY = 255;

	/** Deepest JSON nesting a request body may have. */
	public static final int MAX_JSON_DEPTH = 32;

	private InputRules() {
	}

	/** Whether {@code text} holds a control character other than tab, line feed and carriage return. */
	public static boolean hasControlCharacters(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
				return true;
			}
		}
		return false;
	}

	/** Fails with 400 if {@code value} (of the field or parameter {@code name}) has control characters. */
	public static void checkText(String name, String value) {
		if (value != null && hasControlCharacters(value)) {
			throw ApiException.badRequest("Invalid input for field/attribute " + printable(name)
					+ ". The value of '" + printable(name) + "' contains control characters");
		}
	}

	/** Checks every string of a parsed JSON body, keys and values, at any depth. */
	public static void checkTree(Object node) {
		checkTree(null, node);
	}

	private static void checkTree(String name, Object node) {
		if (node instanceof String text) {
			checkText((name != null) ? name : "body", text);
		}
		else if (node instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> e : map.entrySet()) {
				String key = String.valueOf(e.getKey());
				checkText(key, key);
				checkTree(key, e.getValue());
			}
		}
		else if (node instanceof Collection<?> items) {
			for (Object item : items) {
				checkTree(name, item);
			}
		}
	}

	/** Fails with 400 if an identity string is wider than its column. */
	public static void checkIdentity(String what, String value) {
		if (value != null && value.length() > MAX_IDENTITY) {
			throw ApiException.badRequest("Invalid input received: " + what + " is longer than " + MAX_IDENTITY
					+ " characters.");
		}
		checkText(what, value);
	}

	/** {@code text} with control characters shown as {@code \\uXXXX}, for messages. */
	static String printable(String text) {
		if (text == null || !hasControlCharacters(text)) {
			return text;
		}
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
				sb.append(String.format("\\u%04x", (int) c));
			}
			else {
				sb.append(c);
			}
		}
		return sb.toString();
	}

}
