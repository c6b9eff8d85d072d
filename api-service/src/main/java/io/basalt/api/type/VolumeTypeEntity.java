package io.basalt.api.type;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;

/**
 * A row of {@code volume_types} with its extra specs ({@code volume_type_extra_specs}, an element collection).
 * The QoS association ({@code qos_specs_id}) is read here and written by the QoS store. Mutable, not
 * thread-safe.
 */
@Entity
@Table(name = "volume_types")
public class VolumeTypeEntity {

	@Id
	private UUID id;

	@Column(nullable = false)
	private String name;

	private String description;

	@Column(name = "is_public", nullable = false)
	private boolean isPublic;

	@Column(name = "qos_specs_id", insertable = false, updatable = false)
	private UUID qosSpecsId;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "volume_type_extra_specs", joinColumns = @JoinColumn(name = "volume_type_id"))
	@MapKeyColumn(name = "key")
	@Column(name = "value")
	private Map<String, String> extraSpecs = new HashMap<>();

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(nullable = false)
	private boolean deleted;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	protected VolumeTypeEntity() {
	}

	VolumeTypeEntity(UUID id, String name, String description, boolean isPublic, Map<String, String> extraSpecs,
			Instant createdAt) {
		this.id = id;
		this.name = name;
		this.description = description;
		this.isPublic = isPublic;
		if (extraSpecs != null) {
			this.extraSpecs.putAll(extraSpecs);
		}
		this.createdAt = createdAt;
	}

	VolumeType toRecord() {
		return new VolumeType(this.id.toString(), this.name, this.description, this.isPublic,
				(this.qosSpecsId != null) ? this.qosSpecsId.toString() : null, new java.util.TreeMap<>(this.extraSpecs));
	}

	Map<String, String> extraSpecs() {
		return this.extraSpecs;
	}

	/** Changes the given attributes (null: unchanged). */
	void update(String name, String description, Boolean isPublic, Instant now) {
		if (name != null) {
			this.name = name;
		}
		if (description != null) {
			this.description = description;
		}
		if (isPublic != null) {
			this.isPublic = isPublic;
		}
		this.updatedAt = now;
	}

	void softDelete(Instant now) {
		this.deleted = true;
		this.deletedAt = now;
		this.updatedAt = now;
	}

}
