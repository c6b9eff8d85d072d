package io.basalt.scheduler.host;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@code services} row of one volume backend as last read: whether an operator disabled it and when it last
 * heartbeat. Immutable.
 *
 * @param host the backend, {@code host@backend}
 * @param availabilityZone the service's availability zone
 * @param disabled whether the service is disabled
 * @param disabledReason why, or null
 * @param updatedAt the last heartbeat, or null if it never beat
 */
public record ServiceStatus(String host, String availabilityZone, boolean disabled, String disabledReason,
		Instant updatedAt) {

	public ServiceStatus {
		Objects.requireNonNull(host, "host");
	}

	/** Cinder's {@code is_up}: the last heartbeat is no older than {@code serviceDownTime}. */
	public boolean isUp(Instant now, Duration serviceDownTime) {
		return this.updatedAt != null && !this.updatedAt.isBefore(now.minus(serviceDownTime));
	}

}
