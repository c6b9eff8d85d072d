package io.basalt.scheduler.weigher;

import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * Weighs pools by the GiB allocated on them (Cinder's {@code AllocatedCapacityWeigher}); with the default
 * negative multiplier the least allocated pool wins. Immutable and thread-safe.
 */
public final class AllocatedCapacityWeigher implements HostWeigher {

	private final double multiplier;

	public AllocatedCapacityWeigher(double multiplier) {
		this.multiplier = multiplier;
	}

	@Override
	public double multiplier() {
		return this.multiplier;
	}

	@Override
	public double weigh(PoolState pool, RequestSpec request) {
		return pool.allocatedCapacityGb();
	}

}
