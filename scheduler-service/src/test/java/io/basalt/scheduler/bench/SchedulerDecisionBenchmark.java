package io.basalt.scheduler.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.GroupSpec;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerHints;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.scheduler.filter.FilterCatalog;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.ServiceStatus;
import io.basalt.scheduler.scheduling.DecisionListener;
import io.basalt.scheduler.scheduling.FilterScheduler;
import io.basalt.scheduler.scheduling.ScheduleResult;
import io.basalt.scheduler.weigher.CapacityWeigher;
import io.basalt.scheduler.weigher.ChoiceMode;
import io.basalt.scheduler.weigher.VolumeNumberWeigher;
import io.basalt.scheduler.weigher.WeighingHandler;

/**
 * Time of one scheduling decision (usable pools → the six default filters → capacity and volume-number weighers →
 * ordered choice → consume) over 100, 1,000 and 10,000 pools (10 pools per backend, mixed capacities, an extra
 * spec and a zone that every pool satisfies, so that every filter and weigher sees every pool). Run with
 * {@code scheduler-service/jmh.sh}. {@link #scheduleGroupOf10Types} is the {@code create_group} decision of a group
 * of 10 volume types beside the plain one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms512m", "-Xmx512m" })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SchedulerDecisionBenchmark {

	@Param({ "100", "1000", "10000" })
	public int pools;

	private FilterScheduler scheduler;

	private RequestSpec request;

	/** A group of 10 volume types (each satisfied by every pool) and a group spec. */
	private RequestSpec groupRequest;

	@Setup(Level.Trial)
	public void setUp() {
		Clock clock = Clock.systemUTC();
		HostManager hosts = new HostManager(clock, Duration.ofDays(1));
		Random random = new Random(42);
		int backends = Math.max(1, this.pools / 10);
		List<ServiceStatus> services = new ArrayList<>();
		Map<String, BackendCapabilities> reports = new LinkedHashMap<>();
		Instant now = clock.instant();
		for (int b = 0; b < backends; b++) {
			String backend = "node" + b + "@lvm";
			services.add(new ServiceStatus(backend, "nova", false, null, now.plus(Duration.ofDays(1))));
			List<PoolCapabilities> pools = new ArrayList<>();
			for (int p = 0; p < 10; p++) {
				double total = 10_000 + random.nextInt(90_000);
				pools.add(new PoolCapabilities("pool" + p, Capacity.of(total), Capacity.of(total * 0.9), total * 0.1,
						total * 0.1, 20.0, 5, true, false, random.nextInt(500), false,
						Map.of("tier", (p % 2 == 0) ? "gold" : "silver", "compression", "True")));
			}
			reports.put(backend, new BackendCapabilities("lvm", "Open Source", "3.0.0", "iSCSI", "nova", pools));
		}
		// statuses first: a report of a backend without a services row is ignored
		hosts.updateServiceStatuses(services);
		reports.forEach((backend, report) -> hosts.updateCapabilities(backend, report, now));
		var filters = new FilterCatalog(List.of()).chain(List.of("AvailabilityZoneFilter", "CapacityFilter",
				"CapabilitiesFilter", "RetryFilter", "SameBackendFilter", "DifferentBackendFilter",
				"GroupVolumeTypesFilter"));
		var weighing = new WeighingHandler(List.of(new CapacityWeigher(1.0), new VolumeNumberWeigher(-1.0)),
				ChoiceMode.ORDERED, 1, new Random(1));
		this.scheduler = new FilterScheduler(hosts, filters, weighing, 3, DecisionListener.NONE);
		this.request = new RequestSpec("11111111-1111-1111-1111-111111111111", "p1", 1,
				new VolumeTypeSpec("t", "gold-or-silver", Map.of("volume_backend_name", "lvm", "capabilities:tier",
						"<or> gold <or> silver", "compression", "<is> True")),
				"nova", null, null, SchedulerHints.NONE);
		List<VolumeTypeSpec> types = new ArrayList<>();
		for (int t = 0; t < 10; t++) {
			types.add(new VolumeTypeSpec("t" + t, "type" + t, Map.of("volume_backend_name", "lvm", "capabilities:tier",
					"<or> gold <or> silver", "compression", "<is> True", "capabilities:total_capacity_gb",
					">= " + t)));
		}
		this.groupRequest = new RequestSpec(null, "p1", 0, types.get(0), "nova", null, null, SchedulerHints.NONE,
				new GroupSpec("22222222-2222-2222-2222-222222222222", "gt", Map.of("compression", "<is> True"),
						types));
	}

	@Benchmark
	public ScheduleResult schedule() {
		return this.scheduler.schedule(this.request, FilterProperties.FIRST_ATTEMPT);
	}

	/** The decision of {@code create_group} for a group of 10 volume types (GroupVolumeTypesFilter at work). */
	@Benchmark
	public ScheduleResult scheduleGroupOf10Types() {
		return this.scheduler.schedule(this.groupRequest, FilterProperties.FIRST_ATTEMPT);
	}

}
