package io.basalt.common.db;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An open quota reservation ({@code reservations}): {@code delta} of a resource held against a
 * {@link QuotaUsage} until committed, rolled back (the row is deleted either way) or expired. Not thread-safe.
 */
@Entity
@Table(name = "reservations")
public class Reservation extends Timestamped {

	@Id
	@GeneratedValue(strategy = GenerationType.UUID)
	private UUID id;

	@Column(name = "usage_id", nullable = false)
	private Long usageId;

	@Column(name = "project_id", nullable = false)
	private String projectId;

	@Column(name = "resource", nullable = false)
	private String resource;

	@Column(name = "delta", nullable = false)
	private int delta;

	@Column(name = "expire", nullable = false)
	private Instant expire;

	protected Reservation() {
	}

	public Reservation(QuotaUsage usage, int delta, Instant expire) {
		this.usageId = usage.getId();
		this.projectId = usage.getProjectId();
		this.resource = usage.getResource();
		this.delta = delta;
		this.expire = expire;
	}

	public UUID getId() {
		return this.id;
	}

	public Long getUsageId() {
		return this.usageId;
	}

	public String getProjectId() {
		return this.projectId;
	}

	public String getResource() {
		return this.resource;
	}

	public int getDelta() {
		return this.delta;
	}

	public Instant getExpire() {
		return this.expire;
	}

	public void setExpire(Instant expire) {
		this.expire = expire;
	}

}
