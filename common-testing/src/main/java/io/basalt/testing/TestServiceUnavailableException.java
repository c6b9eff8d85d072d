package io.basalt.testing;

/**
 * Thrown when no PostgreSQL server or RabbitMQ broker could be found for an integration test; the message lists
 * every place that was tried and why it failed, so that the test fails loudly rather than passing silently.
 */
public final class TestServiceUnavailableException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	TestServiceUnavailableException(String message) {
		super(message);
	}

	TestServiceUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
