package io.basalt.api.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.basalt.common.service.BasaltServiceProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class OperationalGaugesTest {

	static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

	final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	final OperationalQueries queries = mock(OperationalQueries.class);

	final AtomicReference<Instant> now = new AtomicReference<>(T0);

	final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return OperationalGaugesTest.this.now.get();
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	OperationalGauges gauges() {
		return new OperationalGauges(this.queries, this.registry, this.clock,
				new BasaltServiceProperties("api", "nova", Duration.ofSeconds(10), Duration.ofSeconds(60),
						Duration.ZERO),
				Duration.ofMinutes(5));
	}

	double volumes(String status) {
		return this.registry.get("basalt.volumes").tag("status", status).gauge().value();
	}

	double age(String host) {
		return this.registry.get("basalt.service.heartbeat.age").tag("host", host).gauge().value();
	}

	double up(String host) {
		return this.registry.get("basalt.service.up").tag("host", host).gauge().value();
	}

	/** Common statuses exist at 0 before the first refresh. */
	@Test
	void commonStatusesStartAtZero() {
		gauges();
		for (String status : OperationalGauges.COMMON_STATUSES) {
			assertThat(volumes(status)).isZero();
		}
	}

	/** Volumes by status follow the full count; a status that disappears goes back to 0; a new one appears. */
	@Test
	void volumesByStatusFollowTheDatabase() {
		var gauges = gauges();
		when(this.queries.volumesByStatus()).thenReturn(Map.of("available", 3L, "creating", 2L, "maintenance", 1L));
		when(this.queries.services()).thenReturn(List.of());
		gauges.refresh();
		assertThat(volumes("available")).isEqualTo(3);
		assertThat(volumes("creating")).isEqualTo(2);
		assertThat(volumes("maintenance")).isEqualTo(1);
		assertThat(volumes("error")).isZero();

		when(this.queries.volumesByStatus()).thenReturn(Map.of("available", 5L));
		this.now.set(T0.plus(Duration.ofMinutes(5)));
		gauges.refresh();
		assertThat(volumes("available")).isEqualTo(5);
		assertThat(volumes("creating")).isZero();
		assertThat(volumes("maintenance")).isZero();
	}

	/**
	 * Between two full counts (settled-refresh-interval apart) only the unsettled statuses are read: they follow the
	 * database, available and in-use keep the last full count's values.
	 */
	@Test
	void settledStatusesAreRecountedOnlyEverySettledInterval() {
		var gauges = gauges();
		when(this.queries.services()).thenReturn(List.of());
		when(this.queries.volumesByStatus()).thenReturn(Map.of("available", 100L, "in-use", 7L, "creating", 2L));
		gauges.refresh();
		assertThat(volumes("available")).isEqualTo(100);
		assertThat(volumes("in-use")).isEqualTo(7);
		assertThat(volumes("creating")).isEqualTo(2);

		this.now.set(T0.plusSeconds(10));
		when(this.queries.volumesByStatus()).thenReturn(Map.of("available", 101L, "in-use", 8L));
		when(this.queries.unsettledVolumesByStatus()).thenReturn(Map.of("error", 1L));
		gauges.refresh();
		assertThat(volumes("available")).isEqualTo(100);
		assertThat(volumes("in-use")).isEqualTo(7);
		assertThat(volumes("creating")).isZero();
		assertThat(volumes("error")).isEqualTo(1);

		this.now.set(T0.plusSeconds(300));
		gauges.refresh();
		assertThat(volumes("available")).isEqualTo(101);
		assertThat(volumes("in-use")).isEqualTo(8);
		assertThat(volumes("error")).isZero();
		verify(this.queries, times(2)).volumesByStatus();
		verify(this.queries, times(1)).unsettledVolumesByStatus();
	}

	/** Heartbeat age is computed at read time; up turns 0 past service-down-time; a gone row loses its gauges. */
	@Test
	void heartbeatAgeAndUpDown() {
		var gauges = gauges();
		when(this.queries.volumesByStatus()).thenReturn(Map.of());
		when(this.queries.services()).thenReturn(List.of(
				new ServiceBeat("basalt-scheduler", "sched1", T0.minusSeconds(5), false),
				new ServiceBeat("basalt-volume", "vol1@fake", T0.minusSeconds(90), false)));
		gauges.refresh();

		assertThat(age("sched1")).isEqualTo(5);
		assertThat(up("sched1")).isEqualTo(1);
		assertThat(age("vol1@fake")).isEqualTo(90);
		assertThat(up("vol1@fake")).isZero();
		assertThat(this.registry.get("basalt.service.up").tag("host", "sched1").gauge().getId().getTag("binary"))
			.isEqualTo("basalt-scheduler");

		this.now.set(T0.plusSeconds(56));
		assertThat(age("sched1")).isEqualTo(61);
		assertThat(up("sched1")).isZero();

		when(this.queries.services()).thenReturn(List.of(
				new ServiceBeat("basalt-scheduler", "sched1", T0.plusSeconds(55), false)));
		gauges.refresh();
		assertThat(age("sched1")).isEqualTo(1);
		assertThat(up("sched1")).isEqualTo(1);
		assertThat(this.registry.find("basalt.service.up").tag("host", "vol1@fake").gauge()).isNull();
		assertThat(this.registry.find("basalt.service.heartbeat.age").tag("host", "vol1@fake").gauge()).isNull();
	}

	/** A failing database keeps the last values. */
	@Test
	void failedRefreshKeepsLastValues() {
		var gauges = gauges();
		when(this.queries.volumesByStatus()).thenReturn(Map.of("available", 4L));
		when(this.queries.services()).thenReturn(List.of());
		gauges.refresh();
		when(this.queries.volumesByStatus()).thenThrow(new IllegalStateException("db down"));
		gauges.refresh();
		assertThat(volumes("available")).isEqualTo(4);
	}

}
