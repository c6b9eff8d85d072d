package io.basalt.rpc.server;

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
 */
public record ServerRuntime(Transport transport, WireCodec codec, RemoteExceptions exceptions, RpcMetrics metrics,
		ScheduledExecutorService heartbeats, int concurrency, int duplicateWindow) {
}
