package io.basalt.api.web;

import org.springframework.http.HttpStatus;

/**
 * An error answered with a Cinder fault body {@code {"<name>": {"code": N, "message": "..."}}}. The factories
 * name the Cinder exception families they stand for.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String retryAfter;

	public ApiException(HttpStatus status, String message) {
		this(status, message, null);
	}

	protected ApiException(HttpStatus status, String message, String retryAfter) {
		super(message);
		this.status = status;
		this.retryAfter = retryAfter;
	}

	/** The {@code QuotaError} family: 413 with {@code Retry-After: 0}. */
	public static ApiException overLimit(String message) {
		return new ApiException(HttpStatus.CONTENT_TOO_LARGE, message, "0");
	}

	/** {@code Invalid*}, schema failures, malformed bodies. */
	public static ApiException badRequest(String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, message);
	}

	/** {@code *NotFound}. */
	public static ApiException notFound(String message) {
		return new ApiException(HttpStatus.NOT_FOUND, message);
	}

	/** Policy failures. */
	public static ApiException forbidden(String message) {
		return new ApiException(HttpStatus.FORBIDDEN, message);
	}

	/** Duplicates and conflicting states. */
	public static ApiException conflict(String message) {
		return new ApiException(HttpStatus.CONFLICT, message);
	}

	/** A method that does not exist at the requested microversion. */
	public static ApiException versionNotFound(ApiVersion version) {
		return notFound("API version " + version + " is not supported on this method.");
	}

	public HttpStatus status() {
		return this.status;
	}

	/** The {@code Retry-After} value, or null. */
	public String retryAfter() {
		return this.retryAfter;
	}

	/** The fault this exception is answered with. */
	public Fault fault() {
		return new Fault(this.status.value(), getMessage(), this.retryAfter);
	}

}
