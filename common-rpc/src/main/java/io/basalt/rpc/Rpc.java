package io.basalt.rpc;

import java.time.Duration;
import java.util.List;

/**
 * The entry point of the library: makes clients and servers over one transport (AMQP, or the in-memory one
 * used by unit tests). One instance per process; it owns the connections and the process's reply queue.
 */
public interface Rpc extends AutoCloseable {

	/**
	 * A client for {@code target}.
	 * @param versionCap the highest version this client may send, or null for no cap
	 * @param timeout the default call timeout (oslo's {@code rpc_response_timeout}, 60 s by default)
	 */
	RpcClient client(Target target, RpcVersion versionCap, Duration timeout);

	/** A client for {@code target} with no version cap and the default timeout. */
	default RpcClient client(Target target) {
		return client(target, null, null);
	}

	/**
	 * Publishes a cast encoded earlier by {@link RpcClient#encodeCast} (by this process or another one) to its
	 * own target, byte for byte: the way a transactional outbox sends what it stored. Same contract as
	 * {@link RpcClient#cast}: returns once the broker took the message, else throws {@link DeliveryFailure}.
	 */
	default void sendCast(EncodedCast cast) {
		sendCast(cast, null);
	}

	/**
	 * As {@link #sendCast(EncodedCast)}, retrying at most {@code retryBound} while the broker is away (null: the
	 * configured cast bound). An outbox that will relay the message anyway passes a short bound, so a request does
	 * not wait out a broker outage.
	 */
	void sendCast(EncodedCast cast, Duration retryBound);

	/** A server listening on {@code target} (which must name a server) for the given endpoints; not yet started. */
	RpcServer server(Target target, List<Endpoint> endpoints);

	/** Stops every server made here and closes the connections. */
	@Override
	void close();

}
