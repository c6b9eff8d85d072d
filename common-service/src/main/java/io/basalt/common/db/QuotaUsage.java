package io.basalt.common.db;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A project's usage of one resource ({@code quota_usages}): committed {@code inUse} and {@code reserved} by open
 * reservations. Change it only while holding the row lock
 * ({@link QuotaUsageRepository#lockByProjectId(String)}). Not thread-safe.
 */
@Entity
@Table(name = "quota_usages")
public class QuotaUsage extends Timestamped {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "project_id", nullable = false)
	private String projectId;

	@Column(name = "resource", nullable = false)
	private String resource;

	@Column(name = "in_use", nullable = false)
	private int inUse;

	@Column(name = "reserved", nullable = false)
	private int reserved;

	@Column(name = "until_refresh")
	private Integer untilRefresh;

	protected QuotaUsage() {
	}

	public QuotaUsage(String projectId, String resource) {
		this.projectId = projectId;
		this.resource = resource;
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

	public int getInUse() {
		return this.inUse;
	}

	public void setInUse(int inUse) {
		this.inUse = inUse;
	}

	public int getReserved() {
		return this.reserved;
	}

	public void setReserved(int reserved) {
		this.reserved = reserved;
	}

	public Integer getUntilRefresh() {
		return this.untilRefresh;
	}

	public void setUntilRefresh(Integer untilRefresh) {
		this.untilRefresh = untilRefresh;
	}

}
