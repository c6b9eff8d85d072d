package io.basalt.api.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.basalt.api.metrics.OperationalQueries;
import io.basalt.api.metrics.ServiceBeat;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.common.scheduler.Pool;
import io.basalt.rpc.RpcTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class DashboardControllerTest {

	static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	final OperationalQueries queries = mock(OperationalQueries.class);

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	DashboardController controller(java.util.function.Supplier<Pool[]> pools) {
		when(this.queries.services()).thenReturn(List.of(
				new ServiceBeat("basalt-scheduler", "sched1", NOW.minusSeconds(3), false),
				new ServiceBeat("basalt-volume", "vol1@fake", NOW.minusSeconds(120), true)));
		when(this.queries.volumesByStatus()).thenReturn(Map.of("available", 2L, "error", 1L));
		when(this.queries.createStats(any())).thenReturn(new OperationalQueries.CreateStats(10, 9, 0.4, 1.2));
		return new DashboardController(this.queries, pools, this.meters, Clock.fixed(NOW, ZoneOffset.UTC),
				Duration.ofSeconds(60));
	}

	static Pool pool(String name, Capacity total, Capacity free) {
		PoolCapabilities caps = new PoolCapabilities(name, total, free, 30.0, 40.0, 1.0, 0, false, true, 3L, false,
				Map.of());
		return new Pool(name, "vol1@fake", "fake", "iSCSI", "Basalt", "1.0", "nova", caps, NOW);
	}

	@Test
	@SuppressWarnings("unchecked")
	void summarisesServicesPoolsVolumesAndCreates() {
		this.meters.counter(io.basalt.api.metrics.MeterNames.VOLUMES_ACCEPTED).increment(7);
		Map<String, Object> s = controller(() -> new Pool[] {
				pool("vol1@fake#fake", new Capacity.Known(100), new Capacity.Known(60)),
				pool("vol1@big#big", new Capacity.Infinite(), new Capacity.Infinite()) }).summary();

		List<Map<String, Object>> services = (List<Map<String, Object>>) s.get("services");
		assertThat(services).extracting(m -> m.get("host")).containsExactly("sched1", "vol1@fake");
		assertThat(services).extracting(m -> m.get("state")).containsExactly("up", "down");
		assertThat(services.get(0).get("heartbeat_age_seconds")).isEqualTo(3.0);
		assertThat(services.get(1).get("disabled")).isEqualTo(true);

		List<Map<String, Object>> pools = (List<Map<String, Object>>) s.get("pools");
		assertThat(pools.get(0)).containsEntry("name", "vol1@fake#fake").containsEntry("total_gb", 100.0)
			.containsEntry("free_gb", 60.0).containsEntry("allocated_gb", 30.0)
			.containsEntry("provisioned_gb", 40.0).containsEntry("volumes", 3L);
		assertThat(pools.get(1)).containsEntry("total_gb", null).containsEntry("free_gb", null);
		assertThat(s.get("pools_error")).isNull();

		assertThat(s.get("volumes_by_status")).isEqualTo(Map.of("available", 2L, "error", 1L));
		Map<String, Object> creates = (Map<String, Object>) s.get("creates");
		assertThat(creates).containsEntry("created", 10L).containsEntry("available", 9L)
			.containsEntry("per_minute", 2.0).containsEntry("latency_p50_seconds", 0.4)
			.containsEntry("latency_p99_seconds", 1.2).containsEntry("accepted_total", 7L);
	}

	/** No scheduler answering: the rest of the summary is still there, with the reason. */
	@Test
	@SuppressWarnings("unchecked")
	void toleratesAGetPoolsTimeout() {
		Map<String, Object> s = controller(() -> {
			throw new RpcTimeoutException("no reply");
		}).summary();

		assertThat((List<Object>) s.get("pools")).isEmpty();
		assertThat((String) s.get("pools_error")).contains("RpcTimeoutException");
		assertThat((List<Object>) s.get("services")).hasSize(2);
	}

	/** Polling pages share one computation per cache period. */
	@Test
	void cachesTheSummaryBriefly() {
		AtomicInteger calls = new AtomicInteger();
		DashboardController c = controller(() -> {
			calls.incrementAndGet();
			return new Pool[0];
		});
		c.summary();
		c.summary();
		assertThat(calls).hasValue(1);
		verify(this.queries, times(1)).services();
	}

	/** The page's chart library is on the classpath at the version index.html names. */
	@Test
	void chartLibraryIsServedFromTheWebJar() throws Exception {
		String html = new String(getClass().getResourceAsStream("/static/dashboard/index.html").readAllBytes());
		var m = java.util.regex.Pattern.compile("src=\"/webjars/([^\"]+)\"").matcher(html);
		assertThat(m.find()).isTrue();
		assertThat(getClass().getResource("/META-INF/resources/webjars/" + m.group(1))).isNotNull();
	}

}
