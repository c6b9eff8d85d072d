package io.basalt.api.type;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.type.DefaultTypeStore.DefaultType;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/default-types[/{target_project}]} (3.62): per-project default volume types, admin
 * only by Cinder's default policy. Set answers 200 with {@code {"default_type": {project_id, volume_type_id}}}
 * (an unknown type → 400), show of a project without one → 404, delete → 204 (also when none was set).
 */
@RestController
@RequestMapping("/v3/{projectId}/default-types")
class DefaultTypeController {

	/** The microversion of default-types ({@code DEFAULT_TYPE_OVERRIDES}). */
	static final int MIN_VERSION = 62;

	private final VolumeTypeService types;

	DefaultTypeController(VolumeTypeService types) {
		this.types = types;
	}

	@PolicyRule("volume_extension:default_set_or_update")
	@PutMapping("/{target}")
	Map<String, Object> set(ApiRequest req, @PathVariable String target, @RequestBody Map<String, Object> body) {
		req.requireVersion(MIN_VERSION);
		RequestBodies.onlyKeys(body, Set.of("default_type"));
		Map<String, Object> element = RequestBodies.element(body, "default_type");
		RequestBodies.onlyKeys(element, Set.of("volume_type"));
		String type = RequestBodies.string(element, "volume_type", 1, 255, false);
		if (type == null) {
			throw RequestBodies.invalid("default_type", element, "'volume_type' is a required property");
		}
		return Map.of("default_type", view(this.types.setProjectDefault(target, type)));
	}

	@PolicyRule("volume_extension:default_get")
	@GetMapping("/{target}")
	Map<String, Object> show(ApiRequest req, @PathVariable String target) {
		req.requireVersion(MIN_VERSION);
		DefaultType found = this.types.projectDefault(target)
			.orElseThrow(() -> ApiException.notFound("Default type for project " + target + " not found."));
		return Map.of("default_type", view(found));
	}

	@PolicyRule("volume_extension:default_get_all")
	@GetMapping
	Map<String, Object> list(ApiRequest req) {
		req.requireVersion(MIN_VERSION);
		List<Map<String, Object>> views = this.types.projectDefaults().stream().map(DefaultTypeController::view)
			.toList();
		return Map.of("default_types", views);
	}

	@PolicyRule("volume_extension:default_unset")
	@DeleteMapping("/{target}")
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String target) {
		req.requireVersion(MIN_VERSION);
		this.types.unsetProjectDefault(target);
		return ResponseEntity.noContent().build();
	}

	private static Map<String, Object> view(DefaultType d) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("project_id", d.projectId());
		view.put("volume_type_id", d.volumeTypeId());
		return view;
	}

}
