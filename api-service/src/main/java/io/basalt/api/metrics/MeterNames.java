package io.basalt.api.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Fixes meter names that do not survive Prometheus' naming: the Prometheus client drops the reserved suffix
 * {@code _created} (OpenMetrics' creation timestamp), so the counter {@code basalt.api.volumes.created} would be
 * exported as {@code basalt_api_volumes_total}. It is renamed {@value #VOLUMES_ACCEPTED} →
 * {@code basalt_api_volumes_accepted_total}.
 */
@Configuration(proxyBeanMethods = false)
public class MeterNames {

	static final String VOLUMES_CREATED = "basalt.api.volumes.created";

	/** Volumes accepted for creation (202). */
	public static final String VOLUMES_ACCEPTED = "basalt.api.volumes.accepted";

	@Bean
	MeterFilter basaltApiMeterNames() {
		return renames();
	}

	static MeterFilter renames() {
		return new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				return VOLUMES_CREATED.equals(id.getName()) ? id.withName(VOLUMES_ACCEPTED) : id;
			}

		};
	}

}
