package io.basalt.volume.driver.fake;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.basalt.common.capability.Capacity;
import io.basalt.volume.driver.DriverOperation;

/**
 * How a {@link FakeDriver} behaves.
 *
 * @param capacity the pool's total size: a number of GiB or {@link Capacity#INFINITE}
 * @param thin whether the pool is thin-provisioned (volumes use no space until written, so free stays at the
 * total and only over-subscription limits creates) rather than thick (each volume takes its size)
 * @param maxOverSubscriptionRatio how far a thin pool may be over-subscribed
 * @param reservedPercentage percent of the total the scheduler must keep free
 * @param latency the delay of every operation
 * @param operationLatency per-operation delays overriding {@code latency}
 * @param failCreates fail every create
 * @param failureRate probability in [0, 1] that a create fails
 * @param failNextCreates fail this many creates first
 * @param poolName the single pool's name, or null for the backend's name
 */
public record FakeDriverSettings(Capacity capacity, boolean thin, double maxOverSubscriptionRatio,
		int reservedPercentage, Duration latency, Map<DriverOperation, Duration> operationLatency, boolean failCreates,
		double failureRate, int failNextCreates, String poolName) {

	public FakeDriverSettings {
		Objects.requireNonNull(capacity, "capacity");
		if (capacity instanceof Capacity.Unknown) {
			throw new IllegalArgumentException("a fake pool's capacity must be a number or infinite");
		}
		if (failureRate < 0 || failureRate > 1) {
			throw new IllegalArgumentException("failure rate must be in [0, 1]: " + failureRate);
		}
		if (failNextCreates < 0) {
			throw new IllegalArgumentException("fail-next-creates must be >= 0: " + failNextCreates);
		}
		maxOverSubscriptionRatio = (maxOverSubscriptionRatio >= 1) ? maxOverSubscriptionRatio : 1.0;
		latency = (latency != null) ? latency : Duration.ZERO;
		operationLatency = (operationLatency == null || operationLatency.isEmpty()) ? Map.of()
				: Map.copyOf(new EnumMap<>(operationLatency));
	}

	/** A thick pool of {@code capacityGb} GiB, no latency, no failures. */
	public static FakeDriverSettings thick(double capacityGb) {
		return new FakeDriverSettings(Capacity.of(capacityGb), false, 1.0, 0, Duration.ZERO, Map.of(), false, 0, 0,
				null);
	}

	/** The delay of {@code operation}. */
	public Duration latencyOf(DriverOperation operation) {
		return this.operationLatency.getOrDefault(operation, this.latency);
	}

	public FakeDriverSettings withThin(boolean thin, double maxOverSubscriptionRatio) {
		return new FakeDriverSettings(this.capacity, thin, maxOverSubscriptionRatio, this.reservedPercentage,
				this.latency, this.operationLatency, this.failCreates, this.failureRate, this.failNextCreates,
				this.poolName);
	}

	public FakeDriverSettings withLatency(Duration latency, Map<DriverOperation, Duration> operationLatency) {
		return new FakeDriverSettings(this.capacity, this.thin, this.maxOverSubscriptionRatio,
				this.reservedPercentage, latency, operationLatency, this.failCreates, this.failureRate,
				this.failNextCreates, this.poolName);
	}

	public FakeDriverSettings withFailures(boolean failCreates, double failureRate, int failNextCreates) {
		return new FakeDriverSettings(this.capacity, this.thin, this.maxOverSubscriptionRatio,
				this.reservedPercentage, this.latency, this.operationLatency, failCreates, failureRate,
				failNextCreates, this.poolName);
	}

}
