package io.basalt.common.capability;

import java.util.Map;

/**
 * One pool of a backend as its driver reports it (Cinder's per-pool stats). Field names appear in snake_case
 * on the wire, as Cinder's ({@code total_capacity_gb}, {@code free_capacity_gb}, ...).
 *
 * @param poolName the pool name (the part after {@code #} in a volume's host)
 * @param totalCapacityGb total capacity
 * @param freeCapacityGb free capacity as the backend sees it
 * @param allocatedCapacityGb GiB of volumes placed on this pool by Basalt
 * @param provisionedCapacityGb GiB provisioned (thin pools may exceed the total)
 * @param maxOverSubscriptionRatio thin-provisioning over-subscription ratio (1.0 = none)
 * @param reservedPercentage percent of the total kept free
 * @param thinProvisioningSupport whether thin volumes are supported
 * @param thickProvisioningSupport whether thick volumes are supported
 * @param totalVolumes number of volumes on the pool
 * @param multiattach whether volumes may be attached to several servers
 * @param extra further capabilities, matched by the capabilities filter against extra specs
 */
public record PoolCapabilities(String poolName, Capacity totalCapacityGb, Capacity freeCapacityGb,
		double allocatedCapacityGb, double provisionedCapacityGb, double maxOverSubscriptionRatio,
		int reservedPercentage, boolean thinProvisioningSupport, boolean thickProvisioningSupport, long totalVolumes,
		boolean multiattach, Map<String, String> extra) {

	public PoolCapabilities {
		totalCapacityGb = (totalCapacityGb != null) ? totalCapacityGb : Capacity.UNKNOWN;
		freeCapacityGb = (freeCapacityGb != null) ? freeCapacityGb : Capacity.UNKNOWN;
		maxOverSubscriptionRatio = (maxOverSubscriptionRatio > 0) ? maxOverSubscriptionRatio : 1.0;
		extra = (extra != null) ? Map.copyOf(extra) : Map.of();
	}

}
