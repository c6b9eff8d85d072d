package io.basalt.scheduler.weigher;

import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * Weighs pools by their number of volumes (Cinder's {@code VolumeNumberWeigher}), read from the in-memory table
 * (the reported count plus this scheduler's placements) rather than from the database; with the default negative
 * multiplier the pool with the fewest volumes wins. Immutable and thread-safe.
 */
public final class VolumeNumberWeigher implements HostWeigher {

	private final double multiplier;

	public VolumeNumberWeigher(double multiplier) {
		this.multiplier = multiplier;
	}

	@Override
	public double multiplier() {
		return this.multiplier;
	}

	@Override
	public double weigh(PoolState pool, RequestSpec request) {
		return pool.totalVolumes();
	}

}
