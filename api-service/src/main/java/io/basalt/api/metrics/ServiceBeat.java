package io.basalt.api.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * The liveness facts of one {@code services} row.
 *
 * @param binary e.g. {@code basalt-volume}
 * @param host {@code host} or {@code host@backend}
 * @param lastSeen the last heartbeat, else the row's creation
 * @param disabled whether the service takes no new work
 */
public record ServiceBeat(String binary, String host, Instant lastSeen, boolean disabled) {

	/** Seconds since the last heartbeat (never negative). */
	public double ageSeconds(Instant now) {
		return Math.max(0, Duration.between(this.lastSeen, now).toMillis() / 1000.0);
	}

	/** Up when the last heartbeat is at most {@code downTime} old (as {@code os-services} decides). */
	public boolean up(Instant now, Duration downTime) {
		return Duration.between(this.lastSeen, now).abs().compareTo(downTime) <= 0;
	}

}
