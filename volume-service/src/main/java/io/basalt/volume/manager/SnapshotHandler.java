package io.basalt.volume.manager;

import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.VolumeStatus;
import io.basalt.volume.driver.DriverSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@code create_snapshot} ({@code creating} → {@code available}, or {@code error}),
 * {@code delete_snapshot} ({@code deleting} → soft-deleted, or {@code error_deleting}) and
 * {@code revert_to_snapshot} (see {@link #revert}) on one backend. A snapshot
 * not in the expected status, or whose volume lives elsewhere, is left alone (a redelivery or a stale message).
 * <p>
 * Thread-safe (stateless).
 */
public class SnapshotHandler {

	private static final Logger log = LoggerFactory.getLogger(SnapshotHandler.class);

	private final BackendContext backend;

	public SnapshotHandler(BackendContext backend) {
		this.backend = backend;
	}

	public Outcome create(String snapshotId) {
		SnapshotRecord snapshot = actionable(snapshotId, SnapshotStatus.CREATING.wire());
		if (snapshot == null) {
			return Outcome.SKIPPED;
		}
		try {
			this.backend.driver().createSnapshot(driverSnapshot(snapshot));
		}
		catch (RuntimeException ex) {
			log.warn("create_snapshot {} failed: {}", snapshotId, ex.toString());
			return this.backend.snapshots().markFailed(snapshotId, SnapshotStatus.CREATING.wire(), SnapshotStatus.ERROR.wire(), now()) ? Outcome.FAILURE
					: Outcome.SKIPPED;
		}
		return this.backend.snapshots().markAvailable(snapshotId, now()) ? Outcome.SUCCESS : Outcome.SKIPPED;
	}

	public Outcome delete(String snapshotId) {
		SnapshotRecord snapshot = actionable(snapshotId, SnapshotStatus.DELETING.wire());
		if (snapshot == null) {
			return Outcome.SKIPPED;
		}
		try {
			this.backend.driver().deleteSnapshot(driverSnapshot(snapshot));
		}
		catch (RuntimeException ex) {
			log.warn("delete_snapshot {} failed: {}", snapshotId, ex.toString());
			return this.backend.snapshots().markFailed(snapshotId, SnapshotStatus.DELETING.wire(), SnapshotStatus.ERROR_DELETING.wire(), now())
					? Outcome.FAILURE : Outcome.SKIPPED;
		}
		return this.backend.snapshots().markDeleted(snapshotId, now()) ? Outcome.SUCCESS : Outcome.SKIPPED;
	}

	/**
	 * {@code revert_to_snapshot}: the volume {@code reverting} on this backend and the snapshot its own and
	 * {@code restoring} → the driver puts the snapshot's data back → both {@code available}; on a driver failure the
	 * volume goes to {@code error} (Cinder's rule) and the snapshot back to {@code available}.
	 */
	public Outcome revert(String volumeId, String snapshotId) {
		SnapshotRecord snapshot = actionable(snapshotId, SnapshotStatus.RESTORING.wire());
		if (snapshot == null || !snapshot.volume().id().equals(volumeId)
				|| !VolumeStatus.REVERTING.wire().equals(snapshot.volume().status())) {
			log.info("revert_to_snapshot {} of volume {}: nothing to do here", snapshotId, volumeId);
			return Outcome.SKIPPED;
		}
		DriverSnapshot target = driverSnapshot(snapshot);
		try {
			this.backend.driver().revertToSnapshot(target.volume(), target);
		}
		catch (RuntimeException ex) {
			log.warn("revert_to_snapshot {} of volume {} failed: {}", snapshotId, volumeId, ex.toString());
			return this.backend.snapshots().endRevert(volumeId, snapshotId, VolumeStatus.ERROR.wire(), now()) ? Outcome.FAILURE
					: Outcome.SKIPPED;
		}
		log.info("revert_to_snapshot {}: volume {} reverted", snapshotId, volumeId);
		return this.backend.snapshots().endRevert(volumeId, snapshotId, VolumeStatus.AVAILABLE.wire(), now()) ? Outcome.SUCCESS
				: Outcome.SKIPPED;
	}

	private SnapshotRecord actionable(String snapshotId, String expectedStatus) {
		SnapshotRecord snapshot = this.backend.snapshots().find(snapshotId).orElse(null);
		if (snapshot == null || snapshot.deleted() || !expectedStatus.equals(snapshot.status())
				|| !this.backend.owns(snapshot.volume())) {
			log.info("snapshot {}: nothing to do here for status {} (row: {})", snapshotId, expectedStatus, snapshot);
			return null;
		}
		return snapshot;
	}

	private DriverSnapshot driverSnapshot(SnapshotRecord snapshot) {
		return new DriverSnapshot(snapshot.id(), this.backend.driverVolume(snapshot.volume()));
	}

	private java.time.Instant now() {
		return this.backend.clock().instant();
	}

}
