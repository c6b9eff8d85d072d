package io.basalt.api.snapshot;

import java.time.Instant;
import java.util.Map;

/**
 * A {@code snapshots} row with its metadata and the host of its volume.
 *
 * @param id the id
 * @param volumeId the volume
 * @param projectId the owner
 * @param userId the creator
 * @param name the name, or null
 * @param description the description, or null
 * @param status the status
 * @param progress e.g. {@code 100%}, or null
 * @param size the volume size in GiB
 * @param volumeTypeName the volume's type name, or null
 * @param groupSnapshotId the group snapshot, or null
 * @param useQuota whether it consumes quota
 * @param createdAt creation
 * @param updatedAt last update, or null
 * @param volumeHost the volume's {@code host@backend#pool}
 * @param metadata user metadata
 */
record SnapshotRecord(String id, String volumeId, String projectId, String userId, String name, String description,
		String status, String progress, int size, String volumeTypeName, String groupSnapshotId, boolean useQuota,
		Instant createdAt, Instant updatedAt, String volumeHost, Map<String, String> metadata) {
}
