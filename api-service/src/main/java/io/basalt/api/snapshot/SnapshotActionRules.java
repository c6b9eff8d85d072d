package io.basalt.api.snapshot;

import java.util.Map;

/**
 * The policy rule of each {@code POST /snapshots/{id}/action} action, Cinder Zed's names: the one table the
 * action dispatcher authorizes by. An action missing here is not supported.
 */
final class SnapshotActionRules {

	private static final Map<String, String> RULES = Map.of(
			"os-reset_status", "volume_extension:snapshot_admin_actions:reset_status",
			"os-force_delete", "volume_extension:snapshot_admin_actions:force_delete",
			"os-update_snapshot_status", "snapshot_extension:snapshot_actions:update_snapshot_status");

	private SnapshotActionRules() {
	}

	/** The rule of {@code action}, or null when the action is unknown. */
	static String rule(String action) {
		return RULES.get(action);
	}

}
