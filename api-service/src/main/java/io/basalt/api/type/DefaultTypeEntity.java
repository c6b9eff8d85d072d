package io.basalt.api.type;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code default_volume_types}: a project's default volume type (3.62). Mutable, not thread-safe. */
@Entity
@Table(name = "default_volume_types")
public class DefaultTypeEntity {

	@Id
	@Column(name = "project_id")
	private String projectId;

	@Column(name = "volume_type_id", nullable = false)
	private UUID volumeTypeId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	protected DefaultTypeEntity() {
	}

	DefaultTypeEntity(String projectId, UUID volumeTypeId, Instant createdAt) {
		this.projectId = projectId;
		this.volumeTypeId = volumeTypeId;
		this.createdAt = createdAt;
	}

	String projectId() {
		return this.projectId;
	}

	UUID volumeTypeId() {
		return this.volumeTypeId;
	}

	void changeType(UUID volumeTypeId, Instant now) {
		this.volumeTypeId = volumeTypeId;
		this.updatedAt = now;
	}

}
