package io.basalt.rpc.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The transport-neutral settings of an {@link io.basalt.rpc.Rpc}.
 *
 * @param exchange the control exchange for targets that name none (Basalt: {@code basalt})
 * @param defaultTimeout the call timeout for clients that name none (oslo's {@code rpc_response_timeout})
 * @param castRetryBound how long a send keeps retrying while the broker is away before
 * {@link io.basalt.rpc.DeliveryFailure}
 * @param serverConcurrency how many messages one server handles at once
 * @param allowedRemoteExceptionPackages package patterns whose exceptions are re-created on the client
 * @param duplicateWindow how many recent {@code _unique_id}s each server remembers
 */
public record RpcSettings(String exchange, Duration defaultTimeout, Duration castRetryBound, int serverConcurrency,
		List<String> allowedRemoteExceptionPackages, int duplicateWindow) {

	public RpcSettings {
		Objects.requireNonNull(exchange, "exchange");
		Objects.requireNonNull(defaultTimeout, "defaultTimeout");
		Objects.requireNonNull(castRetryBound, "castRetryBound");
		allowedRemoteExceptionPackages = List.copyOf(allowedRemoteExceptionPackages);
		if (serverConcurrency < 1 || duplicateWindow < 1) {
			throw new IllegalArgumentException("serverConcurrency and duplicateWindow must be >= 1");
		}
	}

	/** Basalt's defaults: exchange {@code basalt}, 60 s timeout, 30 s retry bound, 4 handlers, {@code io.basalt.*}. */
	public static RpcSettings defaults() {
		return new RpcSettings("basalt", Duration.ofSeconds(60), Duration.ofSeconds(30), 4, List.of("io.basalt.*"),
				4096);
	}

	public RpcSettings withExchange(String exchange) {
		return new RpcSettings(exchange, this.defaultTimeout, this.castRetryBound, this.serverConcurrency,
				this.allowedRemoteExceptionPackages, this.duplicateWindow);
	}

}
