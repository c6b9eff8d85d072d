package io.basalt.api.volume;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import io.basalt.api.web.ApiException;
import io.basalt.api.web.RequestBodies;

import io.basalt.common.state.MigrationStatus;
import io.basalt.common.state.Transition;
import io.basalt.common.state.VolumeStatus;
import org.springframework.stereotype.Component;

/**
 * The volume actions that only change the volume's own row, as Cinder Zed's {@code volume/api.py} does them:
 * {@code os-set_bootable}, {@code os-reserve}, {@code os-unreserve}, {@code os-begin_detaching},
 * {@code os-roll_detaching} and {@code os-update_readonly_flag} (the actions on attachment records are
 * {@link AttachActions}'). Each
 * status change is one guarded statement (the expected status in its {@code WHERE}), so two concurrent actions
 * cannot both win; a failed precondition is Cinder's 400 {@code Invalid volume: ...}. The caller has found the
 * volume (404) and authorized the action. Thread-safe.
 *
 */
@Component
class VolumeActions {

	private final VolumeStore volumes;

	private final VolumeActionStore actions;

	private final Clock clock;

	VolumeActions(VolumeStore volumes, VolumeActionStore actions, Clock clock) {
		this.volumes = volumes;
		this.actions = actions;
		this.clock = clock;
	}

	/** {@code os-set_bootable {"bootable": bool}}: any status but {@code maintenance} (Cinder's update). */
	void setBootable(VolumeRecord v, Map<String, Object> args) {
		RequestBodies.onlyKeys(args, Set.of("bootable"));
		boolean bootable = requiredBool(args, "os-set_bootable", "bootable");
		if (!this.actions.setBootable(v.id(), bootable, this.clock.instant())) {
			throw invalid("The volume cannot be updated during maintenance.");
		}
	}

	/** {@code os-reserve}: {@code available} (or {@code in-use} when multi-attachable) → {@code attaching}. */
	void reserve(VolumeRecord v) {
		Transition<VolumeStatus> attach = v.multiattach() ? VolumeStatus.ATTACH_MULTI : VolumeStatus.ATTACH;
		if (!this.volumes.transition(v.id(), attach, this.clock.instant())) {
			throw invalid("Volume status must be " + String.join(" or ", attach.fromWires())
					+ " to reserve, but the status is "
					+ current(v) + ".");
		}
	}

	/**
	 * {@code os-unreserve}: {@code attaching} → {@code in-use} when the volume has live attachments, else
	 * {@code available}; any other status is left alone without an error, as Cinder.
	 */
	void unreserve(VolumeRecord v) {
		this.actions.unreserve(v.id(), this.clock.instant());
	}

	/**
	 * {@code os-begin_detaching}: {@code in-use} and {@code attached} → {@code detaching}, unless migrating (then
	 * nothing, and no error: a migration hides the detach, as Cinder).
	 */
	void beginDetaching(VolumeRecord v) {
		if (!this.actions.beginDetaching(v.id(), this.clock.instant()) && !migrating(v)) {
			throw invalid("Unable to detach volume. Volume status must be 'in-use' and attach_status must be "
					+ "'attached' to detach.");
		}
	}

	/** {@code os-roll_detaching}: {@code detaching} → {@code in-use}; any other status is left alone. */
	void rollDetaching(VolumeRecord v) {
		this.volumes.transition(v.id(), VolumeStatus.ROLL_DETACHING, this.clock.instant());
	}

	/**
	 * {@code os-update_readonly_flag {"readonly": bool}}: status {@code available}; stored as the admin metadata
	 * {@code readonly} ({@code "True"}/{@code "False"}, Python's {@code str(bool)}), shown in the volume's
	 * {@code metadata}.
	 */
	void updateReadonlyFlag(VolumeRecord v, Map<String, Object> args) {
		RequestBodies.onlyKeys(args, Set.of("readonly"));
		boolean readonly = requiredBool(args, "os-update_readonly_flag", "readonly");
		if (!this.actions.setAdminMetadataIfStatus(v.id(), VolumeStatus.AVAILABLE.wire(), "readonly", readonly ? "True" : "False")) {
			throw invalid("Volume " + v.id() + " status must be available to update readonly flag, but current "
					+ "status is: " + current(v) + ".");
		}
	}

	/** The status now (the record may be older than the statement that just failed). */
	private String current(VolumeRecord v) {
		return this.volumes.find(v.id(), null).map(VolumeRecord::status).orElse(v.status());
	}

	private static boolean migrating(VolumeRecord v) {
		return !MigrationStatus.isIdle(v.migrationStatus());
	}

	private static boolean requiredBool(Map<String, Object> args, String action, String field) {
		Boolean value = RequestBodies.bool(args, field);
		if (value == null) {
			throw RequestBodies.invalid(action, args, "'" + field + "' is a required property");
		}
		return value;
	}

	private static ApiException invalid(String reason) {
		return ApiException.badRequest("Invalid volume: " + reason);
	}

}
