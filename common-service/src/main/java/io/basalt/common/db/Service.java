package io.basalt.common.db;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code services}: one running service process ({@code host}, {@code binary}), kept alive by heartbeats
 * ({@code updated_at}, {@code report_count}). Not thread-safe; load, change and save within one transaction.
 */
@Entity
@Table(name = "services")
public class Service extends Timestamped {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "uuid", nullable = false, updatable = false)
	private UUID uuid;

	@Column(name = "host", nullable = false)
	private String host;

	// "binary" is reserved in PostgreSQL: the column name must be quoted.
	@Column(name = "\"binary\"", nullable = false)
	private String binary;

	@Column(name = "topic", nullable = false)
	private String topic;

	@Column(name = "availability_zone", nullable = false)
	private String availabilityZone;

	@Column(name = "disabled", nullable = false)
	private boolean disabled;

	@Column(name = "disabled_reason")
	private String disabledReason;

	@Column(name = "report_count", nullable = false)
	private int reportCount;

	@Column(name = "rpc_current_version")
	private String rpcCurrentVersion;

	@Column(name = "cluster_name")
	private String clusterName;

	@Column(name = "frozen", nullable = false)
	private boolean frozen;

	@Column(name = "active_backend_id")
	private String activeBackendId;

	@Column(name = "replication_status")
	private String replicationStatus;

	@Column(name = "modified_at")
	private Instant modifiedAt;

	@Column(name = "deleted", nullable = false)
	private boolean deleted;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	protected Service() {
	}

	public Service(String host, String binary, String topic, String availabilityZone) {
		this.uuid = UUID.randomUUID();
		this.host = host;
		this.binary = binary;
		this.topic = topic;
		this.availabilityZone = availabilityZone;
	}

	public Long getId() {
		return this.id;
	}

	public UUID getUuid() {
		return this.uuid;
	}

	public String getHost() {
		return this.host;
	}

	public void setHost(String host) {
		this.host = host;
	}

	public String getBinary() {
		return this.binary;
	}

	public void setBinary(String binary) {
		this.binary = binary;
	}

	public String getTopic() {
		return this.topic;
	}

	public void setTopic(String topic) {
		this.topic = topic;
	}

	public String getAvailabilityZone() {
		return this.availabilityZone;
	}

	public void setAvailabilityZone(String availabilityZone) {
		this.availabilityZone = availabilityZone;
	}

	public boolean isDisabled() {
		return this.disabled;
	}

	public void setDisabled(boolean disabled) {
		this.disabled = disabled;
	}

	public String getDisabledReason() {
		return this.disabledReason;
	}

	public void setDisabledReason(String disabledReason) {
		this.disabledReason = disabledReason;
	}

	public int getReportCount() {
		return this.reportCount;
	}

	public void setReportCount(int reportCount) {
		this.reportCount = reportCount;
	}

	public String getRpcCurrentVersion() {
		return this.rpcCurrentVersion;
	}

	public void setRpcCurrentVersion(String rpcCurrentVersion) {
		this.rpcCurrentVersion = rpcCurrentVersion;
	}

	public String getClusterName() {
		return this.clusterName;
	}

	public void setClusterName(String clusterName) {
		this.clusterName = clusterName;
	}

	public boolean isFrozen() {
		return this.frozen;
	}

	public void setFrozen(boolean frozen) {
		this.frozen = frozen;
	}

	public String getActiveBackendId() {
		return this.activeBackendId;
	}

	public void setActiveBackendId(String activeBackendId) {
		this.activeBackendId = activeBackendId;
	}

	public String getReplicationStatus() {
		return this.replicationStatus;
	}

	public void setReplicationStatus(String replicationStatus) {
		this.replicationStatus = replicationStatus;
	}

	public Instant getModifiedAt() {
		return this.modifiedAt;
	}

	public void setModifiedAt(Instant modifiedAt) {
		this.modifiedAt = modifiedAt;
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

	/** Soft-deletes the row: it stays, with {@code deleted = true} and {@code deleted_at}. */
	public void markDeleted(Instant when) {
		this.deleted = true;
		this.deletedAt = when;
	}

}
