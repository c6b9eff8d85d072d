package io.basalt.common.db;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.BatchSize;

/**
 * A volume ({@code volumes}) with its user metadata ({@code volume_metadata}). {@code version} is the optimistic
 * lock: a save over a row changed since it was read fails with an optimistic-locking exception (the schema's
 * trigger bumps {@code version} on every UPDATE, so plain-SQL writers are seen too). {@code host} is
 * {@code host@backend#pool}. The id is assigned at construction, so callers know it before saving.
 * Not thread-safe.
 */
@Entity
@Table(name = "volumes")
public class Volume extends Timestamped {

	@Id
	private UUID id;

	@Column(name = "project_id", nullable = false)
	private String projectId;

	@Column(name = "user_id", nullable = false)
	private String userId;

	@Column(name = "display_name")
	private String displayName;

	@Column(name = "display_description")
	private String displayDescription;

	@Column(name = "size", nullable = false)
	private int size;

	@Column(name = "status", nullable = false)
	private String status;

	@Column(name = "status_reason")
	private String statusReason;

	@Column(name = "previous_status")
	private String previousStatus;

	@Column(name = "attach_status", nullable = false)
	private String attachStatus;

	@Column(name = "migration_status")
	private String migrationStatus;

	@Column(name = "replication_status")
	private String replicationStatus;

	@Column(name = "availability_zone")
	private String availabilityZone;

	@Column(name = "host")
	private String host;

	@Column(name = "cluster_name")
	private String clusterName;

	@Column(name = "volume_type_id", nullable = false)
	private UUID volumeTypeId;

	@Column(name = "snapshot_id")
	private UUID snapshotId;

	@Column(name = "source_volid")
	private UUID sourceVolid;

	@Column(name = "group_id")
	private UUID groupId;

	@Column(name = "bootable", nullable = false)
	private boolean bootable;

	@Column(name = "multiattach", nullable = false)
	private boolean multiattach;

	@Column(name = "use_quota", nullable = false)
	private boolean useQuota;

	@Column(name = "provider_location")
	private String providerLocation;

	@Column(name = "provider_id")
	private String providerId;

	@Column(name = "scheduled_at")
	private Instant scheduledAt;

	@Column(name = "launched_at")
	private Instant launchedAt;

	@Column(name = "terminated_at")
	private Instant terminatedAt;

	@ElementCollection
	@BatchSize(size = 64)
	@CollectionTable(name = "volume_metadata", joinColumns = @JoinColumn(name = "volume_id"))
	@MapKeyColumn(name = "key")
	@Column(name = "value")
	private Map<String, String> metadata = new HashMap<>();

	@Column(name = "deleted", nullable = false)
	private boolean deleted;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	@Version
	@Column(name = "version", nullable = false)
	private Long version;

	protected Volume() {
	}

	/** A new volume in status {@code creating}, detached, with a fresh id. */
	public Volume(String projectId, String userId, int size, UUID volumeTypeId) {
		this.id = UUID.randomUUID();
		this.projectId = projectId;
		this.userId = userId;
		this.size = size;
		this.volumeTypeId = volumeTypeId;
		this.status = "creating";
		this.attachStatus = "detached";
		this.useQuota = true;
	}

	public UUID getId() {
		return this.id;
	}

	public String getProjectId() {
		return this.projectId;
	}

	public String getUserId() {
		return this.userId;
	}

	public String getDisplayName() {
		return this.displayName;
	}

	public void setDisplayName(String displayName) {
		this.displayName = displayName;
	}

	public String getDisplayDescription() {
		return this.displayDescription;
	}

	public void setDisplayDescription(String displayDescription) {
		this.displayDescription = displayDescription;
	}

	public int getSize() {
		return this.size;
	}

	public void setSize(int size) {
		this.size = size;
	}

	public String getStatus() {
		return this.status;
	}

	public void setStatus(String status) {
		this.status = status;
	}

	public String getStatusReason() {
		return this.statusReason;
	}

	public void setStatusReason(String statusReason) {
		this.statusReason = statusReason;
	}

	public String getPreviousStatus() {
		return this.previousStatus;
	}

	public void setPreviousStatus(String previousStatus) {
		this.previousStatus = previousStatus;
	}

	public String getAttachStatus() {
		return this.attachStatus;
	}

	public void setAttachStatus(String attachStatus) {
		this.attachStatus = attachStatus;
	}

	public String getMigrationStatus() {
		return this.migrationStatus;
	}

	public void setMigrationStatus(String migrationStatus) {
		this.migrationStatus = migrationStatus;
	}

	public String getReplicationStatus() {
		return this.replicationStatus;
	}

	public void setReplicationStatus(String replicationStatus) {
		this.replicationStatus = replicationStatus;
	}

	public String getAvailabilityZone() {
		return this.availabilityZone;
	}

	public void setAvailabilityZone(String availabilityZone) {
		this.availabilityZone = availabilityZone;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public String getClusterName() {
		return this.clusterName;
	}

	public void setClusterName(String clusterName) {
		this.clusterName = clusterName;
	}

	public UUID getVolumeTypeId() {
		return this.volumeTypeId;
	}

	public void setVolumeTypeId(UUID volumeTypeId) {
		this.volumeTypeId = volumeTypeId;
	}

	public UUID getSnapshotId() {
		return this.snapshotId;
	}

	public void setSnapshotId(UUID snapshotId) {
		this.snapshotId = snapshotId;
	}

	public UUID getSourceVolid() {
		return this.sourceVolid;
	}

	public void setSourceVolid(UUID sourceVolid) {
		this.sourceVolid = sourceVolid;
	}

	public UUID getGroupId() {
		return this.groupId;
	}

	public void setGroupId(UUID groupId) {
		this.groupId = groupId;
	}

	public boolean isBootable() {
		return this.bootable;
	}

	public void setBootable(boolean bootable) {
		this.bootable = bootable;
	}

	public boolean isMultiattach() {
		return this.multiattach;
	}

	public void setMultiattach(boolean multiattach) {
		this.multiattach = multiattach;
	}

	public boolean isUseQuota() {
		return this.useQuota;
	}

	public void setUseQuota(boolean useQuota) {
		this.useQuota = useQuota;
	}

	public String getProviderLocation() {
		return this.providerLocation;
	}

	public void setProviderLocation(String providerLocation) {
		this.providerLocation = providerLocation;
	}

	public String getProviderId() {
		return this.providerId;
	}

	public void setProviderId(String providerId) {
		this.providerId = providerId;
	}

	public Instant getScheduledAt() {
		return this.scheduledAt;
	}

	public void setScheduledAt(Instant scheduledAt) {
		this.scheduledAt = scheduledAt;
	}

	public Instant getLaunchedAt() {
		return this.launchedAt;
	}

	public void setLaunchedAt(Instant launchedAt) {
		this.launchedAt = launchedAt;
	}

	public Instant getTerminatedAt() {
		return this.terminatedAt;
	}

	public void setTerminatedAt(Instant terminatedAt) {
		this.terminatedAt = terminatedAt;
	}

	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	public boolean isDeleted() {
		return this.deleted;
	}

	public void setDeleted(boolean deleted) {
		this.deleted = deleted;
	}

	public Instant getDeletedAt() {
		return this.deletedAt;
	}

	public void setDeletedAt(Instant deletedAt) {
		this.deletedAt = deletedAt;
	}

	public Long getVersion() {
		return this.version;
	}

	/** Soft-deletes the row: it stays, with {@code deleted = true} and {@code deleted_at}. */
	public void markDeleted(Instant when) {
		this.deleted = true;
		this.deletedAt = when;
	}

}
