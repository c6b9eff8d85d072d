package io.basalt.api.quota;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/os-quota-class-sets/{class}}: show and update a quota class (admin). Class
 * {@code default} supplies every project's defaults through {@link QuotaLimits}. As Cinder, update ignores keys
 * that name no resource and answers the class without its {@code id}.
 */
@RestController
@RequestMapping("/v3/{projectId}/os-quota-class-sets/{className}")
class QuotaClassController {

	private final QuotaLimits limits;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	QuotaClassController(QuotaLimits limits, JdbcTemplate jdbc, Clock clock) {
		this.limits = limits;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@PolicyRule("volume_extension:quota_classes:get")
	@GetMapping
	Map<String, Object> show(ApiRequest req, @PathVariable String className) {
		Map<String, Object> set = new LinkedHashMap<>(this.limits.classLimits(className, this.limits.resources()));
		set.put("id", className);
		return Map.of("quota_class_set", set);
	}

	@PolicyRule("volume_extension:quota_classes:update")
	@PutMapping
	@Transactional
	Map<String, Object> update(ApiRequest req, @PathVariable String className,
			@RequestBody Map<String, Object> body) {
		RequestBodies.onlyKeys(body, Set.of("quota_class_set"));
		Map<String, Object> set = RequestBodies.element(body, "quota_class_set");
		if (className.length() > 255) {
			throw ApiException.badRequest("Invalid input received: quota_class_name has more than 255 characters.");
		}
		List<String> resources = this.limits.resources();
		Map<String, Integer> requested = new LinkedHashMap<>();
		for (Map.Entry<String, Object> e : set.entrySet()) {
			if (resources.contains(e.getKey())) {
				requested.put(e.getKey(), QuotaController.limitValue(e.getKey(), e.getValue()));
			}
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.batchUpdate("""
				INSERT INTO quota_classes (class_name, resource, hard_limit, created_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (class_name, resource) DO UPDATE SET hard_limit = EXCLUDED.hard_limit, updated_at = ?""",
				requested.entrySet().stream().map(e -> new Object[] { className, e.getKey(), e.getValue(), now, now })
					.toList());
		return Map.of("quota_class_set", new LinkedHashMap<>(this.limits.classLimits(className, resources)));
	}

}
