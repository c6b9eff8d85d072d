package io.basalt.scheduler.host;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;

/**
 * One pool of a backend as the scheduler sees it (Cinder's {@code PoolState}): the last reported capabilities
 * plus what this scheduler consumed since, the backend-wide fields copied in, and the backend's availability zone.
 * <p>
 * Immutable, so filters and weighers read it without locks; {@link HostManager} replaces it on every report or
 * consumption.
 *
 * @param name {@code host@backend#pool}, the value stored in {@code volumes.host}
 * @param backend {@code host@backend}
 * @param volumeBackendName the backend's {@code volume_backend_name}
 * @param storageProtocol the backend's protocol, e.g. {@code iSCSI}
 * @param vendorName the backend's vendor
 * @param driverVersion the backend's driver version
 * @param availabilityZone the availability zone of the backend's service
 * @param capabilities capacity and features of the pool
 * @param updatedAt the later of the report's timestamp and this scheduler's last consumption on the pool
 */
public record PoolState(String name, String backend, String volumeBackendName, String storageProtocol,
		String vendorName, String driverVersion, String availabilityZone, PoolCapabilities capabilities,
		Instant updatedAt) {

	public PoolState {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(backend, "backend");
		Objects.requireNonNull(capabilities, "capabilities");
	}

	/** The pool part of the name (after {@code #}). */
	public String poolName() {
		return this.capabilities.poolName();
	}

	/**
	 * A copy with {@code sizeGb} placed on (positive) or taken off (negative) the pool: allocated and provisioned
	 * grow, free shrinks unless infinite/unknown, the volume count follows the sign.
	 * @param at the new {@code updatedAt}, or null to keep it (a revert does not refresh the pool)
	 */
	public PoolState consume(double sizeGb, Instant at) {
		PoolCapabilities c = this.capabilities;
		Capacity free = (c.freeCapacityGb() instanceof Capacity.Known k) ? Capacity.of(k.gb() - sizeGb)
				: c.freeCapacityGb();
		long volumes = Math.max(0, c.totalVolumes() + (long) Math.signum(sizeGb));
		PoolCapabilities next = new PoolCapabilities(c.poolName(), c.totalCapacityGb(), free,
				c.allocatedCapacityGb() + sizeGb, c.provisionedCapacityGb() + sizeGb, c.maxOverSubscriptionRatio(),
				c.reservedPercentage(), c.thinProvisioningSupport(), c.thickProvisioningSupport(), volumes,
				c.multiattach(), c.extra());
		return new PoolState(this.name, this.backend, this.volumeBackendName, this.storageProtocol, this.vendorName,
				this.driverVersion, this.availabilityZone, next, (at != null) ? at : this.updatedAt);
	}

	/** A copy in another availability zone. */
	PoolState withAvailabilityZone(String zone) {
		return new PoolState(this.name, this.backend, this.volumeBackendName, this.storageProtocol, this.vendorName,
				this.driverVersion, zone, this.capabilities, this.updatedAt);
	}

	/**
	 * The capability called {@code key} as the capabilities filter and {@code get_pools} see it: the pool's own
	 * fields under Cinder's names, the backend fields copied in, then the pool's extra capabilities; null if the
	 * pool has no such capability. {@code storage_protocol} is its list of variants, as Cinder's.
	 */
	public Object capability(String key) {
		PoolCapabilities c = this.capabilities;
		return switch (key) {
			case "pool_name" -> c.poolName();
			case "volume_backend_name" -> this.volumeBackendName;
			case "storage_protocol" -> StorageProtocols.variants(this.storageProtocol);
			case "vendor_name" -> this.vendorName;
			case "driver_version" -> this.driverVersion;
			case "availability_zone" -> this.availabilityZone;
			case "total_capacity_gb" -> c.totalCapacityGb().toWire();
			case "free_capacity_gb" -> c.freeCapacityGb().toWire();
			case "allocated_capacity_gb" -> c.allocatedCapacityGb();
			case "provisioned_capacity_gb" -> c.provisionedCapacityGb();
			case "max_over_subscription_ratio" -> c.maxOverSubscriptionRatio();
			case "reserved_percentage" -> c.reservedPercentage();
			case "thin_provisioning_support" -> c.thinProvisioningSupport();
			case "thick_provisioning_support" -> c.thickProvisioningSupport();
			case "total_volumes" -> c.totalVolumes();
			case "multiattach" -> c.multiattach();
			default -> c.extra().get(key);
		};
	}

	/** Protocol names and their aliases, as Cinder's host manager expands them. */
	static final class StorageProtocols {

		private StorageProtocols() {
		}

		static List<String> variants(String protocol) {
			if (protocol == null) {
				return null;
			}
			return switch (protocol.toLowerCase(java.util.Locale.ROOT)) {
				case "iscsi" -> List.of("iSCSI", "iscsi");
				case "fc", "fibre_channel" -> List.of("FC", "fibre_channel", "fc");
				case "nfs" -> List.of("NFS", "nfs");
				case "nvme-of", "nvmeof" -> List.of("NVMe-oF", "NVMeOF", "nvmeof");
				default -> List.of(protocol);
			};
		}

	}

}
