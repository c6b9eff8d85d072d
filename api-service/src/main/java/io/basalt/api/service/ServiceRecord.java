package io.basalt.api.service;

import java.time.Instant;

/**
 * A {@code services} row.
 *
 * @param host {@code host} or {@code host@backend}
 * @param binary e.g. {@code basalt-volume}
 * @param availabilityZone the zone
 * @param disabled whether the service takes no new work
 * @param disabledReason why, or null
 * @param clusterName the cluster, or null
 * @param frozen whether the backend is frozen
 * @param activeBackendId the active backend after a failover, or null
 * @param replicationStatus the replication status, or null
 * @param createdAt creation time
 * @param updatedAt the last heartbeat, or null
 * @param modifiedAt the last administrative change, or null
 */
public record ServiceRecord(String host, String binary, String availabilityZone, boolean disabled,
		String disabledReason, String clusterName, boolean frozen, String activeBackendId, String replicationStatus,
		Instant createdAt, Instant updatedAt, Instant modifiedAt) {

	/** The time that tells liveness: the last heartbeat, else the creation. */
	public Instant lastSeen() {
		return (this.updatedAt != null) ? this.updatedAt : this.createdAt;
	}

	/** The time shown as {@code updated_at}: a later administrative change replaces the heartbeat. */
	public Instant shownUpdatedAt() {
		if (this.modifiedAt != null && (this.updatedAt == null || this.modifiedAt.isAfter(this.updatedAt))) {
			return this.modifiedAt;
		}
		return this.updatedAt;
	}

}
