package io.basalt.scheduler.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.PoolState;

/**
 * Gauges {@code basalt.scheduler.pool.capacity} (GiB, tags {@code pool} and {@code kind} = total | free |
 * allocated | provisioned) for every usable pool, read live from the {@link HostManager} (so consumption shows at
 * once); NaN for an infinite or unknown capacity. {@link #sync} registers new pools and removes gone ones; it runs
 * after every service-status refresh.
 * <p>
 * Thread-safe; {@link #sync} is serialised.
 */
public class PoolCapacityGauges {

	private static final Map<String, ToDoubleFunction<PoolCapabilities>> KINDS = Map.of(
			"total", c -> gb(c.totalCapacityGb()), "free", c -> gb(c.freeCapacityGb()),
			"allocated", PoolCapabilities::allocatedCapacityGb, "provisioned", PoolCapabilities::provisionedCapacityGb);

	private final MeterRegistry registry;

	private final HostManager hostManager;

	private final Map<String, List<Meter.Id>> registered = new ConcurrentHashMap<>();

	public PoolCapacityGauges(MeterRegistry registry, HostManager hostManager) {
		this.registry = registry;
		this.hostManager = hostManager;
	}

	/** Brings the gauges in line with the current usable pools. */
	public synchronized void sync() {
		Set<String> current = new HashSet<>();
		for (PoolState pool : this.hostManager.usablePools()) {
			current.add(pool.name());
			this.registered.computeIfAbsent(pool.name(), this::register);
		}
		this.registered.keySet().removeIf(name -> {
			if (current.contains(name)) {
				return false;
			}
			this.registered.get(name).forEach(this.registry::remove);
			return true;
		});
	}

	/** Pools with gauges. */
	public Set<String> pools() {
		return Set.copyOf(this.registered.keySet());
	}

	private List<Meter.Id> register(String pool) {
		return KINDS.entrySet().stream().map(kind -> Gauge.builder("basalt.scheduler.pool.capacity", this.hostManager,
				hm -> hm.usablePool(pool).map(p -> kind.getValue().applyAsDouble(p.capabilities())).orElse(Double.NaN))
			.description("Pool capacity as the scheduler sees it")
			.baseUnit("gigabytes")
			.tag("pool", pool)
			.tag("kind", kind.getKey())
			.register(this.registry)
			.getId()).toList();
	}

	private static double gb(Capacity capacity) {
		return (capacity instanceof Capacity.Known k) ? k.gb() : Double.NaN;
	}

}
