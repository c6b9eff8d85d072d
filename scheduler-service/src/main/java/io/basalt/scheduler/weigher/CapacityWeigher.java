package io.basalt.scheduler.weigher;

import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;
import io.basalt.scheduler.host.VirtualCapacity;

/**
 * Weighs pools by virtual free capacity (Cinder's {@code CapacityWeigher}, same arithmetic as the capacity
 * filter, see {@link VirtualCapacity}). A positive multiplier spreads volumes over the emptiest pools, a negative
 * one stacks them on the fullest. A pool with infinite or unknown capacity weighs −1 with a positive multiplier
 * and +∞ with a negative one, so it comes last either way. Immutable and thread-safe.
 */
public final class CapacityWeigher implements HostWeigher {

	private final double multiplier;

	public CapacityWeigher(double multiplier) {
		this.multiplier = multiplier;
	}

	@Override
	public double multiplier() {
		return this.multiplier;
	}

	@Override
	public double weigh(PoolState pool, RequestSpec request) {
		return weigh(pool, !VirtualCapacity.isThick(request.volumeType().extraSpecs()));
	}

	private double weigh(PoolState pool, boolean thin) {
		if (!pool.capacityKnown()) {
			return (this.multiplier > 0) ? -1 : Double.POSITIVE_INFINITY;
		}
		return pool.virtualFree(thin);
	}

	@Override
	public HostWeigher forRequest(RequestSpec request) {
		boolean thin = !VirtualCapacity.isThick(request.volumeType().extraSpecs());
		CapacityWeigher self = this;
		return new HostWeigher() {

			@Override
			public String name() {
				return self.name();
			}

			@Override
			public double multiplier() {
				return self.multiplier;
			}

			@Override
			public double weigh(PoolState pool, RequestSpec r) {
				return self.weigh(pool, thin);
			}
		};
	}

}
