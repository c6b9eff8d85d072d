package io.basalt.common.db;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Transient;

/**
 * Base of entities with {@code created_at} / {@code updated_at}. Callers with an injected {@code Clock} set them;
 * otherwise {@code created_at} is stamped on persist and {@code updated_at} on every update. Not thread-safe, like
 * every entity.
 */
@MappedSuperclass
public abstract class Timestamped {

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	@Transient
	private boolean updatedAtSet;

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public void setCreatedAt(Instant createdAt) {
		this.createdAt = createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	/** Sets {@code updated_at} for the next flush (instead of the JVM clock's now). */
	public void setUpdatedAt(Instant updatedAt) {
		this.updatedAt = updatedAt;
		this.updatedAtSet = true;
	}

	@PrePersist
	void stampCreated() {
		if (this.createdAt == null) {
			this.createdAt = Instant.now();
		}
	}

	@PreUpdate
	void stampUpdated() {
		if (!this.updatedAtSet) {
			this.updatedAt = Instant.now();
		}
		this.updatedAtSet = false;
	}

}
