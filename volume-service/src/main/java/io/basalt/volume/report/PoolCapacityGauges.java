package io.basalt.volume.report;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges of the last reported capacity of each pool of one backend: {@code basalt.volume.pool.capacity.gb} (
 * tagged {@code backend}, {@code pool}, {@code kind} = total/free/allocated/provisioned; NaN when infinite or
 * unknown) and {@code basalt.volume.pool.volumes}. Gauges of a pool that vanished from the reports read NaN.
 * <p>
 * Thread-safe: {@link #update} swaps an immutable map that the gauges read.
 */
public class PoolCapacityGauges {

	public static final String CAPACITY = "basalt.volume.pool.capacity.gb";

	public static final String VOLUMES = "basalt.volume.pool.volumes";

	private final MeterRegistry registry;

	private final String backend;

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	private volatile Map<String, PoolCapabilities> latest = Map.of();

	public PoolCapacityGauges(MeterRegistry registry, String backend) {
		this.registry = registry;
		this.backend = backend;
	}

	/** Records a report. */
	public void update(BackendCapabilities capabilities) {
		Map<String, PoolCapabilities> pools = new ConcurrentHashMap<>();
		capabilities.pools().forEach(p -> pools.put(p.poolName(), p));
		this.latest = Map.copyOf(pools);
		pools.keySet().forEach(this::register);
	}

	private void register(String pool) {
		if (!this.registered.add(pool)) {
			return;
		}
		gauge(pool, "total", p -> gb(p.totalCapacityGb()));
		gauge(pool, "free", p -> gb(p.freeCapacityGb()));
		gauge(pool, "allocated", PoolCapabilities::allocatedCapacityGb);
		gauge(pool, "provisioned", PoolCapabilities::provisionedCapacityGb);
		Gauge.builder(VOLUMES, this, g -> g.read(pool, PoolCapabilities::totalVolumes))
			.description("Volumes on the pool at the last report")
			.tag("backend", this.backend)
			.tag("pool", pool)
			.register(this.registry);
	}

	private void gauge(String pool, String kind, ToDoubleFunction<PoolCapabilities> value) {
		Gauge.builder(CAPACITY, this, g -> g.read(pool, value))
			.description("Pool capacity at the last report")
			.tag("backend", this.backend)
			.tag("pool", pool)
			.tag("kind", kind)
			.register(this.registry);
	}

	private double read(String pool, ToDoubleFunction<PoolCapabilities> value) {
		PoolCapabilities p = this.latest.get(pool);
		return (p != null) ? value.applyAsDouble(p) : Double.NaN;
	}

	private static double gb(Capacity capacity) {
		return (capacity instanceof Capacity.Known known) ? known.gb() : Double.NaN;
	}

}
