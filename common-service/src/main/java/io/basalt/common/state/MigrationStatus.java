package io.basalt.common.state;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A volume's {@code migration_status} (Cinder Zed's values as its volume manager writes them): the wire values bound to the SQL that writes or guards the column, so that no SQL text names one. Its
 * rules live with the code that owns that resource; {@link #mayGoTo} allows every change.
 */
public enum MigrationStatus implements WireStatus<MigrationStatus> {

	STARTING("starting"), MIGRATING("migrating"), COMPLETING("completing"), SUCCESS("success"), ERROR("error"), DELETING("deleting");

	/**
	 * The migration statuses in which no migration is running (Cinder's {@code AVAILABLE_MIGRATION_STATUS}, with
	 * no migration status at all): a detach, a retype, a migration or a revert may start.
	 */
	public static final Set<MigrationStatus> IDLE = Collections.unmodifiableSet(EnumSet.of(DELETING, ERROR, SUCCESS));

	/**
	 * The migration statuses a volume's {@code os-reset_status} accepts (Cinder's list; it also takes
	 * {@code none}, which clears the column).
	 */
	public static final Set<MigrationStatus> RESETTABLE = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(DELETING)));

	private final String wire;

	MigrationStatus(String wire) {
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
	public boolean mayGoTo(MigrationStatus to) {
		return true;
	}

	/** Whether {@code wire} (a {@code migration_status}, null for none) is {@link #IDLE} or none at all. */
	public static boolean isIdle(String wire) {
		return wire == null || IDLE.stream().anyMatch(s -> s.wire.equals(wire));
	}

	/** The status whose wire value is {@code wire}; IllegalArgumentException naming it if none is. */
	public static MigrationStatus from(String wire) {
		return WireStatus.from(MigrationStatus.class, wire);
	}

}
