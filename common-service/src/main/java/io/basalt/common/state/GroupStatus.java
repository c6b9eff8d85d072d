package io.basalt.common.state;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A group's or group snapshot's {@code status} (Cinder Zed's {@code GroupStatus} and {@code GroupSnapshotStatus}; the same words): the wire values bound to the SQL that writes or guards the column, so that no SQL text names one. Its
 * rules live with the code that owns that resource; {@link #mayGoTo} allows every change.
 */
public enum GroupStatus implements WireStatus<GroupStatus> {

	CREATING("creating"), AVAILABLE("available"), UPDATING("updating"), IN_USE("in-use"), DELETING("deleting"), ERROR("error"), ERROR_DELETING("error_deleting"), DELETED("deleted");

	/** The statuses a group's {@code reset_status} accepts (Cinder's {@code GroupStatus.ALL}). */
	public static final Set<GroupStatus> RESETTABLE = Collections.unmodifiableSet(EnumSet.allOf(GroupStatus.class));

	/** The statuses a group snapshot's {@code reset_status} accepts (Cinder's {@code GroupSnapshotStatus.ALL}). */
	public static final Set<GroupStatus> SNAPSHOT_RESETTABLE = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(IN_USE)));

	/** The statuses a group or group snapshot may be deleted from. */
	public static final Set<GroupStatus> DELETABLE = Collections.unmodifiableSet(EnumSet.of(AVAILABLE, ERROR, ERROR_DELETING));

	private final String wire;

	GroupStatus(String wire) {
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
	public boolean mayGoTo(GroupStatus to) {
		return true;
	}

	/** The status whose wire value is {@code wire}; IllegalArgumentException naming it if none is. */
	public static GroupStatus from(String wire) {
		return WireStatus.from(GroupStatus.class, wire);
	}

	/** The wire values of {@code statuses}, sorted (for {@code status = ANY(?)}). */
	public static String[] wires(Set<GroupStatus> statuses) {
		return WireStatus.wires(statuses);
	}

}
