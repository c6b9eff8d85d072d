package io.basalt.api.volume;

import java.time.Instant;
import java.util.Map;

/**
 * A {@code volumes} row with its type name and metadata, as the API reads it.
 *
 * @param id the volume id
 * @param projectId the owner project
 * @param userId the creating user
 * @param name the display name, or null
 * @param description the display description, or null
 * @param size GiB
 * @param status the status (see cinder-api-v3.md §4)
 * @param attachStatus {@code attached}/{@code detached}
 * @param migrationStatus the migration status, or null
 * @param replicationStatus the replication status, or null
 * @param availabilityZone the zone
 * @param host {@code host@backend#pool}, null until scheduled
 * @param clusterName the cluster, or null
 * @param volumeTypeId the type id
 * @param volumeTypeName the type name
 * @param snapshotId the source snapshot, or null
 * @param sourceVolid the source volume, or null
 * @param groupId the group, or null
 * @param bootable whether bootable
 * @param multiattach whether multi-attachable
 * @param useQuota whether it consumes quota
 * @param providerId the backend's id, or null
 * @param createdAt creation time
 * @param updatedAt last update, or null
 * @param metadata user metadata (never null)
 * @param visibleAdminMetadata the admin metadata every reader sees in {@code metadata} ({@code readonly},
 * {@code attached_mode}; never null)
 */
public record VolumeRecord(String id, String projectId, String userId, String name, String description, int size,
		String status, String attachStatus, String migrationStatus, String replicationStatus, String availabilityZone,
		String host, String clusterName, String volumeTypeId, String volumeTypeName, String snapshotId,
		String sourceVolid, String groupId, boolean bootable, boolean multiattach, boolean useQuota,
		String providerId, Instant createdAt, Instant updatedAt, Map<String, String> metadata,
		Map<String, String> visibleAdminMetadata, String nameId) {

	public VolumeRecord {
		metadata = (metadata != null) ? metadata : Map.of();
		visibleAdminMetadata = (visibleAdminMetadata != null) ? visibleAdminMetadata : Map.of();
	}

	/** A volume never migrated (no {@code nameId}). */
	public VolumeRecord(String id, String projectId, String userId, String name, String description, int size,
			String status, String attachStatus, String migrationStatus, String replicationStatus,
			String availabilityZone, String host, String clusterName, String volumeTypeId, String volumeTypeName,
			String snapshotId, String sourceVolid, String groupId, boolean bootable, boolean multiattach,
			boolean useQuota, String providerId, Instant createdAt, Instant updatedAt, Map<String, String> metadata,
			Map<String, String> visibleAdminMetadata) {
		this(id, projectId, userId, name, description, size, status, attachStatus, migrationStatus,
				replicationStatus, availabilityZone, host, clusterName, volumeTypeId, volumeTypeName, snapshotId,
				sourceVolid, groupId, bootable, multiattach, useQuota, providerId, createdAt, updatedAt, metadata,
				visibleAdminMetadata, null);
	}

	/** A copy with Cinder's {@code _name_id} (set after a migration). */
	public VolumeRecord withNameId(String nameId) {
		return new VolumeRecord(this.id, this.projectId, this.userId, this.name, this.description, this.size,
				this.status, this.attachStatus, this.migrationStatus, this.replicationStatus, this.availabilityZone,
				this.host, this.clusterName, this.volumeTypeId, this.volumeTypeName, this.snapshotId, this.sourceVolid,
				this.groupId, this.bootable, this.multiattach, this.useQuota, this.providerId, this.createdAt,
				this.updatedAt, this.metadata, this.visibleAdminMetadata, nameId);
	}

	/** A volume without admin metadata (a new one). */
	public VolumeRecord(String id, String projectId, String userId, String name, String description, int size,
			String status, String attachStatus, String migrationStatus, String replicationStatus,
			String availabilityZone, String host, String clusterName, String volumeTypeId, String volumeTypeName,
			String snapshotId, String sourceVolid, String groupId, boolean bootable, boolean multiattach,
			boolean useQuota, String providerId, Instant createdAt, Instant updatedAt, Map<String, String> metadata) {
		this(id, projectId, userId, name, description, size, status, attachStatus, migrationStatus,
				replicationStatus, availabilityZone, host, clusterName, volumeTypeId, volumeTypeName, snapshotId,
				sourceVolid, groupId, bootable, multiattach, useQuota, providerId, createdAt, updatedAt, metadata,
				Map.of());
	}

	/**
	 * The metadata shown in the volume's views: the user metadata with the visible admin metadata over it (an
	 * admin key replaces a user key of the same name), as Cinder's {@code add_visible_admin_metadata}.
	 */
	public Map<String, String> shownMetadata() {
		if (this.visibleAdminMetadata.isEmpty()) {
			return this.metadata;
		}
		Map<String, String> shown = new java.util.LinkedHashMap<>(this.metadata);
		shown.putAll(this.visibleAdminMetadata);
		return shown;
	}

	/** A copy with other metadata. */
	public VolumeRecord withMetadata(Map<String, String> metadata) {
		return new VolumeRecord(this.id, this.projectId, this.userId, this.name, this.description, this.size,
				this.status, this.attachStatus, this.migrationStatus, this.replicationStatus, this.availabilityZone,
				this.host, this.clusterName, this.volumeTypeId, this.volumeTypeName, this.snapshotId, this.sourceVolid,
				this.groupId, this.bootable, this.multiattach, this.useQuota, this.providerId, this.createdAt,
				this.updatedAt, metadata, this.visibleAdminMetadata, this.nameId);
	}

	/** A copy with other visible admin metadata. */
	public VolumeRecord withVisibleAdminMetadata(Map<String, String> visibleAdminMetadata) {
		return new VolumeRecord(this.id, this.projectId, this.userId, this.name, this.description, this.size,
				this.status, this.attachStatus, this.migrationStatus, this.replicationStatus, this.availabilityZone,
				this.host, this.clusterName, this.volumeTypeId, this.volumeTypeName, this.snapshotId, this.sourceVolid,
				this.groupId, this.bootable, this.multiattach, this.useQuota, this.providerId, this.createdAt,
				this.updatedAt, this.metadata, visibleAdminMetadata, this.nameId);
	}

}
