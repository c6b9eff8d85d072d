package io.basalt.common.state;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A snapshot's {@code status}: Cinder Zed's values ({@code cinder/objects/fields.py} {@code SnapshotStatus}),
 * with the lifecycle's transition table ({@link #mayGoTo}) and the named {@link Transition}s and sets the
 * services use. The one owner of snapshot status rules, as {@link VolumeStatus} is for volumes (a forced delete
 * may start from any live status; {@code os-reset_status} is outside the table).
 */
public enum SnapshotStatus implements WireStatus<SnapshotStatus> {

	CREATING("creating"), AVAILABLE("available"), DELETING("deleting"), ERROR("error"),
	ERROR_DELETING("error_deleting"), RESTORING("restoring"), BACKING_UP("backing-up"), UNMANAGING("unmanaging"),
	UPDATING("updating"), DELETED("deleted");

	private static final Map<SnapshotStatus, Set<SnapshotStatus>> TABLE = table();

	/** The statuses {@code os-reset_status} accepts (Cinder's {@code SnapshotStatus.ALL}). */
	public static final Set<SnapshotStatus> RESETTABLE = Collections.unmodifiableSet(EnumSet.allOf(SnapshotStatus.class));

	/** The statuses a snapshot may be in for a non-forced cascading delete of its volume. */
	public static final Set<SnapshotStatus> CASCADE_DELETABLE = Collections.unmodifiableSet(EnumSet.of(AVAILABLE, ERROR, DELETING));

	/** The snapshot was made. */
	public static final Transition<SnapshotStatus> CREATED = Transition.of(AVAILABLE, CREATING);

	/** Its creation failed (the api when the cast is refused, the volume service when the driver fails). */
	public static final Transition<SnapshotStatus> CREATE_FAILED = Transition.of(ERROR, CREATING);

	/** The volume service deleted it (soft-deleted in the same statement). */
	public static final Transition<SnapshotStatus> DELETED_BY_BACKEND = Transition.of(DELETED, DELETING);

	public static final Transition<SnapshotStatus> DELETE_FAILED = Transition.of(ERROR_DELETING, DELETING);

	/** A delete of the snapshot, of its volume (cascade) or of its group snapshot starts. */
	public static final Transition<SnapshotStatus> DELETE = Transition.of(DELETING, AVAILABLE, ERROR,
			ERROR_DELETING, CREATING, RESTORING, BACKING_UP, UNMANAGING, UPDATING);

	/** A user deletes it (Cinder's {@code delete_snapshot} without force: {@code available} or {@code error}). */
	public static final Transition<SnapshotStatus> USER_DELETE = Transition.of(DELETING, AVAILABLE, ERROR);

	/** A revert of its volume to it starts. */
	public static final Transition<SnapshotStatus> RESTORE = Transition.of(RESTORING, AVAILABLE);

	/** The revert ended (Cinder leaves the snapshot usable either way). */
	public static final Transition<SnapshotStatus> RESTORED = Transition.of(AVAILABLE, RESTORING);

	private final String wire;

	SnapshotStatus(String wire) {
		this.wire = wire;
	}

	@Override
	public String wire() {
		return this.wire;
	}

	@Override
	public String toString() {
		return this.wire;
	}

	@Override
	public boolean mayGoTo(SnapshotStatus to) {
		return TABLE.get(this).contains(to);
	}

	/** The status whose wire value is {@code wire}; IllegalArgumentException naming it if none is. */
	public static SnapshotStatus from(String wire) {
		return WireStatus.from(SnapshotStatus.class, wire);
	}

	/** The wire values of {@code statuses}, sorted (for {@code status = ANY(?)}). */
	public static String[] wires(Set<SnapshotStatus> statuses) {
		return WireStatus.wires(statuses);
	}

	private static Map<SnapshotStatus, Set<SnapshotStatus>> table() {
		Map<SnapshotStatus, Set<SnapshotStatus>> t = new EnumMap<>(SnapshotStatus.class);
		for (SnapshotStatus s : values()) {
			t.put(s, EnumSet.noneOf(SnapshotStatus.class));
		}
		t.get(CREATING).addAll(Set.of(AVAILABLE, ERROR));
		t.get(AVAILABLE).addAll(Set.of(RESTORING, BACKING_UP, UNMANAGING, UPDATING, ERROR));
		t.get(RESTORING).addAll(Set.of(AVAILABLE, ERROR));
		t.get(BACKING_UP).addAll(Set.of(AVAILABLE, ERROR));
		t.get(UPDATING).addAll(Set.of(AVAILABLE, ERROR));
		t.get(UNMANAGING).addAll(Set.of(DELETED, AVAILABLE, ERROR));
		t.get(DELETING).addAll(Set.of(DELETED, ERROR_DELETING));
		for (SnapshotStatus s : values()) {
			if (s != DELETED && s != DELETING) {
				t.get(s).add(DELETING);
			}
		}
		t.replaceAll((k, v) -> Collections.unmodifiableSet(v));
		return Collections.unmodifiableMap(t);
	}

}
