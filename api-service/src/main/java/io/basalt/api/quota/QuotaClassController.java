package io.basalt.api.quota;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;
import io.basalt.api.web.Timestamps;

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

	private final QuotaClassRepository classes;

	private final Clock clock;

	QuotaClassController(QuotaLimits limits, QuotaClassRepository classes, Clock clock) {
		this.limits = limits;
		this.classes = classes;
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
		Instant now = Timestamps.dbNow(this.clock);
		Map<String, QuotaClassEntity> rows = new LinkedHashMap<>();
		this.classes.findByClassName(className).forEach(r -> rows.put(r.resource(), r));
		requested.forEach((resource, limit) -> {
			QuotaClassEntity row = rows.get(resource);
			if (row == null) {
				this.classes.save(new QuotaClassEntity(className, resource, limit, now));
			}
			else {
				row.setHardLimit(limit, now);
			}
		});
		// the answer is read back over JDBC (QuotaLimits), in this transaction
		this.classes.flush();
		return Map.of("quota_class_set", new LinkedHashMap<>(this.limits.classLimits(className, resources)));
	}

}
