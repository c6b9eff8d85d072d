package io.basalt.volume.manager;

/**
 * The columns of a {@code snapshots} row (and of its volume) the volume manager needs.
 *
 * @param id the snapshot id
 * @param status the status column
 * @param deleted whether the row is soft-deleted
 * @param volume the snapshot's volume
 */
public record SnapshotRecord(String id, String status, boolean deleted, VolumeRecord volume) {
}
