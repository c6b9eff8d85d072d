package io.basalt.scheduler.sweep;

/**
 * A volume stuck in {@code reverting}, claimed by the sweeper.
 *
 * @param id the volume
 * @param host its {@code host@backend#pool}
 * @param snapshotId the snapshot in {@code restoring} it is being reverted to, or null if none is
 */
public record StuckRevert(String id, String host, String snapshotId) {
}
