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
 * A snapshot of a volume ({@code snapshots}) with its user metadata ({@code snapshot_metadata}); {@code version}
 * is the optimistic lock, as for {@link Volume}. The id is assigned at construction. Not thread-safe.
 */
@Entity
@Table(name = "snapshots")
public class Snapshot extends Timestamped {

	@Id
	private UUID id;

	@Column(name = "volume_id", nullable = false)
	private UUID volumeId;

	@Column(name = "project_id", nullable = false)
	private String projectId;

	@Column(name = "user_id", nullable = false)
	private String userId;

	@Column(name = "display_name")
	private String displayName;

	@Column(name = "display_description")
	private String displayDescription;

	@Column(name = "status", nullable = false)
	private String status;

	@Column(name = "progress")
	private String progress;

	@Column(name = "volume_size", nullable = false)
	private int volumeSize;

	@Column(name = "volume_type_id")
	private UUID volumeTypeId;

	@Column(name = "group_snapshot_id")
	private UUID groupSnapshotId;

	@Column(name = "use_quota", nullable = false)
	private boolean useQuota;

	@Column(name = "provider_location")
	private String providerLocation;

	@Column(name = "provider_id")
	private String providerId;

	@ElementCollection
	@BatchSize(size = 64)
	@CollectionTable(name = "snapshot_metadata", joinColumns = @JoinColumn(name = "snapshot_id"))
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

	protected Snapshot() {
	}

	/** A new snapshot in status {@code creating} of the given volume, with a fresh id. */
	public Snapshot(UUID volumeId, String projectId, String userId, int volumeSize) {
		this.id = UUID.randomUUID();
		this.volumeId = volumeId;
		this.projectId = projectId;
		this.userId = userId;
		this.volumeSize = volumeSize;
		this.status = "creating";
		this.useQuota = true;
	}

	public UUID getId() {
		return this.id;
	}

	public UUID getVolumeId() {
		return this.volumeId;
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

	public String getStatus() {
		return this.status;
	}

	public void setStatus(String status) {
		this.status = status;
	}

	public String getProgress() {
		return this.progress;
	}

	public void setProgress(String progress) {
		this.progress = progress;
	}

	public int getVolumeSize() {
		return this.volumeSize;
	}

	public void setVolumeSize(int volumeSize) {
		this.volumeSize = volumeSize;
	}

	public UUID getVolumeTypeId() {
		return this.volumeTypeId;
	}

	public void setVolumeTypeId(UUID volumeTypeId) {
		this.volumeTypeId = volumeTypeId;
	}

	public UUID getGroupSnapshotId() {
		return this.groupSnapshotId;
	}

	public void setGroupSnapshotId(UUID groupSnapshotId) {
		this.groupSnapshotId = groupSnapshotId;
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
