package io.basalt.api.quota;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/os-quota-sets/{target}}: show (a non-admin only its own project), {@code ?usage=true},
 * defaults, update and delete (admin).
 */
@RestController
@RequestMapping("/v3/{projectId}/os-quota-sets/{target}")
class QuotaController {

	private static final Set<String> TRUE = Set.of("true", "1", "yes", "t", "on");

	private final QuotaLimits limits;

	private final QuotaEngine engine;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	QuotaController(QuotaLimits limits, QuotaEngine engine, JdbcTemplate jdbc, Clock clock) {
		this.limits = limits;
		this.engine = engine;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@PolicyRule(value = "volume_extension:quotas:show", targetProject = "target")
	@GetMapping
	Map<String, Object> show(ApiRequest req, @PathVariable String target,
			@RequestParam(defaultValue = "false") String usage) {
		List<String> resources = this.limits.resources();
		Map<String, Integer> limitsByResource = this.limits.limits(target, resources);
		Map<String, Object> set = new LinkedHashMap<>();
		if (TRUE.contains(usage.toLowerCase())) {
			Map<String, int[]> usages = this.engine.usages(target);
			for (String r : resources) {
				int[] u = usages.getOrDefault(r, new int[2]);
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("limit", limitsByResource.get(r));
				entry.put("in_use", u[0]);
				entry.put("reserved", u[1]);
				set.put(r, entry);
			}
		}
		else {
			set.putAll(limitsByResource);
		}
		set.put("id", target);
		return Map.of("quota_set", set);
	}

	@PolicyRule(value = "volume_extension:quotas:show", targetProject = "target")
	@GetMapping("/defaults")
	Map<String, Object> defaults(ApiRequest req, @PathVariable String target) {
		Map<String, Object> set = new LinkedHashMap<>(this.limits.defaults(this.limits.resources()));
		set.put("id", target);
		return Map.of("quota_set", set);
	}

	@PolicyRule(value = "volume_extension:quotas:update", targetProject = "target")
	@PutMapping
	@Transactional
	Map<String, Object> update(ApiRequest req, @PathVariable String target, @RequestBody Map<String, Object> body) {
		Map<String, Object> set = RequestBodies.element(body, "quota_set");
		List<String> resources = this.limits.resources();
		Map<String, Integer> requested = new LinkedHashMap<>();
		for (Map.Entry<String, Object> e : set.entrySet()) {
			if (e.getKey().equals("id") || e.getKey().equals("tenant_id")) {
				continue;
			}
			if (!resources.contains(e.getKey())) {
				throw ApiException.badRequest("Bad key(s) in quota set: " + e.getKey());
			}
			requested.put(e.getKey(), limitValue(e.getKey(), e.getValue()));
		}
		Map<String, int[]> usages = this.engine.usages(target);
		for (Map.Entry<String, Integer> e : requested.entrySet()) {
			int[] u = usages.getOrDefault(e.getKey(), new int[2]);
			int used = u[0] + u[1];
			if (e.getValue() != -1 && !e.getKey().equals("per_volume_gigabytes") && e.getValue() < used) {
				throw ApiException.badRequest("Invalid input received: Quota " + e.getKey() + " limit must be equal "
						+ "or greater than existing resources. Current usage is " + used + " and the requested limit "
						+ "is " + e.getValue() + ".");
			}
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.batchUpdate("""
				INSERT INTO quotas (project_id, resource, hard_limit, created_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (project_id, resource) DO UPDATE SET hard_limit = EXCLUDED.hard_limit, updated_at = ?""",
				requested.entrySet().stream()
					.map(e -> new Object[] { target, e.getKey(), e.getValue(), now, now })
					.toList());
		return Map.of("quota_set", new LinkedHashMap<>(this.limits.limits(target, resources)));
	}

	@PolicyRule(value = "volume_extension:quotas:delete", targetProject = "target")
	@DeleteMapping
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String target) {
		this.jdbc.update("DELETE FROM quotas WHERE project_id = ?", target);
		// Cinder answers 200 with no body (Tempest's schema refuses even "{}")
		return ResponseEntity.ok().build();
	}

	/** A limit as Cinder's {@code validate_integer(value, key, -1, MAX_INT)}: an integer or a string of one. */
	static int limitValue(String key, Object value) {
		long n;
		if (value instanceof Integer || value instanceof Long) {
			n = ((Number) value).longValue();
		}
		else if (value instanceof String s && s.strip().matches("^-?[0-9]+$") && s.strip().length() < 12) {
			n = Long.parseLong(s.strip());
		}
		else {
			throw ApiException.badRequest("Invalid input received: Quota limit for " + key + " must be an integer.");
		}
		if (n < -1 || n > Integer.MAX_VALUE) {
			throw ApiException.badRequest("Invalid input received: Quota limit " + n + " for " + key
					+ " must be -1 or greater.");
		}
		return (int) n;
	}

}
