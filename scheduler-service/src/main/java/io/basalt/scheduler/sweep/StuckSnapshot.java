package io.basalt.scheduler.sweep;

/**
 * A snapshot claimed by the sweeper.
 * @param id the snapshot id
 * @param status {@code creating} or {@code deleting}
 * @param volumeHost {@code host@backend#pool} of the snapshot's volume (the backend that owns the snapshot), or
 * null if the volume was never placed
 */
public record StuckSnapshot(String id, String status, String volumeHost) {
}
