package io.basalt.rpc;

/**
 * Listens on a target and dispatches messages to its endpoints, as oslo.messaging's RPC server: consumers on
 * {@code topic} and {@code topic.server} on the control exchange, and one queue of its own bound to the
 * {@code topic_fanout} exchange. A state-changing cast is acknowledged after its handler returns
 * (at-least-once), so endpoint methods must be idempotent.
 */
public interface RpcServer extends AutoCloseable {

	/** The target listened on. */
	Target target();

	/** Declares the queues and starts consuming. */
	void start();

	/** Stops consuming, lets in-flight handlers finish, releases the fanout queue. */
	void stop();

	@Override
	default void close() {
		stop();
	}

}
