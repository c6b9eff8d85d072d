package io.basalt.rpc.wire;

/**
 * A message body that is not a valid oslo message: bad JSON, an envelope of another major version, a missing
 * {@code method} or {@code _msg_id}. Such a message is rejected without requeue and logged; it never reaches
 * an endpoint.
 */
public class MalformedMessageException extends RuntimeException {

	public MalformedMessageException(String message) {
		super(message);
	}

	public MalformedMessageException(String message, Throwable cause) {
		super(message, cause);
	}

}
