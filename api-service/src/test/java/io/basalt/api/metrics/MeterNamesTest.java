package io.basalt.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeterNamesTest {

	/** Without the rename the Prometheus client would drop "_created"; with it the counter keeps a clear name. */
	@Test
	void acceptedVolumesCounterKeepsItsNameInPrometheus() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		registry.config().meterFilter(MeterNames.renames());
		Counter.builder(MeterNames.VOLUMES_CREATED).register(registry).increment(2);

		assertThat(registry.scrape()).contains("basalt_api_volumes_accepted_total 2.0")
			.doesNotContain("basalt_api_volumes_total");
	}

	/** The operational gauges export the names the dashboards query. */
	@Test
	void operationalGaugeNamesInPrometheus() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		new OperationalGauges(org.mockito.Mockito.mock(OperationalQueries.class), registry,
				java.time.Clock.systemUTC(), new io.basalt.common.service.BasaltServiceProperties("api", "nova",
						java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(60), java.time.Duration.ZERO),
				java.time.Duration.ofMinutes(5))
			.refreshServices(java.util.List.of(new ServiceBeat("basalt-volume", "vol1@fake",
					java.time.Instant.now(), false)));

		assertThat(registry.scrape()).contains("basalt_volumes{status=\"available\"} 0.0")
			.contains("basalt_service_heartbeat_age_seconds{binary=\"basalt-volume\",host=\"vol1@fake\"}")
			.contains("basalt_service_up{binary=\"basalt-volume\",host=\"vol1@fake\"} 1.0");
	}

}
