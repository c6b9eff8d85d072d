package io.basalt.api.volume;

import java.util.Map;

/**
 * The policy rule of each {@code POST /volumes/{id}/action} action, Cinder Zed's names: the one table the action
 * dispatcher authorizes by. An action missing here is not supported.
 */
final class VolumeActionRules {

	private static final Map<String, String> RULES = Map.ofEntries(
			Map.entry("os-extend", "volume:extend"),
			Map.entry("os-reset_status", "volume_extension:volume_admin_actions:reset_status"),
			Map.entry("os-force_delete", "volume_extension:volume_admin_actions:force_delete"),
			// Cinder authorizes os-set_bootable inside volume_api.update, with the update rule
			Map.entry("os-set_bootable", "volume:update"),
			Map.entry("os-reserve", "volume_extension:volume_actions:reserve"),
			Map.entry("os-unreserve", "volume_extension:volume_actions:unreserve"),
			Map.entry("os-begin_detaching", "volume_extension:volume_actions:begin_detaching"),
			Map.entry("os-roll_detaching", "volume_extension:volume_actions:roll_detaching"),
			Map.entry("os-update_readonly_flag", "volume:update_readonly_flag"),
			Map.entry("os-attach", "volume_extension:volume_actions:attach"),
			Map.entry("os-detach", "volume_extension:volume_actions:detach"),
			Map.entry("os-initialize_connection", "volume_extension:volume_actions:initialize_connection"),
			Map.entry("os-terminate_connection", "volume_extension:volume_actions:terminate_connection"),
			Map.entry("os-force_detach", "volume_extension:volume_admin_actions:force_detach"),
			Map.entry("os-retype", "volume:retype"),
			Map.entry("os-migrate_volume", "volume_extension:volume_admin_actions:migrate_volume"),
			Map.entry("os-migrate_volume_completion",
					"volume_extension:volume_admin_actions:migrate_volume_completion"),
			Map.entry("revert", "volume:revert_to_snapshot"));

	private VolumeActionRules() {
	}

	/** The rule of {@code action}, or null when the action is unknown. */
	static String rule(String action) {
		return RULES.get(action);
	}

}
