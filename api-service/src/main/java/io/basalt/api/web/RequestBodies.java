package io.basalt.api.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads request bodies parsed as JSON maps the way Cinder's JSON schemas do, with Cinder's messages: a missing
 * element, a wrong type or a length out of range is a 400 {@code badRequest}.
 */
public final class RequestBodies {

	private RequestBodies() {
	}

	/** The object under {@code key} of the body ({@code {"volume": {...}}}). */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> element(Map<String, Object> body, String key) {
		Object value = (body != null) ? body.get(key) : null;
		if (!(value instanceof Map)) {
			throw ApiException.badRequest("Missing required element '" + key + "' in request body.");
		}
		return (Map<String, Object>) value;
	}

	/** An optional string of {@code min..max} characters (after trimming when {@code trim}), or null. */
	public static String string(Map<String, Object> map, String field, int min, int max, boolean trim) {
		if (!map.containsKey(field) || map.get(field) == null) {
			return null;
		}
		Object value = map.get(field);
		if (!(value instanceof String text)) {
			throw invalid(field, value, value + " is not of type 'string'");
		}
		String result = trim ? text.strip() : text;
		if (result.length() < min) {
			throw invalid(field, text, "'" + text + "' is too short");
		}
		if (result.length() > max) {
			throw invalid(field, text, "'" + text + "' is too long");
		}
		return result;
	}

	/** An optional boolean (JSON boolean, or Cinder's accepted strings), or null. */
	public static Boolean bool(Map<String, Object> map, String field) {
		Object value = map.get(field);
		if (value == null) {
			return null;
		}
		if (value instanceof Boolean b) {
			return b;
		}
		if (value instanceof String s) {
			String v = s.strip().toLowerCase();
			if (Set.of("true", "t", "1", "yes", "y", "on").contains(v)) {
				return true;
			}
			if (Set.of("false", "f", "0", "no", "n", "off").contains(v)) {
				return false;
			}
		}
		throw invalid(field, value, value + " is not of type 'boolean'");
	}

	/**
	 * An optional map of strings with keys of 1..255 characters of {@code [a-zA-Z0-9-_:. /]} and values of at
	 * most 255, or null.
	 */
	@SuppressWarnings("unchecked")
	public static Map<String, String> stringMap(Map<String, Object> map, String field, boolean strictKeys) {
		Object value = map.get(field);
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> raw)) {
			throw invalid(field, value, value + " is not of type 'object'");
		}
		Map<String, String> result = new LinkedHashMap<>();
		for (Map.Entry<String, Object> e : ((Map<String, Object>) raw).entrySet()) {
			String key = e.getKey();
			if (key.isEmpty() || key.length() > 255) {
				throw invalid(field, value, "'" + key + "' does not match any of the regexes");
			}
			if (strictKeys && !key.matches("^[a-zA-Z0-9-_:. /]{1,255}$")) {
				throw invalid(field, value, "'" + key + "' does not match any of the regexes: '^[a-zA-Z0-9-_:. /]{1,255}$'");
			}
			if (!(e.getValue() instanceof String v)) {
				throw invalid(field, value, e.getValue() + " is not of type 'string'");
			}
			if (v.length() > 255) {
				throw invalid(field, value, "'" + v + "' is too long");
			}
			result.put(key, v);
		}
		return result;
	}

	/** Fails on keys outside {@code allowed} (the {@code additionalProperties: false} of strict schemas). */
	public static void onlyKeys(Map<String, Object> map, Set<String> allowed) {
		for (String key : map.keySet()) {
			if (!allowed.contains(key)) {
				throw ApiException.badRequest(
						"Additional properties are not allowed ('" + key + "' was unexpected)");
			}
		}
	}

	/** Cinder's schema-failure message. */
	public static ApiException invalid(String field, Object value, String detail) {
		return ApiException.badRequest(
				"Invalid input for field/attribute " + field + ". Value: " + value + ". " + detail);
	}

}
