package io.basalt.api.type;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code volume_type_encryption}: how volumes of a type are encrypted; at most one live (not deleted)
 * row per type. Mutable, not thread-safe.
 */
@Entity
@Table(name = "volume_type_encryption")
public class EncryptionEntity {

	@Id
	@Column(name = "encryption_id")
	private UUID encryptionId;

	@Column(name = "volume_type_id", nullable = false)
	private UUID volumeTypeId;

	@Column(nullable = false)
	private String provider;

	private String cipher;

	@Column(name = "key_size")
	private Integer keySize;

	@Column(name = "control_location", nullable = false)
	private String controlLocation;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Column(nullable = false)
	private boolean deleted;

	@Column(name = "deleted_at")
	private Instant deletedAt;

	protected EncryptionEntity() {
	}

	EncryptionEntity(UUID encryptionId, UUID volumeTypeId, Instant createdAt) {
		this.encryptionId = encryptionId;
		this.volumeTypeId = volumeTypeId;
		this.createdAt = createdAt;
	}

	UUID encryptionId() {
		return this.encryptionId;
	}

	UUID volumeTypeId() {
		return this.volumeTypeId;
	}

	String provider() {
		return this.provider;
	}

	String cipher() {
		return this.cipher;
	}

	Integer keySize() {
		return this.keySize;
	}

	String controlLocation() {
		return this.controlLocation;
	}

	boolean deleted() {
		return this.deleted;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	Instant updatedAt() {
		return this.updatedAt;
	}

	Instant deletedAt() {
		return this.deletedAt;
	}

	void setProvider(String provider) {
		this.provider = provider;
	}

	void setCipher(String cipher) {
		this.cipher = cipher;
	}

	void setKeySize(Integer keySize) {
		this.keySize = keySize;
	}

	void setControlLocation(String controlLocation) {
		this.controlLocation = controlLocation;
	}

	void touch(Instant now) {
		this.updatedAt = now;
	}

	void softDelete(Instant now) {
		this.deleted = true;
		this.deletedAt = now;
		this.updatedAt = now;
	}

}
