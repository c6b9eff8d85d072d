package io.basalt.volume.config;

import java.time.Duration;
import java.util.Map;

import io.basalt.common.capability.Capacity;
import io.basalt.volume.driver.DriverOperation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The fake driver's settings ({@code basalt.volume.backends[i].fake.*}).
 *
 * @param capacityGb the pool's size in GiB, or {@code infinite}
 * @param thin thin (volumes take no space; limited by over-subscription) rather than thick
 * @param latency delay of every operation
 * @param operationLatency per-operation delays, keyed {@code create-volume}, {@code delete-volume}, ...
 * @param failCreates fail every create
 * @param failureRate probability in [0, 1] that a create fails
 * @param failNextCreates fail this many creates after start
 */
public record FakeProperties(@NotNull @DefaultValue("1000") Capacity capacityGb, @DefaultValue("false") boolean thin,
		@NotNull @DefaultValue("0s") Duration latency, Map<DriverOperation, Duration> operationLatency,
		@DefaultValue("false") boolean failCreates,
		@DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0") double failureRate,
		@Min(0) @DefaultValue("0") int failNextCreates) {
}
