package io.basalt.scheduler.scheduling;

import static io.basalt.scheduler.Pools.T0;
import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.report;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.basalt.common.capability.Capacity;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RetryInfo;
import io.basalt.scheduler.MutableClock;
import io.basalt.scheduler.filter.FilterCatalog;
import io.basalt.scheduler.filter.FilterResult;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.ServiceStatus;
import io.basalt.scheduler.scheduling.DecisionListener.Outcome;
import io.basalt.scheduler.weigher.ChoiceMode;
import io.basalt.scheduler.weigher.CapacityWeigher;
import io.basalt.scheduler.weigher.WeighingHandler;

class FilterSchedulerTest {

	private static final List<String> FILTERS = List.of("AvailabilityZoneFilter", "CapacityFilter",
			"CapabilitiesFilter", "RetryFilter", "SameBackendFilter", "DifferentBackendFilter");

	private final MutableClock clock = new MutableClock(T0);

	private final HostManager hosts = new HostManager(this.clock, Duration.ofSeconds(60));

	private final List<Outcome> outcomes = new ArrayList<>();

	private FilterScheduler scheduler;

	@BeforeEach
	void setUp() {
		this.hosts.updateServiceStatuses(List.of(new ServiceStatus("n1@lvm", "nova", false, null, T0),
				new ServiceStatus("n2@lvm", "nova", false, null, T0)));
		// n1: 100 GiB, n2: 60 GiB, thick-only pools so that free space decides.
		this.hosts.updateCapabilities("n1@lvm", report(pool("n1@lvm#a").total(100).free(100).thin(false).caps()), T0);
		this.hosts.updateCapabilities("n2@lvm", report(pool("n2@lvm#a").total(60).free(60).thin(false).caps()), T0);
		this.scheduler = scheduler(3);
	}

	private FilterScheduler scheduler(int maxAttempts) {
		var weighing = new WeighingHandler(List.of(new CapacityWeigher(1.0)), ChoiceMode.ORDERED, 1, new Random(1));
		return new FilterScheduler(this.hosts, new FilterCatalog(List.of()).chain(FILTERS), weighing, maxAttempts,
				(outcome, filtered, elapsed) -> this.outcomes.add(outcome));
	}

	/** The emptiest pool wins, its capacity is consumed at once, and the next request sees it. */
	@Test
	void consumesSoTheNextRequestSeesIt() {
		var first = (ScheduleResult.Chosen) this.scheduler.schedule(request(50), FilterProperties.FIRST_ATTEMPT);
		var second = (ScheduleResult.Chosen) this.scheduler.schedule(request(20), FilterProperties.FIRST_ATTEMPT);

		assertThat(first.host()).isEqualTo("n1@lvm#a");
		assertThat(second.host()).isEqualTo("n2@lvm#a");
		assertThat(this.hosts.usablePool("n1@lvm#a").orElseThrow().capabilities().freeCapacityGb())
			.isEqualTo(Capacity.of(50));
		assertThat(this.hosts.usablePool("n1@lvm#a").orElseThrow().capabilities().totalVolumes()).isEqualTo(1);
		assertThat(this.outcomes).containsExactly(Outcome.CHOSEN, Outcome.CHOSEN);
	}

	/** The chosen pool is added to the tried backends sent on to the volume service. */
	@Test
	void chosenPoolIsRecordedInRetryInfo() {
		var chosen = (ScheduleResult.Chosen) this.scheduler.schedule(request(1), FilterProperties.FIRST_ATTEMPT);

		assertThat(chosen.nextProperties().retry().backends()).containsExactly("n1@lvm#a");
		assertThat(chosen.nextProperties().retry().numAttempts()).isEqualTo(1);
	}

	/** A rescheduled request skips the backend that failed and counts as rescheduled. */
	@Test
	void rescheduleSkipsTriedBackend() {
		var retry = new FilterProperties(new RetryInfo(2, List.of("n1@lvm#a"), "driver failed"));

		var chosen = (ScheduleResult.Chosen) this.scheduler.schedule(request(10), retry);

		assertThat(chosen.host()).isEqualTo("n2@lvm#a");
		assertThat(chosen.nextProperties().retry().backends()).containsExactly("n1@lvm#a", "n2@lvm#a");
		assertThat(this.outcomes).containsExactly(Outcome.RESCHEDULED);
	}

	/** No pool passes → no valid backend, with the filters' account. */
	@Test
	void noValidBackendExplainsWhichFilterRemovedPools() {
		var result = this.scheduler.schedule(request(1, Map.of("volume_backend_name", "ceph")),
				FilterProperties.FIRST_ATTEMPT);

		assertThat(result).isInstanceOf(ScheduleResult.NoValidBackend.class);
		var none = (ScheduleResult.NoValidBackend) result;
		assertThat(none.reason()).startsWith("No valid backend was found. CapabilitiesFilter removed 2 of 2 pools: ")
			.contains("n1@lvm#a (volume_backend_name: 'lvm' does not match 'ceph')");
		assertThat(none.filtered().steps()).extracting(FilterResult.Step::removed).containsExactly(0, 0, 2, 0, 0, 0);
		assertThat(this.outcomes).containsExactly(Outcome.NO_VALID_BACKEND);
	}

	/** Too big for every pool → the capacity filter is blamed. */
	@Test
	void tooBigForEveryPool() {
		var none = (ScheduleResult.NoValidBackend) this.scheduler.schedule(request(500),
				FilterProperties.FIRST_ATTEMPT);

		assertThat(none.reason()).startsWith("No valid backend was found. CapacityFilter removed 2 of 2 pools");
	}

	/** Attempts beyond scheduler_max_attempts fail with the last error, before any filtering. */
	@ParameterizedTest(name = "max {0}, attempt {1} -> chosen {2}")
	@CsvSource({ "3, 1, true", "3, 3, true", "3, 4, false", "1, 1, true", "1, 2, false" })
	void maxAttempts(int max, int attempt, boolean chosen) {
		var props = new FilterProperties(new RetryInfo(attempt, List.of(), "disk on fire"));

		ScheduleResult result = scheduler(max).schedule(request(1), props);

		assertThat(result instanceof ScheduleResult.Chosen).isEqualTo(chosen);
		if (!chosen) {
			assertThat(((ScheduleResult.NoValidBackend) result).reason())
				.isEqualTo("Exceeded max scheduling attempts " + max + " for volume "
						+ request(1).volumeId() + "; last error: disk on fire");
		}
	}

	/** Stale backends are not candidates. */
	@Test
	void staleBackendsAreNotCandidates() {
		this.clock.advance(Duration.ofSeconds(61));

		var none = (ScheduleResult.NoValidBackend) this.scheduler.schedule(request(1),
				FilterProperties.FIRST_ATTEMPT);

		assertThat(none.reason()).contains("no usable pool is known");
	}

	/** release gives back what a decision consumed. */
	@Test
	void releaseRevertsConsumption() {
		var chosen = (ScheduleResult.Chosen) this.scheduler.schedule(request(30), FilterProperties.FIRST_ATTEMPT);

		this.scheduler.release(chosen, 30);

		assertThat(this.hosts.usablePool("n1@lvm#a").orElseThrow().capabilities().freeCapacityGb())
			.isEqualTo(Capacity.of(100));
	}

	/** An extend needs room for the delta only, and consumes it. */
	@ParameterizedTest(name = "{0}: {1} -> {2} GiB allowed {3}")
	@CsvSource({ "n2@lvm#a, 10, 70, true", "n2@lvm#a, 10, 71, false", "n2@lvm, 10, 70, true",
			"n9@lvm#a, 10, 11, false" })
	void extendChecksTheDelta(String host, int current, int newSize, boolean allowed) {
		ExtendDecision d = this.scheduler.checkExtend(host, current, newSize, request(current));

		assertThat(d.allowed()).isEqualTo(allowed);
		if (allowed) {
			assertThat(this.hosts.usablePool("n2@lvm#a").orElseThrow().capabilities().freeCapacityGb())
				.isEqualTo(Capacity.of(60 - (newSize - current)));
		}
		else {
			assertThat(d.reason()).isNotBlank();
		}
	}

}
