package io.basalt.common.capability;

import java.util.List;

/**
 * What a volume backend reports about itself every capability interval (Cinder's {@code get_volume_stats}).
 *
 * @param volumeBackendName the backend name matched by the {@code volume_backend_name} extra spec
 * @param vendorName the vendor
 * @param driverVersion the driver version
 * @param storageProtocol e.g. {@code iSCSI}, {@code file}
 * @param availabilityZone the availability zone of the backend's service
 * @param pools the backend's pools (at least one)
 */
public record BackendCapabilities(String volumeBackendName, String vendorName, String driverVersion,
		String storageProtocol, String availabilityZone, List<PoolCapabilities> pools) {

	public BackendCapabilities {
		pools = (pools != null) ? List.copyOf(pools) : List.of();
	}

}
