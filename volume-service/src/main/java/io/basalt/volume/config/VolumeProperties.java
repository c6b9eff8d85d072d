package io.basalt.volume.config;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The volume service's settings ({@code basalt.volume.*}).
 *
 * @param backends the backends this process serves (Cinder's {@code enabled_backends}); each is its own RPC
 * server and {@code services} row
 * @param capabilityInterval how often each backend reports its capabilities (Cinder's
 * {@code backend_stats_polling_interval})
 * @param capabilityDebounce how soon after a change of capacity a backend reports again (a burst of changes
 * sends one report)
 * @param schedulerMaxAttempts how many pools a create may be tried on before the volume goes to {@code error};
 * must match the scheduler's {@code scheduler_max_attempts} (1 = never reschedule)
 */
@Validated
@ConfigurationProperties("basalt.volume")
public record VolumeProperties(@Valid @DefaultValue List<BackendProperties> backends,
		@NotNull @DefaultValue("60s") Duration capabilityInterval,
		@NotNull @DefaultValue("1s") Duration capabilityDebounce,
		@Min(1) @DefaultValue("3") int schedulerMaxAttempts) {

	/** The backends not switched off. */
	public List<BackendProperties> enabledBackends() {
		return this.backends.stream().filter(BackendProperties::enabled).toList();
	}

}
