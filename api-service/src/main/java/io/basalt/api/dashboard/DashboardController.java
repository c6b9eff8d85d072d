package io.basalt.api.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.basalt.api.metrics.OperationalQueries;
import io.basalt.api.metrics.ServiceBeat;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.scheduler.Pool;
import io.basalt.common.scheduler.PoolFilters;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.Rpc;
import io.basalt.rpc.RpcClient;
import io.basalt.rpc.Target;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code GET /dashboard} (the page) and {@code GET /dashboard/api/summary}: services with up/down and heartbeat
 * age, pools with capacity (a {@code get_pools} call with a short timeout; on no answer the pools are empty and
 * {@code pools_error} says why), live volumes by status, and creates over the last five minutes (count and
 * create → available p50/p99 from the database) plus the api's {@code basalt.api.volumes.created} counter.
 * The summary is computed at most once per {@value #CACHE_MILLIS} ms, however many pages poll it.
 */
@Controller
class DashboardController {

	private static final Logger log = LoggerFactory.getLogger(DashboardController.class);

	static final long CACHE_MILLIS = 2000;

	static final Duration POOLS_TIMEOUT = Duration.ofSeconds(3);

	static final Duration CREATE_WINDOW = Duration.ofMinutes(5);

	private final OperationalQueries queries;

	private final Supplier<Pool[]> pools;

	private final MeterRegistry meters;

	private final Clock clock;

	private final Duration downTime;

	private volatile Cached cached;

	@Autowired
	DashboardController(OperationalQueries queries, Rpc rpc, BasaltRpcProperties rpcProperties,
			MeterRegistry meters, Clock clock, io.basalt.common.service.BasaltServiceProperties serviceProperties) {
		this(queries, poolsCall(rpc, rpcProperties), meters, clock, serviceProperties.serviceDownTime());
	}

	DashboardController(OperationalQueries queries, Supplier<Pool[]> pools, MeterRegistry meters, Clock clock,
			Duration downTime) {
		this.queries = queries;
		this.pools = pools;
		this.meters = meters;
		this.clock = clock;
		this.downTime = downTime;
	}

	/** A {@code get_pools} call on its own client, with a timeout short enough for a page refresh. */
	private static Supplier<Pool[]> poolsCall(Rpc rpc, BasaltRpcProperties properties) {
		Target target = Target.of(properties.controlExchange(), properties.schedulerTopic())
			.withVersion(SchedulerRpcApi.VERSION);
		RpcClient client = rpc.client(target, SchedulerRpcApi.VERSION, POOLS_TIMEOUT);
		return () -> client.call(RequestContext.admin(), "get_pools",
				new SchedulerRpcApi.GetPoolsArgs(PoolFilters.NONE), Pool[].class);
	}

	@GetMapping({ "/dashboard", "/dashboard/" })
	String page() {
		return "forward:/dashboard/index.html";
	}

	@GetMapping("/dashboard/api/summary")
	@ResponseBody
	Map<String, Object> summary() {
		Cached c = this.cached;
		long now = this.clock.millis();
		if (c == null || now - c.at >= CACHE_MILLIS) {
			c = new Cached(now, compute());
			this.cached = c;
		}
		return c.summary;
	}

	Map<String, Object> compute() {
		Instant now = this.clock.instant();
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("generated_at", now.toString());
		List<Map<String, Object>> services = new ArrayList<>();
		for (ServiceBeat s : this.queries.services()) {
			Map<String, Object> v = new LinkedHashMap<>();
			v.put("binary", s.binary());
			v.put("host", s.host());
			v.put("state", s.up(now, this.downTime) ? "up" : "down");
			v.put("disabled", s.disabled());
			v.put("heartbeat_age_seconds", Math.round(s.ageSeconds(now) * 10) / 10.0);
			services.add(v);
		}
		out.put("services", services);
		List<Map<String, Object>> pools = new ArrayList<>();
		String poolsError = null;
		try {
			Pool[] answer = this.pools.get();
			for (Pool p : (answer != null) ? answer : new Pool[0]) {
				pools.add(pool(p));
			}
		}
		catch (RuntimeException ex) {
			poolsError = "get_pools failed: " + ex.getClass().getSimpleName();
			log.debug("Dashboard get_pools failed", ex);
		}
		out.put("pools", pools);
		out.put("pools_error", poolsError);
		out.put("volumes_by_status", this.queries.volumesByStatus());
		OperationalQueries.CreateStats stats = this.queries.createStats(now.minus(CREATE_WINDOW));
		Counter created = this.meters.find(io.basalt.api.metrics.MeterNames.VOLUMES_ACCEPTED).counter();
		Map<String, Object> creates = new LinkedHashMap<>();
		creates.put("window_seconds", CREATE_WINDOW.toSeconds());
		creates.put("created", stats.created());
		creates.put("available", stats.available());
		creates.put("per_minute", stats.created() / (double) CREATE_WINDOW.toMinutes());
		creates.put("latency_p50_seconds", stats.p50Seconds());
		creates.put("latency_p99_seconds", stats.p99Seconds());
		creates.put("accepted_total", (created != null) ? (long) created.count() : 0L);
		out.put("creates", creates);
		return out;
	}

	private static Map<String, Object> pool(Pool p) {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("name", p.name());
		PoolCapabilities c = p.capabilities();
		v.put("total_gb", (c != null) ? gb(c.totalCapacityGb()) : null);
		v.put("free_gb", (c != null) ? gb(c.freeCapacityGb()) : null);
		v.put("allocated_gb", (c != null) ? c.allocatedCapacityGb() : null);
		v.put("provisioned_gb", (c != null) ? c.provisionedCapacityGb() : null);
		v.put("volumes", (c != null) ? c.totalVolumes() : null);
		return v;
	}

	/** GiB, or null when infinite or unknown. */
	private static Double gb(Capacity capacity) {
		return (capacity instanceof Capacity.Known k) ? k.gb() : null;
	}

	private record Cached(long at, Map<String, Object> summary) {
	}

}
