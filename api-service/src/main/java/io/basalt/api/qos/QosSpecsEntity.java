package io.basalt.api.qos;

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
 * A row of {@code qos_specs} with its keys ({@code qos_spec_keys}, an element collection). Mutable, not
 * thread-safe.
 */
@Entity
@Table(name = "qos_specs")
public class QosSpecsEntity {

	@Id
	private UUID id;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String consumer;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "qos_spec_keys", joinColumns = @JoinColumn(name = "qos_specs_id"))
	@MapKeyColumn(name = "key")
	@Column(name = "value", nullable = false)
	private Map<String, String> keys = new HashMap<>();

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(nullable = false)
	private boolean deleted;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	protected QosSpecsEntity() {
	}

	QosSpecsEntity(UUID id, String name, String consumer, Map<String, String> keys, Instant createdAt) {
		this.id = id;
		this.name = name;
		this.consumer = consumer;
		this.keys.putAll(keys);
		this.createdAt = createdAt;
	}

	QosSpecs toRecord() {
		return new QosSpecs(this.id.toString(), this.name, this.consumer, this.keys);
	}

	void setConsumer(String consumer, Instant now) {
		this.consumer = consumer;
		this.updatedAt = now;
	}

	void putKeys(Map<String, String> added, Instant now) {
		this.keys.putAll(added);
		this.updatedAt = now;
	}

	void removeKeys(Iterable<String> removed) {
		removed.forEach(this.keys::remove);
	}

	void softDelete(Instant now) {
		this.keys.clear();
		this.deleted = true;
		this.deletedAt = now;
		this.updatedAt = now;
	}

}
