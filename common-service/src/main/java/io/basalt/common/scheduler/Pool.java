package io.basalt.common.scheduler;

import io.basalt.common.capability.PoolCapabilities;

/**
 * One pool as {@code get_pools} returns it.
 *
 * @param name {@code host@backend#pool}
 * @param backend {@code host@backend}
 * @param volumeBackendName the backend's {@code volume_backend_name}
 * @param storageProtocol the backend's protocol
 * @param vendorName the backend's vendor
 * @param driverVersion the backend's driver version
 * @param availabilityZone the backend's availability zone
 * @param capabilities the pool's capacity and features as the scheduler currently sees them
 * @param updatedAt when the scheduler last heard of the pool
 */
public record Pool(String name, String backend, String volumeBackendName, String storageProtocol,
		String vendorName, String driverVersion, String availabilityZone, PoolCapabilities capabilities,
		java.time.Instant updatedAt) {
}
