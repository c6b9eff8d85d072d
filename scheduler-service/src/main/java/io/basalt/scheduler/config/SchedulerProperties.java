package io.basalt.scheduler.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.basalt.scheduler.weigher.ChoiceMode;

/**
 * The scheduler's settings ({@code basalt.scheduler.*}); Cinder's option names in parentheses.
 *
 * @param filters enabled filters, in order ({@code scheduler_default_filters}, plus Retry / Same / Different)
 * @param weighers enabled weighers ({@code scheduler_default_weighers}); may be empty (then the first pool by
 * name wins)
 * @param capacityWeightMultiplier positive spreads, negative stacks ({@code capacity_weight_multiplier})
 * @param allocatedCapacityWeightMultiplier ({@code allocated_capacity_weight_multiplier})
 * @param volumeNumberMultiplier ({@code volume_number_multiplier})
 * @param maxAttempts attempts per volume before it goes to error ({@code scheduler_max_attempts})
 * @param startupWait how long a starting scheduler holds requests back waiting for the first capability report
 * ({@code scheduler_driver_init_wait_time})
 * @param choice {@code ordered} (best weight) or {@code stochastic} ({@code scheduler_weight_handler})
 * @param stochasticTop how many of the best pools a stochastic choice draws from
 * @param statusRefreshInterval how often the volume services' rows are read
 */
@Validated
@ConfigurationProperties("basalt.scheduler")
public record SchedulerProperties(
		@NotEmpty @DefaultValue({ "AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter", "RetryFilter",
				"SameBackendFilter", "DifferentBackendFilter", "GroupVolumeTypesFilter" }) List<String> filters,
		@NotNull @DefaultValue("CapacityWeigher") List<String> weighers,
		@DefaultValue("1.0") double capacityWeightMultiplier,
		@DefaultValue("-1.0") double allocatedCapacityWeightMultiplier,
		@DefaultValue("-1.0") double volumeNumberMultiplier, @Min(1) @DefaultValue("3") int maxAttempts,
		@NotNull @DefaultValue("5s") Duration startupWait, @NotNull @DefaultValue("ordered") ChoiceMode choice,
		@Min(1) @DefaultValue("5") int stochasticTop, @NotNull @DefaultValue("10s") Duration statusRefreshInterval) {
}
