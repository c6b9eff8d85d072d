package io.basalt.rpc.client;

import java.time.Duration;
import java.util.function.Supplier;

import io.basalt.rpc.dispatch.RemoteExceptions;
import io.basalt.rpc.metrics.RpcMetrics;
import io.basalt.rpc.transport.Transport;
import io.basalt.rpc.wire.WireCodec;

/**
 * What every client of one process shares: the transport, the codec, the reply router and queue, the
 * exception mapping, the metrics and the defaults. Immutable.
 *
 * @param transport the transport
 * @param codec the wire codec
 * @param replies routes replies to waiting calls
 * @param replyQueue supplies the process's reply queue name (starting the reply consumer on first use)
 * @param exceptions re-creates remote failures
 * @param metrics meters
 * @param defaultExchange the control exchange used when a target names none
 * @param defaultTimeout the call timeout used when a client names none
 * @param sendRetryBound how long a send may retry while the broker is away
 */
public record ClientRuntime(Transport transport, WireCodec codec, ReplyRouter replies, Supplier<String> replyQueue,
		RemoteExceptions exceptions, RpcMetrics metrics, String defaultExchange, Duration defaultTimeout,
		Duration sendRetryBound) {
}
