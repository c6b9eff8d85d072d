package io.basalt.rpc.transport;

/**
 * Receives message bodies from a {@link Transport}. Called on a transport thread; it may block (the message
 * stays unacknowledged until it returns). Returning acknowledges the message; throwing rejects it without
 * requeue.
 */
@FunctionalInterface
public interface MessageHandler {

	void onMessage(byte[] body);

}
