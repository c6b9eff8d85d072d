package io.basalt.scheduler.host;

import java.util.Map;

import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;

/**
 * Cinder's capacity arithmetic over one pool, shared by the capacity filter and the capacity weigher so that both
 * see the same "virtual free" space (cinder-scheduler.md §5):
 * {@code reserved = floor(total × pct / 100)}, {@code avail = total − reserved};
 * thin: {@code total_available = avail × ratio}, {@code virtual_free = total_available − provisioned};
 * thick: {@code total_available = avail}, {@code virtual_free = min(free, avail − provisioned)};
 * both rounded to two decimals. The over-subscription ratio is the pool's when it supports thin provisioning,
 * else 1.
 *
 * @param totalAvailable what may be provisioned in all
 * @param virtualFree what may still be provisioned
 * @param ratio the over-subscription ratio applied
 * @param thin whether the request is thin (not {@code provisioning:type=thick})
 */
public record VirtualCapacity(double totalAvailable, double virtualFree, double ratio, boolean thin) {

	/** The extra spec that asks for thick provisioning. */
	public static final String PROVISIONING_TYPE = "provisioning:type";

	/** Whether a volume type's extra specs ask for thick provisioning. */
	public static boolean isThick(Map<String, String> extraSpecs) {
		String type = extraSpecs.get(PROVISIONING_TYPE);
		return type != null && "thick".equalsIgnoreCase(type.trim());
	}

	/** Whether both the total and the free capacity are known numbers. */
	public static boolean isKnown(PoolCapabilities pool) {
		return pool.totalCapacityGb() instanceof Capacity.Known && pool.freeCapacityGb() instanceof Capacity.Known;
	}

	/**
	 * The virtual capacity of a pool whose total and free capacities are known.
	 * @throws IllegalArgumentException if either is infinite or unknown
	 */
	public static VirtualCapacity of(PoolCapabilities pool, boolean thin) {
		if (!(pool.totalCapacityGb() instanceof Capacity.Known total)
				|| !(pool.freeCapacityGb() instanceof Capacity.Known free)) {
			throw new IllegalArgumentException("capacity of pool " + pool.poolName() + " is not known");
		}
		double ratio = pool.thinProvisioningSupport() ? pool.maxOverSubscriptionRatio() : 1.0;
		double reserved = Math.floor(total.gb() * pool.reservedPercentage() / 100.0);
		double avail = total.gb() - reserved;
		double provisioned = pool.provisionedCapacityGb();
		if (thin) {
			double totalAvailable = round2(avail * ratio);
			return new VirtualCapacity(totalAvailable, round2(totalAvailable - provisioned), ratio, true);
		}
		return new VirtualCapacity(round2(avail), round2(Math.min(free.gb(), avail - provisioned)), ratio, false);
	}

	private static double round2(double value) {
		return Math.round(value * 100.0) / 100.0;
	}

}
