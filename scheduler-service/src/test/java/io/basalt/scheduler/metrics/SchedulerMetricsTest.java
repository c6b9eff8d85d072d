package io.basalt.scheduler.metrics;

import static io.basalt.scheduler.Pools.T0;
import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.basalt.scheduler.MutableClock;
import io.basalt.scheduler.filter.FilterResult;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.ServiceStatus;
import io.basalt.scheduler.scheduling.DecisionListener.Outcome;

class SchedulerMetricsTest {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MutableClock clock = new MutableClock(T0);

	private final HostManager hosts = new HostManager(this.clock, Duration.ofSeconds(60));

	/** Decisions count by outcome, time is recorded, and filter rejections count by filter. */
	@Test
	void countsDecisionsAndRejections() {
		var metrics = new SchedulerMetrics(this.registry, this.hosts);
		var filtered = new FilterResult(3, List.of(),
				List.of(new FilterResult.Step("CapacityFilter", 3, 2, List.of()),
						new FilterResult.Step("CapabilitiesFilter", 1, 1, List.of())));

		metrics.decided(Outcome.NO_VALID_BACKEND, filtered, Duration.ofMillis(2));
		metrics.decided(Outcome.CHOSEN, null, Duration.ofMillis(1));

		assertThat(count("no_valid_backend")).isEqualTo(1);
		assertThat(count("chosen")).isEqualTo(1);
		assertThat(count("rescheduled")).isZero();
		assertThat(this.registry.get("basalt.scheduler.decision.time").timer().count()).isEqualTo(2);
		assertThat(this.registry.get("basalt.scheduler.filter.rejections").tag("filter", "CapacityFilter")
			.counter()
			.count()).isEqualTo(2);
	}

	/** Every outcome and every enabled filter's rejections exist at 0 before the first decision. */
	@Test
	void registersEveryOutcomeAndEnabledFilterAtZero() {
		new SchedulerMetrics(this.registry, this.hosts, List.of("CapacityFilter", "RetryFilter"));

		assertThat(count("chosen")).isZero();
		assertThat(count("rescheduled")).isZero();
		assertThat(count("no_valid_backend")).isZero();
		assertThat(this.registry.find("basalt.scheduler.filter.rejections").counters())
			.extracting(c -> c.getId().getTag("filter"))
			.containsExactlyInAnyOrder("CapacityFilter", "RetryFilter");
	}

	/** A rescheduled decision counts under its own outcome. */
	@Test
	void countsRescheduled() {
		var metrics = new SchedulerMetrics(this.registry, this.hosts, List.of());

		metrics.decided(Outcome.RESCHEDULED, null, Duration.ofMillis(1));

		assertThat(count("rescheduled")).isEqualTo(1);
		assertThat(count("chosen")).isZero();
	}

	/** Known and stale backends are gauged. */
	@Test
	void gaugesKnownAndStaleBackends() {
		new SchedulerMetrics(this.registry, this.hosts);
		this.hosts.updateServiceStatuses(List.of(new ServiceStatus("n1@lvm", "nova", false, null, T0),
				new ServiceStatus("n2@lvm", "nova", true, "maintenance", T0)));
		this.hosts.updateCapabilities("n1@lvm", report(pool("n1@lvm#a").caps()), T0);
		this.hosts.updateCapabilities("n2@lvm", report(pool("n2@lvm#a").caps()), T0);
		this.hosts.updateCapabilities("intruder@lvm", report(pool("intruder@lvm#a").caps()), T0);
		this.hosts.updateCapabilities("n1@lvm", report(pool("n1@lvm#a").caps()), T0.plusSeconds(3600));

		assertThat(this.registry.get("basalt.scheduler.backends.known").gauge().value()).isEqualTo(2);
		assertThat(this.registry.get("basalt.scheduler.backends.stale").gauge().value()).isEqualTo(1);
		assertThat(this.registry.get("basalt.scheduler.capability.reports.ignored").functionCounter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("basalt.scheduler.capability.reports.clamped").functionCounter().count())
			.isEqualTo(1);
	}

	/** Pool capacity gauges follow consumption live and disappear with the pool. */
	@Test
	void poolCapacityGauges() {
		var gauges = new PoolCapacityGauges(this.registry, this.hosts);
		this.hosts.updateServiceStatuses(List.of(new ServiceStatus("n1@lvm", "nova", false, null, T0)));
		this.hosts.updateCapabilities("n1@lvm", report(pool("n1@lvm#a").free(80).allocated(20).caps()), T0);
		gauges.sync();

		this.hosts.consume("n1@lvm#a", 5);

		assertThat(capacity("free")).isEqualTo(75);
		assertThat(capacity("allocated")).isEqualTo(25);
		assertThat(capacity("total")).isEqualTo(100);
		assertThat(capacity("provisioned")).isEqualTo(5);

		this.clock.advance(Duration.ofSeconds(61));
		gauges.sync();
		assertThat(gauges.pools()).isEmpty();
		assertThat(this.registry.find("basalt.scheduler.pool.capacity").gauges()).isEmpty();
	}

	private double count(String outcome) {
		return this.registry.get("basalt.scheduler.decisions").tag("outcome", outcome).counter().count();
	}

	private double capacity(String kind) {
		return this.registry.get("basalt.scheduler.pool.capacity")
			.tag("pool", "n1@lvm#a")
			.tag("kind", kind)
			.gauge()
			.value();
	}

}
