package io.basalt.volume.manager;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.basalt.common.state.GroupStatus;
import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.VolumeStatus;
import io.basalt.rpc.RequestContext;

/**
 * The generic group implementation of one backend (Cinder's {@code volume/group/generic} code path for drivers
 * without group support, which is every Basalt driver): a group is a database grouping, and its operations are
 * the per-volume and per-snapshot operations of {@link VolumeCreator}, {@link SnapshotHandler} and
 * {@link VolumeManager}. Each operation acts only when the group (snapshot) is in the status it expects and
 * placed on this backend, so a redelivered cast does nothing.
 * <p>
 * Thread-safe (stateless; the rows carry the state).
 */
public class GroupHandler {

	private static final Logger log = LoggerFactory.getLogger(GroupHandler.class);

	private final BackendContext backend;

	private final GroupStore groups;

	public GroupHandler(BackendContext backend, GroupStore groups) {
		this.backend = backend;
		this.groups = groups;
	}

	/** {@code creating} → {@code available}: a generic group needs nothing of the driver. */
	public Outcome create(String groupId) {
		if (!this.groups.isGroup(groupId, GroupStatus.CREATING.wire(), this.backend.backend())) {
			log.info("create_group {}: nothing to do on {}", groupId, this.backend.backend());
			return Outcome.SKIPPED;
		}
		return this.groups.moveGroup(groupId, GroupStatus.CREATING.wire(), GroupStatus.AVAILABLE.wire(), now()) ? Outcome.SUCCESS : Outcome.SKIPPED;
	}

	/** Creates every {@code creating} volume of a group made from a source, then the group is available. */
	public Outcome createFromSource(RequestContext context, VolumeCreator creator, String groupId) {
		if (!this.groups.isGroup(groupId, GroupStatus.CREATING.wire(), this.backend.backend())) {
			log.info("create_group_from_src {}: nothing to do on {}", groupId, this.backend.backend());
			return Outcome.SKIPPED;
		}
		boolean ok = true;
		for (String volumeId : this.groups.volumesOf(groupId, VolumeStatus.CREATING.wire())) {
			ok &= creator.create(context, volumeId, null, null) != Outcome.FAILURE;
		}
		return this.groups.moveGroup(groupId, GroupStatus.CREATING.wire(), ok ? GroupStatus.AVAILABLE.wire() : GroupStatus.ERROR.wire(), now())
				? (ok ? Outcome.SUCCESS : Outcome.FAILURE) : Outcome.SKIPPED;
	}

	/** Deletes the group's {@code deleting} volumes one by one, then the group (giving its quota back). */
	public Outcome delete(VolumeManager manager, String groupId) {
		if (!this.groups.isGroup(groupId, GroupStatus.DELETING.wire(), this.backend.backend())) {
			log.info("delete_group {}: nothing to do on {}", groupId, this.backend.backend());
			return Outcome.SKIPPED;
		}
		for (String volumeId : this.groups.volumesOf(groupId, VolumeStatus.DELETING.wire())) {
			if (manager.delete(volumeId) == Outcome.FAILURE) {
				this.groups.moveGroup(groupId, GroupStatus.DELETING.wire(), GroupStatus.ERROR_DELETING.wire(), now());
				return Outcome.FAILURE;
			}
		}
		return this.groups.markGroupDeleted(groupId, now()) ? Outcome.SUCCESS : Outcome.SKIPPED;
	}

	/** Joins and removes volumes ({@code updating} → {@code available}). */
	public Outcome update(String groupId, List<String> add, List<String> remove) {
		if (!this.groups.isGroup(groupId, GroupStatus.UPDATING.wire(), this.backend.backend())) {
			log.info("update_group {}: nothing to do on {}", groupId, this.backend.backend());
			return Outcome.SKIPPED;
		}
		return this.groups.applyUpdate(groupId, (add != null) ? add : List.of(), (remove != null) ? remove : List.of(),
				now()) ? Outcome.SUCCESS : Outcome.SKIPPED;
	}

	/** Snapshots every volume of the group (its snapshots rows exist, {@code creating}). */
	public Outcome createSnapshot(SnapshotHandler snapshots, String groupSnapshotId) {
		if (!this.groups.isGroupSnapshot(groupSnapshotId, GroupStatus.CREATING.wire(), this.backend.backend())) {
			log.info("create_group_snapshot {}: nothing to do on {}", groupSnapshotId, this.backend.backend());
			return Outcome.SKIPPED;
		}
		boolean ok = true;
		for (String snapshotId : this.groups.snapshotsOf(groupSnapshotId, SnapshotStatus.CREATING.wire())) {
			ok &= snapshots.create(snapshotId) != Outcome.FAILURE;
		}
		return this.groups.moveGroupSnapshot(groupSnapshotId, GroupStatus.CREATING.wire(), ok ? GroupStatus.AVAILABLE.wire() : GroupStatus.ERROR.wire(), now())
				? (ok ? Outcome.SUCCESS : Outcome.FAILURE) : Outcome.SKIPPED;
	}

	/** Deletes the snapshots of a group snapshot (each gives its quota back), then the group snapshot. */
	public Outcome deleteSnapshot(SnapshotHandler snapshots, String groupSnapshotId) {
		if (!this.groups.isGroupSnapshot(groupSnapshotId, GroupStatus.DELETING.wire(), this.backend.backend())) {
			log.info("delete_group_snapshot {}: nothing to do on {}", groupSnapshotId, this.backend.backend());
			return Outcome.SKIPPED;
		}
		for (String snapshotId : this.groups.snapshotsOf(groupSnapshotId, SnapshotStatus.DELETING.wire())) {
			if (snapshots.delete(snapshotId) == Outcome.FAILURE) {
				this.groups.moveGroupSnapshot(groupSnapshotId, GroupStatus.DELETING.wire(), GroupStatus.ERROR_DELETING.wire(), now());
				return Outcome.FAILURE;
			}
		}
		return this.groups.moveGroupSnapshot(groupSnapshotId, GroupStatus.DELETING.wire(), GroupStatus.DELETED.wire(), now()) ? Outcome.SUCCESS
				: Outcome.SKIPPED;
	}

	private java.time.Instant now() {
		return this.backend.clock().instant();
	}

}
