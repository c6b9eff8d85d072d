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
			Map.entry("os-force_delete", "volume_extension:volume_admin_actions:force_delete"));

	private VolumeActionRules() {
	}

	/** The rule of {@code action}, or null when the action is unknown. */
	static String rule(String action) {
		return RULES.get(action);
	}

}
