package io.basalt.common.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A per-project quota limit ({@code quotas}); {@code -1} means unlimited. Not thread-safe. */
@Entity
@Table(name = "quotas")
public class Quota extends Timestamped {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "project_id", nullable = false)
	private String projectId;

	@Column(name = "resource", nullable = false)
	private String resource;

	@Column(name = "hard_limit", nullable = false)
	private int hardLimit;

	protected Quota() {
	}

	public Quota(String projectId, String resource, int hardLimit) {
		this.projectId = projectId;
		this.resource = resource;
		this.hardLimit = hardLimit;
	}

	public Long getId() {
		return this.id;
	}

	public String getProjectId() {
		return this.projectId;
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
