package io.basalt.common.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.transport.amqp.AmqpRpc;
import io.basalt.rpc.transport.amqp.AmqpRpcOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Simulated volume backends for the scale bench (docs/benchmarks.md, "Scale (issue 12)"): registers N backends of
 * P pools each in {@code services} (binary {@code basalt-volume}, disabled, so that no real create is placed on
 * them; the scheduler ignores reports of backends without a row) and sends their capability reports through the
 * real RabbitMQ, the way a volume service does ({@link SchedulerRpcApi#updateServiceCapabilities}: a fanout cast
 * to every scheduler), every backend once per interval, spread evenly. It measures the running scheduler from
 * outside: CPU from {@code /proc/<pid>/stat} over the reports less the same time idle, the heap that the host
 * table takes ({@code jcmd GC.class_histogram} totals before the first report and after the last), and what the
 * scheduler says of itself ({@code /actuator/prometheus}: backends known, dispatch time). The rows are marked
 * deleted at the end. Run by {@code common-service/capability-flood.sh}; hand-written because no tool sends
 * oslo-style casts with Basalt's records. Single-threaded.
 */
public final class CapabilityFlood {

	private CapabilityFlood() {
	}

	record Options(URI amqp, String jdbc, int backends, int pools, Duration interval, int rounds, long schedulerPid,
			URI schedulerUrl) {

		static Options parse(String[] args) {
			Map<String, String> m = new java.util.HashMap<>();
			for (int k = 0; k + 1 < args.length; k += 2) {
				m.put(args[k], args[k + 1]);
			}
			if (!m.containsKey("--scheduler-pid")) {
				throw new IllegalArgumentException("usage: capability-flood.sh --scheduler-pid PID [--amqp URI] "
						+ "[--jdbc URL] [--backends 1000] [--pools 10] [--interval 60s] [--rounds 3] "
						+ "[--scheduler-url http://127.0.0.1:8777]");
			}
			return new Options(URI.create(m.getOrDefault("--amqp", "amqp://guest:guest@127.0.0.1:5672/%2F")),
					m.getOrDefault("--jdbc", "jdbc:postgresql://127.0.0.1:5432/basalt_bench?user=postgres"),
					Integer.parseInt(m.getOrDefault("--backends", "1000")),
					Integer.parseInt(m.getOrDefault("--pools", "10")),
					Duration.parse("PT" + m.getOrDefault("--interval", "60s").toUpperCase()),
					Integer.parseInt(m.getOrDefault("--rounds", "3")), Long.parseLong(m.get("--scheduler-pid")),
					URI.create(m.getOrDefault("--scheduler-url", "http://127.0.0.1:8777")));
		}

	}

	public static void main(String[] args) throws Exception {
		Options o = Options.parse(args);
		SchedulerProbe scheduler = new SchedulerProbe(o.schedulerPid(), o.schedulerUrl());
		Map<String, Long> heapBefore = scheduler.histogram();
		int knownBefore = (int) scheduler.metric("basalt_scheduler_backends_known");
		try (Connection db = DriverManager.getConnection(o.jdbc());
				AmqpRpc rpc = AmqpRpc.create(o.amqp(), AmqpRpcOptions.defaults().withExchange("basalt"),
						new SimpleMeterRegistry())) {
			register(db, o.backends());
			SchedulerRpcApi api = new SchedulerRpcApi(rpc,
					new BasaltRpcProperties("basalt", "basalt-scheduler", "basalt-volume", Duration.ofSeconds(60),
							Duration.ofSeconds(30), 4, 16, true));
			List<BackendCapabilities> reports = new ArrayList<>();
			for (int b = 0; b < o.backends(); b++) {
				reports.add(capabilities(b, o.pools()));
			}
			// one round unmeasured: the scheduler reads the new rows and fills its table
			System.err.printf("warm-up round: %d backends x %d pools...%n", o.backends(), o.pools());
			round(api, reports, o.interval(), db);
			Thread.sleep(2000);
			double idleStart = scheduler.cpuSeconds();
			long t0 = System.nanoTime();
			Thread.sleep(o.interval().toMillis());
			double idleCpu = scheduler.cpuSeconds() - idleStart;
			double idleWall = (System.nanoTime() - t0) / 1e9;
			double dispatchCount0 = scheduler.metric(
					"basalt_rpc_dispatch_seconds_count{method=\"update_service_capabilities\",outcome=\"success\"");
			double dispatchSum0 = scheduler.metric(
					"basalt_rpc_dispatch_seconds_sum{method=\"update_service_capabilities\",outcome=\"success\"");
			double cpu0 = scheduler.cpuSeconds();
			long t1 = System.nanoTime();
			for (int r = 0; r < o.rounds(); r++) {
				System.err.printf("round %d of %d...%n", r + 1, o.rounds());
				round(api, reports, o.interval(), db);
			}
			Thread.sleep(1000);
			double cpu = scheduler.cpuSeconds() - cpu0;
			double wall = (System.nanoTime() - t1) / 1e9;
			double dispatched = scheduler.metric(
					"basalt_rpc_dispatch_seconds_count{method=\"update_service_capabilities\",outcome=\"success\"")
					- dispatchCount0;
			double dispatchSeconds = scheduler.metric(
					"basalt_rpc_dispatch_seconds_sum{method=\"update_service_capabilities\",outcome=\"success\"")
					- dispatchSum0;
			int known = (int) scheduler.metric("basalt_scheduler_backends_known");
			Map<String, Long> heapAfter = scheduler.histogram();
			long reportsSent = (long) o.backends() * o.rounds();
			double netCpu = cpu - idleCpu / idleWall * wall;
			System.out.printf("backends: %d x %d pools, %d rounds every %s; the scheduler knows %d backends "
					+ "(%d before)%n", o.backends(), o.pools(), o.rounds(), o.interval(), known, knownBefore);
			System.out.printf("reports sent: %d, dispatched by the scheduler: %.0f, mean dispatch %.3f ms%n",
					reportsSent, dispatched, dispatched > 0 ? dispatchSeconds / dispatched * 1000 : 0);
			System.out.printf("scheduler CPU: %.2f s over %.1f s of reports, %.2f s idle over %.1f s -> %.3f ms per "
					+ "report%n", cpu, wall, idleCpu, idleWall, netCpu / reportsSent * 1000);
			System.out.printf("at one report per backend every 60 s: %.2f%% of one core%n",
					netCpu / o.rounds() / 60.0 * 100);
			long grew = heapAfter.get("Total") - heapBefore.get("Total");
			System.out.printf("host table: heap after full GC %.1f MiB before, %.1f MiB after (%+.1f MiB, %.0f bytes "
					+ "per pool); grown most:%n", heapBefore.get("Total") / 1048576.0,
					heapAfter.get("Total") / 1048576.0, grew / 1048576.0,
					(double) grew / ((long) o.backends() * o.pools()));
			SchedulerProbe.grown(heapBefore, heapAfter, 12)
				.forEach(e -> System.out.printf("  %+10.1f KiB  %s%n", e.getValue() / 1024.0, e.getKey()));
		}
		finally {
			try (Connection db = DriverManager.getConnection(o.jdbc())) {
				unregister(db);
			}
		}
	}

	/** Every backend once, spread evenly over the interval; the services rows' heartbeats bumped first. */
	private static void round(SchedulerRpcApi api, List<BackendCapabilities> reports, Duration interval,
			Connection db) throws SQLException, InterruptedException {
		try (PreparedStatement s = db.prepareStatement(
				"UPDATE services SET updated_at = now() WHERE host LIKE 'sim-%@sim' AND NOT deleted")) {
			s.executeUpdate();
		}
		long start = System.nanoTime();
		long gap = interval.toNanos() / reports.size();
		for (int b = 0; b < reports.size(); b++) {
			long due = start + b * gap;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			api.updateServiceCapabilities(RequestContext.admin(), host(b), reports.get(b), Instant.now());
		}
		long rest = start + interval.toNanos() - System.nanoTime();
		if (rest > 0) {
			Thread.sleep(rest / 1_000_000);
		}
	}

	static String host(int b) {
		return String.format("sim-%04d@sim", b);
	}

	/** A backend's report as a volume service sends it: P thin pools, some capacity used. */
	static BackendCapabilities capabilities(int b, int pools) {
		List<PoolCapabilities> list = new ArrayList<>();
		for (int p = 0; p < pools; p++) {
			double total = 10_000 + 100 * p;
			list.add(new PoolCapabilities("pool-" + p, Capacity.of(total), Capacity.of(total * 0.6), total * 0.4,
					total * 0.5, 20.0, 0, true, false, 100 + b % 50, false,
					Map.of("storage_tier", (p % 2 == 0) ? "gold" : "silver")));
		}
		return new BackendCapabilities("sim", "Basalt", "1.0", "iSCSI", "nova", list);
	}

	private static void register(Connection db, int backends) throws SQLException {
		unregister(db);
		try (PreparedStatement s = db.prepareStatement("""
				INSERT INTO services (host, "binary", topic, availability_zone, disabled, disabled_reason, created_at,
				                      updated_at)
				VALUES (?, 'basalt-volume', 'basalt-volume', 'nova', true, 'capability flood (scale bench)', now(),
				        now())""")) {
			for (int b = 0; b < backends; b++) {
				s.setString(1, host(b));
				s.addBatch();
			}
			s.executeBatch();
		}
	}

	private static void unregister(Connection db) throws SQLException {
		try (PreparedStatement s = db.prepareStatement(
				"UPDATE services SET deleted = true, deleted_at = now() WHERE host LIKE 'sim-%@sim' AND NOT deleted")) {
			s.executeUpdate();
		}
	}

}
