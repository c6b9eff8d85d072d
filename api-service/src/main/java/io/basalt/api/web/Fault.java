package io.basalt.api.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A Cinder fault: the body {@code {"<name>": {"code": N, "message": "...", "retryAfter"?: "0"}}} of every
 * error response, named after the status as Cinder's {@code Fault._fault_names}.
 *
 * @param status the HTTP status
 * @param message the message shown to the caller
 * @param retryAfter the {@code Retry-After} value (413 only), or null
 */
public record Fault(int status, String message, String retryAfter) {

	public Fault(HttpStatus status, String message) {
		this(status.value(), message, null);
	}

	/** The fault name of a status. */
	public static String nameOf(int status) {
		return switch (status) {
			case 400 -> "badRequest";
			case 401 -> "unauthorized";
			case 403 -> "forbidden";
			case 404 -> "itemNotFound";
			case 405 -> "badMethod";
			case 409 -> "conflictingRequest";
			case 413 -> "overLimit";
			case 415 -> "badMediaType";
			case 501 -> "notImplemented";
			case 503 -> "serviceUnavailable";
			default -> "computeFault";
		};
	}

	/** The body as Jackson serializes it. */
	public Map<String, Object> body() {
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("code", this.status);
		inner.put("message", this.message);
		if (this.retryAfter != null) {
			inner.put("retryAfter", this.retryAfter);
		}
		return Map.of(nameOf(this.status), inner);
	}

	/** The body as JSON text, for filters that answer before Spring MVC. */
	public String toJson() {
		StringBuilder sb = new StringBuilder("{\"").append(nameOf(this.status)).append("\": {\"code\": ")
			.append(this.status).append(", \"message\": ");
		quote(sb, this.message);
		if (this.retryAfter != null) {
			sb.append(", \"retryAfter\": ");
			quote(sb, this.retryAfter);
		}
		return sb.append("}}").toString();
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
				default -> {
					if (c < 0x20) {
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
