package io.basalt.common.state;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A volume's {@code status}: Cinder Zed's values ({@code cinder/objects/fields.py} {@code VolumeStatus}, the
 * statuses of cinder-api-v3.md §4) plus {@code reverting} and the {@code deleted} a soft-deleted row keeps, with
 * the lifecycle's transition table ({@link #mayGoTo}) and the named {@link Transition}s and status sets the
 * services use. The one owner of volume status rules: no SQL text names a status, each statement binds these.
 * <p>
 * The table is the normal lifecycle. A forced delete may start from any live status (so every status but
 * {@code deleted} may go to {@code deleting}); an admin's {@code os-reset_status} is outside the table by
 * design (Cinder lets an admin write any status) and is the only writer that does not go through it.
 */
public enum VolumeStatus implements WireStatus<VolumeStatus> {

	CREATING("creating"), AVAILABLE("available"), RESERVED("reserved"), ATTACHING("attaching"),
	DETACHING("detaching"), IN_USE("in-use"), MAINTENANCE("maintenance"), DELETING("deleting"),
	AWAITING_TRANSFER("awaiting-transfer"), ERROR("error"), ERROR_DELETING("error_deleting"),
	BACKING_UP("backing-up"), RESTORING_BACKUP("restoring-backup"), ERROR_BACKING_UP("error_backing-up"),
	ERROR_RESTORING("error_restoring"), ERROR_EXTENDING("error_extending"), DOWNLOADING("downloading"),
	UPLOADING("uploading"), RETYPING("retyping"), EXTENDING("extending"), REVERTING("reverting"),
	ERROR_MANAGING("error_managing"), MANAGING("managing"), DELETED("deleted");

	private static final Map<VolumeStatus, Set<VolumeStatus>> TABLE = table();

	/**
	 * The statuses of cinder-api-v3.md §4 (Cinder's {@code VolumeStatus}, without Basalt's {@code reverting} and
	 * {@code deleted}): what {@code os-reset_status} accepts (but {@code deleting}).
	 */
	public static final Set<VolumeStatus> API = Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(REVERTING, DELETED)));

	/** The statuses a non-forced delete accepts (Cinder's {@code volume.api.API.delete}). */
	public static final Set<VolumeStatus> DELETABLE = Collections
		.unmodifiableSet(EnumSet.of(AVAILABLE, ERROR, ERROR_RESTORING, ERROR_EXTENDING, ERROR_MANAGING));

	/** The statuses a group snapshot may snap a volume in. */
	public static final Set<VolumeStatus> SNAPPABLE = Collections.unmodifiableSet(EnumSet.of(AVAILABLE, IN_USE));

	/** The statuses a volume may be cloned from (Cinder's create with {@code source_volid}). */
	public static final Set<VolumeStatus> CLONABLE = Collections.unmodifiableSet(EnumSet.of(AVAILABLE, IN_USE));

	/** The statuses a volume may be added to a group in (Cinder's {@code VALID_ADD_VOL_TO_GROUP_STATUS}). */
	public static final Set<VolumeStatus> GROUP_ADDABLE = Collections.unmodifiableSet(EnumSet.of(AVAILABLE, IN_USE));

	/** The statuses a migration or a retype may start from (Cinder's {@code migrate_volume} and {@code retype}). */
	public static final Set<VolumeStatus> MIGRATABLE = Collections.unmodifiableSet(EnumSet.of(AVAILABLE, IN_USE));

	/** The statuses a migration or retype holds a volume in, restored from {@code previous_status} at its end. */
	public static final Set<VolumeStatus> MIGRATION_HELD = Collections.unmodifiableSet(EnumSet.of(RETYPING, MAINTENANCE));

	/** Work a service is doing on the volume; the sweeper's business when it lasts too long. */
	public static final Set<VolumeStatus> TRANSITIONAL = Collections.unmodifiableSet(EnumSet.of(CREATING, DELETING,
			EXTENDING, ATTACHING, DETACHING, RESERVED, RETYPING, REVERTING, MANAGING, BACKING_UP, RESTORING_BACKUP,
			DOWNLOADING, UPLOADING, MAINTENANCE));

	/** The volume service built it. */
	public static final Transition<VolumeStatus> CREATED = Transition.of(AVAILABLE, CREATING);

	/** Scheduling or the driver failed (scheduler, volume service, the api's create flow). */
	public static final Transition<VolumeStatus> CREATE_FAILED = Transition.of(ERROR, CREATING);

	/** The volume service deleted it (the row is soft-deleted in the same statement). */
	public static final Transition<VolumeStatus> DELETED_BY_BACKEND = Transition.of(DELETED, DELETING);

	/** The driver could not delete it. */
	public static final Transition<VolumeStatus> DELETE_FAILED = Transition.of(ERROR_DELETING, DELETING);

	/** The extend finished. */
	public static final Transition<VolumeStatus> EXTENDED = Transition.of(AVAILABLE, EXTENDING);

	/** The scheduler found no backend for the extend; its quota is given back. */
	public static final Transition<VolumeStatus> EXTEND_REFUSED = Transition.of(AVAILABLE, EXTENDING);

	/** The driver failed the extend; its quota is given back. */
	public static final Transition<VolumeStatus> EXTEND_FAILED = Transition.of(ERROR_EXTENDING, EXTENDING);

	/** A revert to a snapshot starts (the api). */
	public static final Transition<VolumeStatus> REVERT = Transition.of(REVERTING, AVAILABLE);

	/** A revert ended, well or not. */
	public static final Transition<VolumeStatus> REVERTED = Transition.of(AVAILABLE, REVERTING);

	public static final Transition<VolumeStatus> REVERT_FAILED = Transition.of(ERROR, REVERTING);

	/** An accepted transfer gives the volume to its new project. */
	public static final Transition<VolumeStatus> TRANSFERRED = Transition.of(AVAILABLE, AWAITING_TRANSFER);

	/** An attach starts (os-attach; {@code in-use} only for a multiattach volume). */
	public static final Transition<VolumeStatus> ATTACH = Transition.of(ATTACHING, AVAILABLE);

	public static final Transition<VolumeStatus> ATTACH_MULTI = Transition.of(ATTACHING, AVAILABLE, IN_USE);

	/** os-roll_detaching undoes os-begin_detaching. */
	public static final Transition<VolumeStatus> ROLL_DETACHING = Transition.of(IN_USE, DETACHING);

	/** A transfer is offered (the volume waits for its new owner). */
	public static final Transition<VolumeStatus> OFFER_TRANSFER = Transition.of(AWAITING_TRANSFER, AVAILABLE);

	/** The transfer was deleted before anyone accepted it. */
	public static final Transition<VolumeStatus> WITHDRAW_TRANSFER = Transition.of(AVAILABLE, AWAITING_TRANSFER);

	/** os-begin_detaching. */
	public static final Transition<VolumeStatus> BEGIN_DETACHING = Transition.of(DETACHING, IN_USE);

	private final String wire;

	VolumeStatus(String wire) {
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
	public boolean mayGoTo(VolumeStatus to) {
		return TABLE.get(this).contains(to);
	}

	/** The status whose wire value is {@code wire}; IllegalArgumentException naming it if none is. */
	public static VolumeStatus from(String wire) {
		return WireStatus.from(VolumeStatus.class, wire);
	}

	/** Whether {@code wire} is one of {@link #API}. */
	public static boolean isApiStatus(String wire) {
		return API.stream().anyMatch(s -> s.wire.equals(wire));
	}

	/** The wire values of {@code statuses}, sorted (for {@code status = ANY(?)}). */
	public static String[] wires(Set<VolumeStatus> statuses) {
		return WireStatus.wires(statuses);
	}

	private static Map<VolumeStatus, Set<VolumeStatus>> table() {
		Map<VolumeStatus, Set<VolumeStatus>> t = new EnumMap<>(VolumeStatus.class);
		for (VolumeStatus s : values()) {
			t.put(s, EnumSet.noneOf(VolumeStatus.class));
		}
		allow(t, CREATING, AVAILABLE, ERROR);
		allow(t, MANAGING, AVAILABLE, ERROR_MANAGING);
		allow(t, AVAILABLE, RESERVED, ATTACHING, IN_USE, MAINTENANCE, AWAITING_TRANSFER, BACKING_UP,
				RESTORING_BACKUP, DOWNLOADING, UPLOADING, RETYPING, EXTENDING, REVERTING, ERROR);
		allow(t, IN_USE, RESERVED, ATTACHING, DETACHING, MAINTENANCE, BACKING_UP, UPLOADING, RETYPING, EXTENDING,
				AVAILABLE, ERROR);
		allow(t, RESERVED, ATTACHING, IN_USE, AVAILABLE, DETACHING, ERROR);
		allow(t, ATTACHING, IN_USE, AVAILABLE, RESERVED, DETACHING, ERROR);
		allow(t, DETACHING, AVAILABLE, IN_USE, ERROR);
		allow(t, DOWNLOADING, AVAILABLE, RESERVED, ATTACHING, ERROR);
		allow(t, MAINTENANCE, AVAILABLE, IN_USE, ERROR);
		allow(t, RETYPING, AVAILABLE, IN_USE, ERROR);
		allow(t, EXTENDING, AVAILABLE, IN_USE, ERROR_EXTENDING);
		allow(t, REVERTING, AVAILABLE, ERROR);
		allow(t, AWAITING_TRANSFER, AVAILABLE);
		allow(t, BACKING_UP, AVAILABLE, IN_USE, ERROR_BACKING_UP);
		allow(t, RESTORING_BACKUP, AVAILABLE, ERROR_RESTORING);
		allow(t, UPLOADING, AVAILABLE, IN_USE, ERROR);
		allow(t, DELETING, DELETED, ERROR_DELETING);
		for (VolumeStatus s : values()) {
			if (s != DELETED && s != DELETING) {
				t.get(s).add(DELETING);
			}
		}
		t.replaceAll((k, v) -> Collections.unmodifiableSet(v));
		return Collections.unmodifiableMap(t);
	}

	private static void allow(Map<VolumeStatus, Set<VolumeStatus>> t, VolumeStatus from, VolumeStatus... to) {
		t.get(from).addAll(Set.of(to));
	}

}
