package io.basalt.common.db;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.BatchSize;

/**
 * A volume type ({@code volume_types}) with its extra specs ({@code volume_type_extra_specs}) and, when private,
 * the projects allowed to use it ({@code volume_type_projects}). Not thread-safe.
 */
@Entity
@Table(name = "volume_types")
public class VolumeType extends Timestamped {

	@Id
	@GeneratedValue(strategy = GenerationType.UUID)
	private UUID id;

	@Column(name = "name", nullable = false)
	private String name;

	@Column(name = "description")
	private String description;

	@Column(name = "is_public", nullable = false)
	private boolean isPublic;

	@Column(name = "qos_specs_id")
	private UUID qosSpecsId;

	@ElementCollection
	@BatchSize(size = 64)
	@CollectionTable(name = "volume_type_extra_specs", joinColumns = @JoinColumn(name = "volume_type_id"))
	@MapKeyColumn(name = "key")
	@Column(name = "value")
	private Map<String, String> extraSpecs = new HashMap<>();

	@ElementCollection
	@BatchSize(size = 64)
	@CollectionTable(name = "volume_type_projects", joinColumns = @JoinColumn(name = "volume_type_id"))
	@Column(name = "project_id")
	private Set<String> projects = new HashSet<>();

	@Column(name = "deleted", nullable = false)
	private boolean deleted;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	protected VolumeType() {
	}

	public VolumeType(String name, String description, boolean isPublic) {
		this.name = name;
		this.description = description;
		this.isPublic = isPublic;
	}

	public UUID getId() {
		return this.id;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getDescription() {
		return this.description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public boolean isPublic() {
		return this.isPublic;
	}

	public void setPublic(boolean isPublic) {
		this.isPublic = isPublic;
	}

	public UUID getQosSpecsId() {
		return this.qosSpecsId;
	}

	public void setQosSpecsId(UUID qosSpecsId) {
		this.qosSpecsId = qosSpecsId;
	}

	public Map<String, String> getExtraSpecs() {
		return this.extraSpecs;
	}

	public Set<String> getProjects() {
		return this.projects;
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
