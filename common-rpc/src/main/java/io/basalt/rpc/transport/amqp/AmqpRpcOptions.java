package io.basalt.rpc.transport.amqp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.basalt.rpc.engine.RpcSettings;

/**
 * Options of {@link AmqpRpc}. Start from {@link #defaults()} and change with the {@code withX} copiers.
 *
 * @param exchange the control exchange (oslo's {@code control_exchange}); default {@code basalt}
 * @param defaultTimeout the call timeout of clients that set none (oslo's {@code rpc_response_timeout}); 60 s
 * @param castRetryBound how long a send (cast, call request, reply) retries while the broker is away before
 * {@link io.basalt.rpc.DeliveryFailure}; 30 s
 * @param serverConcurrency consumer threads per server, i.e. messages handled at once; 4
 * @param prefetch unacknowledged messages per consumer (AMQP {@code basic.qos}); 10
 * @param allowedRemoteExceptionPackages package patterns whose exceptions are re-created as themselves on the
 * client ({@code io.basalt.*} matches the package and its sub-packages); {@code [io.basalt.*]}
 * @param durable whether the control exchange and the topic and server queues are durable (oslo's
 * {@code amqp_durable_queues}); false
 * @param transientQueueTtl {@code x-expires} of the fanout and reply queues (oslo's
 * {@code rabbit_transient_queues_ttl}); 30 min
 * @param duplicateWindow how many recent {@code _unique_id}s each server remembers to drop duplicates; 4096
 */
public record AmqpRpcOptions(String exchange, Duration defaultTimeout, Duration castRetryBound, int serverConcurrency,
		int prefetch, List<String> allowedRemoteExceptionPackages, boolean durable, Duration transientQueueTtl,
		int duplicateWindow) {

	public AmqpRpcOptions {
		Objects.requireNonNull(exchange, "exchange");
		Objects.requireNonNull(defaultTimeout, "defaultTimeout");
		Objects.requireNonNull(castRetryBound, "castRetryBound");
		Objects.requireNonNull(transientQueueTtl, "transientQueueTtl");
		allowedRemoteExceptionPackages = List.copyOf(allowedRemoteExceptionPackages);
		if (serverConcurrency < 1 || prefetch < 0 || duplicateWindow < 1) {
			throw new IllegalArgumentException("serverConcurrency and duplicateWindow must be >= 1, prefetch >= 0");
		}
	}

	public static AmqpRpcOptions defaults() {
		return new AmqpRpcOptions("basalt", Duration.ofSeconds(60), Duration.ofSeconds(30), 4, 10,
				List.of("io.basalt.*"), false, Duration.ofMinutes(30), 4096);
	}

	public AmqpRpcOptions withExchange(String exchange) {
		return new AmqpRpcOptions(exchange, this.defaultTimeout, this.castRetryBound, this.serverConcurrency,
				this.prefetch, this.allowedRemoteExceptionPackages, this.durable, this.transientQueueTtl,
				this.duplicateWindow);
	}

	public AmqpRpcOptions withDefaultTimeout(Duration defaultTimeout) {
		return new AmqpRpcOptions(this.exchange, defaultTimeout, this.castRetryBound, this.serverConcurrency,
				this.prefetch, this.allowedRemoteExceptionPackages, this.durable, this.transientQueueTtl,
				this.duplicateWindow);
	}

	public AmqpRpcOptions withCastRetryBound(Duration castRetryBound) {
		return new AmqpRpcOptions(this.exchange, this.defaultTimeout, castRetryBound, this.serverConcurrency,
				this.prefetch, this.allowedRemoteExceptionPackages, this.durable, this.transientQueueTtl,
				this.duplicateWindow);
	}

	public AmqpRpcOptions withServerConcurrency(int serverConcurrency, int prefetch) {
		return new AmqpRpcOptions(this.exchange, this.defaultTimeout, this.castRetryBound, serverConcurrency,
				prefetch, this.allowedRemoteExceptionPackages, this.durable, this.transientQueueTtl,
				this.duplicateWindow);
	}

	public AmqpRpcOptions withAllowedRemoteExceptionPackages(List<String> packages) {
		return new AmqpRpcOptions(this.exchange, this.defaultTimeout, this.castRetryBound, this.serverConcurrency,
				this.prefetch, packages, this.durable, this.transientQueueTtl, this.duplicateWindow);
	}

	public AmqpRpcOptions withDurable(boolean durable) {
		return new AmqpRpcOptions(this.exchange, this.defaultTimeout, this.castRetryBound, this.serverConcurrency,
				this.prefetch, this.allowedRemoteExceptionPackages, durable, this.transientQueueTtl,
				this.duplicateWindow);
	}

	/** The transport-neutral part. */
	public RpcSettings settings() {
		return new RpcSettings(this.exchange, this.defaultTimeout, this.castRetryBound, this.serverConcurrency,
				this.allowedRemoteExceptionPackages, this.duplicateWindow);
	}

}
