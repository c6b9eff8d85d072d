package io.basalt.rpc.transport;

/** A running listener of a {@link Transport}. Thread-safe. */
public interface Listener extends AutoCloseable {

	/**
	 * Stops consuming, waits for the handlers in flight, and deletes the listener's own fanout queue. The
	 * shared topic and server queues stay (messages sent meanwhile wait there for the next server).
	 */
	@Override
	void close();

}
