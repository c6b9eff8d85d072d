package io.basalt.api.type;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.policy.Policy;
import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Private volume types' access lists (Cinder's {@code os-volume-type-access} extension):
 * {@code GET /types/{id}/os-volume-type-access}, and the {@code addProjectAccess} / {@code removeProjectAccess}
 * actions on {@code POST /types/{id}/action}. All admin by Cinder's default policy.
 */
@RestController
@RequestMapping("/v3/{projectId}/types/{typeId}")
class VolumeTypeAccessController {

	private static final Map<String, String> ACTION_RULES = Map.of("addProjectAccess",
			"volume_extension:volume_type_access:addProjectAccess", "removeProjectAccess",
			"volume_extension:volume_type_access:removeProjectAccess");

	private final VolumeTypeService types;

	private final Policy policy;

	VolumeTypeAccessController(VolumeTypeService types, Policy policy) {
		this.types = types;
		this.policy = policy;
	}

	@PolicyRule("volume_extension:volume_type_access:get_all_for_type")
	@GetMapping("/os-volume-type-access")
	Map<String, Object> list(ApiRequest req, @PathVariable String typeId) {
		List<Map<String, String>> access = this.types.accessList(typeId).stream().map(project -> {
			Map<String, String> entry = new LinkedHashMap<>();
			entry.put("volume_type_id", this.types.get(typeId).id());
			entry.put("project_id", project);
			return entry;
		}).toList();
		return Map.of("volume_type_access", access);
	}

	@PolicyRule(PolicyRule.PER_ACTION)
	@PostMapping("/action")
	ResponseEntity<Void> action(ApiRequest req, @PathVariable String typeId, @RequestBody Map<String, Object> body) {
		if (body == null || body.size() != 1) {
			throw ApiException.badRequest("There is either no action or more than one action in the request body.");
		}
		String action = body.keySet().iterator().next();
		String rule = ACTION_RULES.get(action);
		if (rule == null) {
			throw ApiException.badRequest("There is no such action: " + action);
		}
		this.policy.authorize(req, rule);
		String project = RequestBodies.string(RequestBodies.element(body, action), "project", 1, 255, false);
		if (project == null) {
			throw ApiException.badRequest("Missing required element 'project' in request body.");
		}
		if (action.equals("addProjectAccess")) {
			this.types.addAccess(typeId, project);
		}
		else {
			this.types.removeAccess(typeId, project);
		}
		return ResponseEntity.accepted().build();
	}

}
