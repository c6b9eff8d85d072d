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
 * Immutable, so filters and weigher read it without locks; {@link HostManager} replaces it on every report or
 * consumption. The capacity figures the filters and weighers need on every decision (known or not, the virtual
 * capacity for thin and thick requests, the protocol variants) are computed once here, when the value is built,
 * not per request. Equality, hash code and string form are those of a record of the nine fields below.
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
public final class PoolState {

	private final String name;

	private final String backend;

	private final String volumeBackendName;

	private final String storageProtocol;

	private final String vendorName;

	private final String driverVersion;

	private final String availabilityZone;

	private final PoolCapabilities capabilities;

	private final Instant updatedAt;

	// Derived once from the fields above.

	private final boolean totalKnown;

	private final boolean freeKnown;

	private final double totalGb;

	private final VirtualCapacity thinCapacity;

	private final VirtualCapacity thickCapacity;

	// Flat copies of the figures read for every pool on every decision (no pointer chasing on the hot path).

	private final boolean thinProvisioningSupport;

	private final int reservedPercentage;

	private final double provisionedCapacityGb;

	private final double allocatedCapacityGb;

	private final long totalVolumes;

	private final double thinTotalAvailable;

	private final double thinVirtualFree;

	private final double thinRatio;

	private final double thickVirtualFree;

	private final java.util.Map<String, String> extra;

	/** See {@link #capabilityMemo()}; not part of the value (equals, hash code, string form). */
	private Object capabilityMemo;

	private final List<String> protocolVariants;

	public PoolState(String name, String backend, String volumeBackendName, String storageProtocol,
			String vendorName, String driverVersion, String availabilityZone, PoolCapabilities capabilities,
			Instant updatedAt) {
		this.name = Objects.requireNonNull(name, "name");
		this.backend = Objects.requireNonNull(backend, "backend");
		this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
		this.volumeBackendName = volumeBackendName;
		this.storageProtocol = storageProtocol;
		this.vendorName = vendorName;
		this.driverVersion = driverVersion;
		this.availabilityZone = availabilityZone;
		this.updatedAt = updatedAt;
		this.totalKnown = capabilities.totalCapacityGb() instanceof Capacity.Known;
		this.freeKnown = capabilities.freeCapacityGb() instanceof Capacity.Known;
		this.totalGb = (capabilities.totalCapacityGb() instanceof Capacity.Known k) ? k.gb() : Double.NaN;
		boolean known = this.totalKnown && this.freeKnown;
		this.thinCapacity = known ? VirtualCapacity.of(capabilities, true) : null;
		this.thickCapacity = known ? VirtualCapacity.of(capabilities, false) : null;
		this.protocolVariants = StorageProtocols.variants(storageProtocol);
		this.thinProvisioningSupport = capabilities.thinProvisioningSupport();
		this.reservedPercentage = capabilities.reservedPercentage();
		this.provisionedCapacityGb = capabilities.provisionedCapacityGb();
		this.allocatedCapacityGb = capabilities.allocatedCapacityGb();
		this.totalVolumes = capabilities.totalVolumes();
		this.thinTotalAvailable = known ? this.thinCapacity.totalAvailable() : Double.NaN;
		this.thinVirtualFree = known ? this.thinCapacity.virtualFree() : Double.NaN;
		this.thinRatio = known ? this.thinCapacity.ratio() : Double.NaN;
		this.thickVirtualFree = known ? this.thickCapacity.virtualFree() : Double.NaN;
		this.extra = capabilities.extra();
	}

	/**
	 * A cache slot for the capabilities filter: its last verdict on this pool, as an immutable object of its own
	 * (a pool value never changes, so the verdict holds as long as the pool does). Written and read without
	 * synchronisation: a race only costs a recomputation.
	 */
	public Object capabilityMemo() {
		return this.capabilityMemo;
	}

	/** Stores {@link #capabilityMemo()}; {@code memo} must be immutable (final fields only). */
	public void capabilityMemo(Object memo) {
		this.capabilityMemo = memo;
	}

	/** {@code capabilities().thinProvisioningSupport()}. */
	public boolean thinProvisioningSupport() {
		return this.thinProvisioningSupport;
	}

	/** {@code capabilities().reservedPercentage()}. */
	public int reservedPercentage() {
		return this.reservedPercentage;
	}

	/** {@code capabilities().provisionedCapacityGb()}. */
	public double provisionedCapacityGb() {
		return this.provisionedCapacityGb;
	}

	/** {@code capabilities().allocatedCapacityGb()}. */
	public double allocatedCapacityGb() {
		return this.allocatedCapacityGb;
	}

	/** {@code capabilities().totalVolumes()}. */
	public long totalVolumes() {
		return this.totalVolumes;
	}

	/** {@code virtualCapacity(true).totalAvailable()}; NaN unless {@link #capacityKnown()}. */
	public double thinTotalAvailable() {
		return this.thinTotalAvailable;
	}

	/** {@code virtualCapacity(true).ratio()}; NaN unless {@link #capacityKnown()}. */
	public double thinRatio() {
		return this.thinRatio;
	}

	/** {@code virtualCapacity(thin).virtualFree()}; NaN unless {@link #capacityKnown()}. */
	public double virtualFree(boolean thin) {
		return thin ? this.thinVirtualFree : this.thickVirtualFree;
	}

	/** {@code host@backend#pool}, the value stored in {@code volumes.host}. */
	public String name() {
		return this.name;
	}

	/** {@code host@backend}. */
	public String backend() {
		return this.backend;
	}

	/** The backend's {@code volume_backend_name}. */
	public String volumeBackendName() {
		return this.volumeBackendName;
	}

	/** The backend's protocol, e.g. {@code iSCSI}. */
	public String storageProtocol() {
		return this.storageProtocol;
	}

	/** The backend's vendor. */
	public String vendorName() {
		return this.vendorName;
	}

	/** The backend's driver version. */
	public String driverVersion() {
		return this.driverVersion;
	}

	/** The availability zone of the backend's service. */
	public String availabilityZone() {
		return this.availabilityZone;
	}

	/** Capacity and features of the pool. */
	public PoolCapabilities capabilities() {
		return this.capabilities;
	}

	/** The later of the report's timestamp and this scheduler's last consumption on the pool. */
	public Instant updatedAt() {
		return this.updatedAt;
	}

	/** Whether the total capacity is a known number. */
	public boolean totalKnown() {
		return this.totalKnown;
	}

	/** Whether the free capacity is a known number. */
	public boolean freeKnown() {
		return this.freeKnown;
	}

	/** The total capacity in GiB if {@link #totalKnown()}, else NaN. */
	public double totalGb() {
		return this.totalGb;
	}

	/** Whether both the total and the free capacity are known ({@link VirtualCapacity#isKnown}). */
	public boolean capacityKnown() {
		return this.thinCapacity != null;
	}

	/**
	 * {@link VirtualCapacity#of}{@code (capabilities(), thin)}, computed when this value was built.
	 * @throws IllegalArgumentException if the total or the free capacity is infinite or unknown
	 */
	public VirtualCapacity virtualCapacity(boolean thin) {
		VirtualCapacity v = thin ? this.thinCapacity : this.thickCapacity;
		if (v == null) {
			throw new IllegalArgumentException("capacity of pool " + this.capabilities.poolName() + " is not known");
		}
		return v;
	}

	@Override
	public boolean equals(Object other) {
		return this == other || (other instanceof PoolState p && this.name.equals(p.name)
				&& this.backend.equals(p.backend) && Objects.equals(this.volumeBackendName, p.volumeBackendName)
				&& Objects.equals(this.storageProtocol, p.storageProtocol)
				&& Objects.equals(this.vendorName, p.vendorName)
				&& Objects.equals(this.driverVersion, p.driverVersion)
				&& Objects.equals(this.availabilityZone, p.availabilityZone)
				&& this.capabilities.equals(p.capabilities) && Objects.equals(this.updatedAt, p.updatedAt));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.backend, this.volumeBackendName, this.storageProtocol, this.vendorName,
				this.driverVersion, this.availabilityZone, this.capabilities, this.updatedAt);
	}

	@Override
	public String toString() {
		return "PoolState[name=" + this.name + ", backend=" + this.backend + ", volumeBackendName="
				+ this.volumeBackendName + ", storageProtocol=" + this.storageProtocol + ", vendorName="
				+ this.vendorName + ", driverVersion=" + this.driverVersion + ", availabilityZone="
				+ this.availabilityZone + ", capabilities=" + this.capabilities + ", updatedAt=" + this.updatedAt
				+ "]";
	}

	/** The pool part of the name (after {@code #}). */
	public String poolName() {
		return this.capabilities.poolName();
	}

	/**
	 * The backend part of a pool name: {@code host@backend#pool} → {@code host@backend} (a name without a pool
	 * is returned as it is). A pure function, so that filters need not reach into the {@link HostManager}.
	 */
	public static String backendOf(String poolName) {
		int hash = poolName.indexOf('#');
		return (hash < 0) ? poolName : poolName.substring(0, hash);
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

	/** Index of a capability that is an extra capability (see {@link #capabilityIndex}). */
	public static final int EXTRA_CAPABILITY = -1;

	private static final List<String> FIELD_CAPABILITIES = List.of("pool_name", "volume_backend_name",
			"storage_protocol", "vendor_name", "driver_version", "availability_zone", "total_capacity_gb",
			"free_capacity_gb", "allocated_capacity_gb", "provisioned_capacity_gb", "max_over_subscription_ratio",
			"reserved_percentage", "thin_provisioning_support", "thick_provisioning_support", "total_volumes",
			"multiattach");

	/**
	 * The capability called {@code key} as the capabilities filter and {@code get_pools} see it: the pool's own
	 * fields under Cinder's names, the backend fields copied in, then the pool's extra capabilities; null if the
	 * pool has no such capability. {@code storage_protocol} is its list of variants, as Cinder's.
	 */
	public Object capability(String key) {
		return capability(capabilityIndex(key), key);
	}

	/**
	 * Resolves a capability name once (e.g. per request) for {@link #capability(int, String)}.
	 * @return the index of one of the pool's own fields, or {@link #EXTRA_CAPABILITY}
	 */
	public static int capabilityIndex(String key) {
		return FIELD_CAPABILITIES.indexOf(key);
	}

	/** {@link #capability(String)} with the name resolved by {@link #capabilityIndex}. */
	public Object capability(int index, String key) {
		PoolCapabilities c = this.capabilities;
		return switch (index) {
			case 0 -> c.poolName();
			case 1 -> this.volumeBackendName;
			case 2 -> this.protocolVariants;
			case 3 -> this.vendorName;
			case 4 -> this.driverVersion;
			case 5 -> this.availabilityZone;
			case 6 -> c.totalCapacityGb().toWire();
			case 7 -> c.freeCapacityGb().toWire();
			case 8 -> c.allocatedCapacityGb();
			case 9 -> c.provisionedCapacityGb();
			case 10 -> c.maxOverSubscriptionRatio();
			case 11 -> c.reservedPercentage();
			case 12 -> c.thinProvisioningSupport();
			case 13 -> c.thickProvisioningSupport();
			case 14 -> c.totalVolumes();
			case 15 -> c.multiattach();
			default -> this.extra.get(key);
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
