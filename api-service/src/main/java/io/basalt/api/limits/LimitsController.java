package io.basalt.api.limits;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.quota.QuotaEngine;
import io.basalt.api.quota.QuotaLimits;
import io.basalt.api.web.ApiRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v3/{project_id}/limits}: rate limits (none) and absolute limits with usage. */
@RestController
class LimitsController {

	private final QuotaLimits limits;

	private final QuotaEngine engine;

	LimitsController(QuotaLimits limits, QuotaEngine engine) {
		this.limits = limits;
		this.engine = engine;
	}

	@PolicyRule("limits_extension:used_limits")
	@GetMapping("/v3/{projectId}/limits")
	Map<String, Object> limits(ApiRequest req, @RequestParam(name = "project_id", required = false) String project) {
		String target = (project != null && req.isAdmin() && req.version().atLeast(39)) ? project : req.projectId();
		Map<String, Integer> l = this.limits.limits(target,
				List.of("volumes", "snapshots", "gigabytes", "backups", "backup_gigabytes"));
		Map<String, int[]> u = this.engine.usages(target);
		Map<String, Object> absolute = new LinkedHashMap<>();
		absolute.put("maxTotalVolumes", l.get("volumes"));
		absolute.put("maxTotalSnapshots", l.get("snapshots"));
		absolute.put("maxTotalVolumeGigabytes", l.get("gigabytes"));
		absolute.put("maxTotalBackups", l.get("backups"));
		absolute.put("maxTotalBackupGigabytes", l.get("backup_gigabytes"));
		absolute.put("totalVolumesUsed", used(u, "volumes"));
		absolute.put("totalGigabytesUsed", used(u, "gigabytes"));
		absolute.put("totalSnapshotsUsed", used(u, "snapshots"));
		absolute.put("totalBackupsUsed", used(u, "backups"));
		absolute.put("totalBackupGigabytesUsed", used(u, "backup_gigabytes"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("rate", List.of());
		body.put("absolute", absolute);
		return Map.of("limits", body);
	}

	private static int used(Map<String, int[]> usages, String resource) {
		int[] u = usages.get(resource);
		return (u != null) ? u[0] : 0;
	}

}
