package io.basalt.volume.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.random.RandomGenerator;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.DriverVolume;
import io.basalt.volume.driver.fake.FakeDriver;
import io.basalt.volume.driver.fake.FakeDriverSettings;
import io.basalt.volume.report.CapabilityReporter.ReporterSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;
import org.springframework.scheduling.TaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@Timeout(10)
class CapabilityReporterTest {

	static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

	final SchedulerRpcApi scheduler = mock(SchedulerRpcApi.class);

	final AllocationQuery allocations = mock(AllocationQuery.class);

	final TaskScheduler tasks = mock(TaskScheduler.class);

	final List<Runnable> scheduled = new ArrayList<>();

	final List<Instant> scheduledAt = new ArrayList<>();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final FakeDriver driver = new FakeDriver(new DriverIdentity("fake", "zone-a", Map.of()),
			FakeDriverSettings.thick(100), d -> {
			}, RandomGenerator.getDefault());

	CapabilityReporter reporter(RandomGenerator random) {
		when(this.tasks.schedule(any(Runnable.class), any(Instant.class))).thenAnswer(inv -> {
			this.scheduled.add(inv.getArgument(0));
			this.scheduledAt.add(inv.getArgument(1));
			return mock(ScheduledFuture.class);
		});
		return new CapabilityReporter("node1@fake", this.driver, this.allocations, this.scheduler, this.tasks,
				Clock.fixed(NOW, ZoneOffset.UTC), random,
				new ReporterSettings(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(1)),
				new PoolCapacityGauges(this.meters, "node1@fake"));
	}

	/** A report carries the driver's stats with the allocated capacity from the database, as a fanout. */
	@Test
	void reportUsesDatabaseAllocation() {
		this.driver.createVolume(DriverVolume.of("a", 30, "fake"));
		when(this.allocations.allocatedGb("node1@fake", "fake")).thenReturn(Map.of("fake", 42L));

		reporter(RandomGenerator.getDefault()).report();

		ArgumentCaptor<BackendCapabilities> caps = ArgumentCaptor.forClass(BackendCapabilities.class);
		verify(this.scheduler).updateServiceCapabilities(any(), eq("node1@fake"), caps.capture(), eq(NOW));
		PoolCapabilities pool = caps.getValue().pools().get(0);
		assertThat(pool.allocatedCapacityGb()).isEqualTo(42);
		assertThat(pool.provisionedCapacityGb()).isEqualTo(30);
		assertThat(caps.getValue().availabilityZone()).isEqualTo("zone-a");
		assertThat(this.meters.get(PoolCapacityGauges.CAPACITY).tag("kind", "free").gauge().value()).isEqualTo(70);
		assertThat(this.meters.get(PoolCapacityGauges.CAPACITY).tag("kind", "allocated").gauge().value())
			.isEqualTo(42);
	}

	/** A burst of capacity changes schedules one report, a second after the first change. */
	@Test
	void capacityChangesAreDebounced() {
		CapabilityReporter reporter = reporter(RandomGenerator.getDefault());

		reporter.capacityChanged();
		reporter.capacityChanged();
		assertThat(this.scheduled).hasSize(1);
		assertThat(this.scheduledAt).containsExactly(NOW.plusSeconds(1));

		this.scheduled.get(0).run();
		reporter.capacityChanged();
		assertThat(this.scheduled).hasSize(2);
		verify(this.scheduler).updateServiceCapabilities(any(), eq("node1@fake"), any(), eq(NOW));
	}

	/** The periodic report starts after a random delay within the fuzzy delay. */
	@Test
	void periodicReportStartsAfterFuzzyDelay() {
		RandomGenerator random = mock(RandomGenerator.class);
		when(random.nextLong(30_001)).thenReturn(12_345L);

		reporter(random).start();

		verify(this.tasks).scheduleAtFixedRate(any(Runnable.class), eq(NOW.plusMillis(12_345)),
				eq(Duration.ofSeconds(60)));
	}

	/** A failing send is logged, not thrown (the next report tries again). */
	@Test
	void failedReportIsSwallowed() {
		org.mockito.Mockito.doThrow(new IllegalStateException("broker away"))
			.when(this.scheduler)
			.updateServiceCapabilities(any(), any(), any(), any());

		CapabilityReporter reporter = reporter(RandomGenerator.getDefault());
		reporter.report();

		assertThat(reporter.lastReport()).isNotNull();
	}

}
