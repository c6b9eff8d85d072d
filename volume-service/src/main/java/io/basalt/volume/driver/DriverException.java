package io.basalt.volume.driver;

/** A driver operation failed. The message is shown to operators (it ends up in {@code status_reason}). */
public class DriverException extends RuntimeException {

	public DriverException(String message) {
		super(message);
	}

	public DriverException(String message, Throwable cause) {
		super(message, cause);
	}

}
