package io.basalt.scheduler.metrics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.basalt.scheduler.filter.FilterResult;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.scheduling.DecisionListener;

/**
 * The scheduler's decision meters:
 * <ul>
 * <li>{@code basalt.scheduler.decisions} (counter, tag {@code outcome} = chosen | rescheduled |
 * no_valid_backend);</li>
 * <li>{@code basalt.scheduler.decision.time} (timer of the in-memory decision);</li>
 * <li>{@code basalt.scheduler.filter.rejections} (counter of pools removed, tag {@code filter});</li>
 * <li>{@code basalt.scheduler.backends.known} and {@code basalt.scheduler.backends.stale} (gauges: backends
 * that reported, and those of them not usable now).</li>
 * </ul>
 * Every outcome, and the rejections of every enabled filter, exist from the start at 0 (so that rates and
 * dashboards see them before the first event); counters are cached, so a decision does no registry look-up.
 * Thread-safe (Micrometer meters are).
 */
public class SchedulerMetrics implements DecisionListener {

	private final MeterRegistry registry;

	private final Timer decisionTime;

	private final Map<Outcome, Counter> decisions = new ConcurrentHashMap<>();

	private final Map<String, Counter> rejections = new ConcurrentHashMap<>();

	public SchedulerMetrics(MeterRegistry registry, HostManager hostManager) {
		this(registry, hostManager, List.of());
	}

	/** @param filters the names of the enabled filters, whose rejection counters start at 0 */
	public SchedulerMetrics(MeterRegistry registry, HostManager hostManager, Collection<String> filters) {
		this.registry = registry;
		this.decisionTime = Timer.builder("basalt.scheduler.decision.time")
			.description("Time to choose a pool for one request (filters, weighers, choice)")
			.publishPercentileHistogram()
			.register(registry);
		for (Outcome outcome : Outcome.values()) {
			decisions(outcome);
		}
		filters.forEach(this::rejections);
		Gauge.builder("basalt.scheduler.backends.known", hostManager, HostManager::knownBackends)
			.description("Backends that have reported capabilities")
			.register(registry);
		Gauge.builder("basalt.scheduler.backends.stale", hostManager, HostManager::unusableBackends)
			.description("Reported backends skipped now: stale report, service down, disabled or unknown")
			.register(registry);
		FunctionCounter
			.builder("basalt.scheduler.capability.reports.ignored", hostManager, HostManager::unknownBackendReports)
			.description("Capability reports ignored because their backend has no services row")
			.register(registry);
		FunctionCounter.builder("basalt.scheduler.capability.reports.clamped", hostManager, HostManager::clampedReports)
			.description("Capability reports dated ahead of the scheduler's clock (taken as received now)")
			.register(registry);
	}

	private Counter decisions(Outcome outcome) {
		return this.decisions.computeIfAbsent(outcome, o -> Counter.builder("basalt.scheduler.decisions")
			.description("Scheduling decisions by outcome")
			.tag("outcome", o.tag())
			.register(this.registry));
	}

	private Counter rejections(String filter) {
		return this.rejections.computeIfAbsent(filter, f -> Counter.builder("basalt.scheduler.filter.rejections")
			.description("Pools removed by a filter")
			.tag("filter", f)
			.register(this.registry));
	}

	@Override
	public void decided(Outcome outcome, FilterResult filtered, Duration elapsed) {
		decisions(outcome).increment();
		this.decisionTime.record(elapsed);
		if (filtered == null) {
			return;
		}
		for (FilterResult.Step step : filtered.steps()) {
			if (step.removed() > 0) {
				rejections(step.filter()).increment(step.removed());
			}
		}
	}

}
