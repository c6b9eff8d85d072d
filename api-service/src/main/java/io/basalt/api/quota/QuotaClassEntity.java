package io.basalt.api.quota;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code quota_classes}: one resource's limit in a quota class. Mutable, not thread-safe. */
@Entity
@Table(name = "quota_classes")
public class QuotaClassEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "class_name", nullable = false)
	private String className;

	@Column(nullable = false)
	private String resource;

	@Column(name = "hard_limit", nullable = false)
	private int hardLimit;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at")
	private Instant updatedAt;

	protected QuotaClassEntity() {
	}

	QuotaClassEntity(String className, String resource, int hardLimit, Instant createdAt) {
		this.className = className;
		this.resource = resource;
		this.hardLimit = hardLimit;
		this.createdAt = createdAt;
	}

	String resource() {
		return this.resource;
	}

	void setHardLimit(int hardLimit, Instant now) {
		this.hardLimit = hardLimit;
		this.updatedAt = now;
	}

}
