package io.basalt.rpc.server;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import io.basalt.rpc.dispatch.RemoteExceptions;
import io.basalt.rpc.metrics.RpcMetrics;
import io.basalt.rpc.transport.Transport;
import io.basalt.rpc.wire.WireCodec;

/**
 * What every server of one process shares. Immutable.
 *
 * @param transport the transport
 * @param codec the wire codec
 * @param exceptions turns endpoint exceptions into failures
 * @param metrics meters
 * @param heartbeats runs call-monitor heartbeats
 * @param concurrency how many messages one server handles at once
 * @param duplicateWindow how many recent {@code _unique_id}s a server remembers
 * @param castAttempts how often a cast whose handler fails is tried before it is dead-lettered
 * @param castRetryDelay the pause before the second try, doubled before each further one
 */
public record ServerRuntime(Transport transport, WireCodec codec, RemoteExceptions exceptions, RpcMetrics metrics,
		ScheduledExecutorService heartbeats, int concurrency, int duplicateWindow, int castAttempts,
		Duration castRetryDelay) {

	/** How often a cast whose handler fails is tried before it is dead-lettered (the first try included). */
	public static final int DEFAULT_CAST_ATTEMPTS = 3;

	/** The pause before the second try of a failing cast; doubled before each further one. */
	public static final Duration DEFAULT_CAST_RETRY_DELAY = Duration.ofSeconds(1);

	/** With the default cast attempts and retry delay. */
	public ServerRuntime(Transport transport, WireCodec codec, RemoteExceptions exceptions, RpcMetrics metrics,
			ScheduledExecutorService heartbeats, int concurrency, int duplicateWindow) {
		this(transport, codec, exceptions, metrics, heartbeats, concurrency, duplicateWindow, DEFAULT_CAST_ATTEMPTS,
				DEFAULT_CAST_RETRY_DELAY);
	}

}
