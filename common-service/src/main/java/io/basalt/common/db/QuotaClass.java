package io.basalt.common.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A quota class limit ({@code quota_classes}); class {@code default} gives every project's defaults. */
@Entity
@Table(name = "quota_classes")
public class QuotaClass extends Timestamped {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "class_name", nullable = false)
	private String className;

	@Column(name = "resource", nullable = false)
	private String resource;

	@Column(name = "hard_limit", nullable = false)
	private int hardLimit;

	protected QuotaClass() {
	}

	public QuotaClass(String className, String resource, int hardLimit) {
		this.className = className;
		this.resource = resource;
		this.hardLimit = hardLimit;
	}

	public Long getId() {
		return this.id;
	}

	public String getClassName() {
		return this.className;
	}

	public String getResource() {
		return this.resource;
	}

	public int getHardLimit() {
		return this.hardLimit;
	}

	public void setHardLimit(int hardLimit) {
		this.hardLimit = hardLimit;
	}

}
