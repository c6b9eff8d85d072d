package io.basalt.api.group;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.policy.Policy;
import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/group_types} (3.11+): group types and their group specs. Writes are admin-only
 * ({@code group:group_types:*}, {@code group:group_types_specs:*}); Cinder reads them without a policy of their
 * own, so list and show carry the group read rules. {@code group_specs} are shown to callers passing
 * {@code group:access_group_types_specs}.
 */
@RestController
@RequestMapping("/v3/{projectId}/group_types")
class GroupTypeController {

	/** The microversion group types and group specs appeared in. */
	static final int GROUP_TYPE_VERSION = 11;

	private static final Set<String> SORT_KEYS = Set.of("name", "id", "created_at", "updated_at", "description",
			"is_public");

	private final GroupTypeStore types;

	private final Policy policy;

	GroupTypeController(GroupTypeStore types, Policy policy) {
		this.types = types;
		this.policy = policy;
	}

	@PolicyRule("group:get_all")
	@GetMapping
	Map<String, Object> list(ApiRequest req, @RequestParam(name = "is_public", required = false) String isPublic,
			@RequestParam(name = "sort", required = false) String sort) {
		req.requireVersion(GROUP_TYPE_VERSION);
		Boolean visibility = req.isAdmin() ? parsePublic(isPublic) : Boolean.TRUE;
		String column = "created_at";
		boolean ascending = true;
		if (sort != null && !sort.isBlank()) {
			String[] parts = sort.split(",")[0].split(":");
			column = parts[0].strip();
			ascending = parts.length < 2 || !"desc".equalsIgnoreCase(parts[1].strip());
			if (!SORT_KEYS.contains(column)) {
				throw ApiException.badRequest("Invalid input received: Invalid sort key " + column);
			}
		}
		List<Map<String, Object>> views = this.types.findAll(visibility, column, ascending)
			.stream()
			.map(t -> view(req, t))
			.toList();
		return Map.of("group_types", views);
	}

	@PolicyRule("group:get")
	@GetMapping("/default")
	Map<String, Object> showDefault(ApiRequest req) {
		req.requireVersion(GROUP_TYPE_VERSION);
		// Cinder's default_group_type option is unset by default: no default group type.
		throw ApiException.notFound("Default group type not found");
	}

	@PolicyRule("group:get")
	@GetMapping("/{groupTypeId}")
	Map<String, Object> show(ApiRequest req, @PathVariable String groupTypeId) {
		req.requireVersion(GROUP_TYPE_VERSION);
		return Map.of("group_type", view(req, readable(req, groupTypeId)));
	}

	@PolicyRule("group:group_types:create")
	@PostMapping
	ResponseEntity<Map<String, Object>> create(ApiRequest req, @RequestBody Map<String, Object> body) {
		req.requireVersion(GROUP_TYPE_VERSION);
		Map<String, Object> element = RequestBodies.element(body, "group_type");
		RequestBodies.onlyKeys(element, Set.of("name", "description", "is_public", "group_specs"));
		String name = RequestBodies.string(element, "name", 1, 255, true);
		if (name == null) {
			throw ApiException.badRequest("Invalid input for field/attribute group_type. Value: " + element
					+ ". 'name' is a required property");
		}
		String description = RequestBodies.string(element, "description", 0, 255, false);
		Boolean isPublic = RequestBodies.bool(element, "is_public");
		Map<String, String> specs = RequestBodies.stringMap(element, "group_specs", true);
		if (this.types.nameTaken(name, null)) {
			throw ApiException.conflict("Group Type " + name + " already exists.");
		}
		GroupType created = this.types.insert(name, description, isPublic == null || isPublic, specs);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("group_type", view(req, created)));
	}

	@PolicyRule("group:group_types:update")
	@PutMapping("/{groupTypeId}")
	Map<String, Object> update(ApiRequest req, @PathVariable String groupTypeId,
			@RequestBody Map<String, Object> body) {
		req.requireVersion(GROUP_TYPE_VERSION);
		Map<String, Object> element = RequestBodies.element(body, "group_type");
		RequestBodies.onlyKeys(element, Set.of("name", "description", "is_public"));
		String name = RequestBodies.string(element, "name", 1, 255, true);
		String description = RequestBodies.string(element, "description", 0, 255, false);
		Boolean isPublic = RequestBodies.bool(element, "is_public");
		if (name == null && description == null && isPublic == null) {
			throw ApiException.badRequest("Specify group type name, description or a combination thereof.");
		}
		GroupType type = get(groupTypeId);
		if (name != null && this.types.nameTaken(name, type.id())) {
			throw ApiException.conflict("Group Type " + name + " already exists.");
		}
		this.types.update(type.id(), name, description, isPublic);
		return Map.of("group_type", view(req, get(type.id())));
	}

	@PolicyRule("group:group_types:delete")
	@DeleteMapping("/{groupTypeId}")
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String groupTypeId) {
		req.requireVersion(GROUP_TYPE_VERSION);
		GroupType type = get(groupTypeId);
		if (!this.types.deleteUnused(type.id())) {
			throw ApiException.badRequest("Target group type is still in use.");
		}
		return ResponseEntity.accepted().build();
	}

	@PolicyRule("group:group_types_specs:get_all")
	@GetMapping("/{groupTypeId}/group_specs")
	Map<String, Object> specs(ApiRequest req, @PathVariable String groupTypeId) {
		req.requireVersion(GROUP_TYPE_VERSION);
		return Map.of("group_specs", get(groupTypeId).groupSpecs());
	}

	@PolicyRule("group:group_types_specs:create")
	@PostMapping("/{groupTypeId}/group_specs")
	ResponseEntity<Map<String, Object>> createSpecs(ApiRequest req, @PathVariable String groupTypeId,
			@RequestBody Map<String, Object> body) {
		req.requireVersion(GROUP_TYPE_VERSION);
		if (body == null || !(body.get("group_specs") instanceof Map)) {
			throw ApiException.badRequest("Missing required element 'group_specs' in request body.");
		}
		Map<String, String> specs = RequestBodies.stringMap(body, "group_specs", true);
		GroupType type = get(groupTypeId);
		this.types.upsertSpecs(type.id(), specs);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("group_specs", specs));
	}

	@PolicyRule("group:group_types_specs:get")
	@GetMapping("/{groupTypeId}/group_specs/{key}")
	Map<String, String> spec(ApiRequest req, @PathVariable String groupTypeId, @PathVariable String key) {
		req.requireVersion(GROUP_TYPE_VERSION);
		GroupType type = get(groupTypeId);
		String value = type.groupSpecs().get(key);
		if (value == null) {
			throw noSuchSpec(type.id(), key);
		}
		return Map.of(key, value);
	}

	@PolicyRule("group:group_types_specs:update")
	@PutMapping("/{groupTypeId}/group_specs/{key}")
	Map<String, String> updateSpec(ApiRequest req, @PathVariable String groupTypeId, @PathVariable String key,
			@RequestBody Map<String, Object> body) {
		req.requireVersion(GROUP_TYPE_VERSION);
		if (body == null || body.isEmpty()) {
			throw ApiException.badRequest("Missing required element 'group_specs' in request body.");
		}
		if (body.size() > 1) {
			throw ApiException.badRequest("Request body contains too many items.");
		}
		if (!body.containsKey(key)) {
			throw ApiException.badRequest("Request body and URI mismatch");
		}
		Map<String, String> spec = RequestBodies.stringMap(Map.of("group_specs", body), "group_specs", true);
		GroupType type = get(groupTypeId);
		this.types.upsertSpecs(type.id(), spec);
		return spec;
	}

	@PolicyRule("group:group_types_specs:delete")
	@DeleteMapping("/{groupTypeId}/group_specs/{key}")
	ResponseEntity<Void> deleteSpec(ApiRequest req, @PathVariable String groupTypeId, @PathVariable String key) {
		req.requireVersion(GROUP_TYPE_VERSION);
		GroupType type = get(groupTypeId);
		if (!this.types.deleteSpec(type.id(), key)) {
			throw noSuchSpec(type.id(), key);
		}
		return ResponseEntity.accepted().build();
	}

	private GroupType get(String id) {
		return this.types.findById(id).orElseThrow(() -> notFound(id));
	}

	/** A private group type is invisible to non-admins (there is no group type access list). */
	private GroupType readable(ApiRequest req, String id) {
		GroupType type = get(id);
		if (!type.isPublic() && !req.isAdmin()) {
			throw notFound(id);
		}
		return type;
	}

	static ApiException notFound(String id) {
		return ApiException.notFound("Group type " + id + " could not be found.");
	}

	private static ApiException noSuchSpec(String id, String key) {
		return ApiException.notFound("Group Type " + id + " has no specs with key " + key + ".");
	}

	private static Boolean parsePublic(String isPublic) {
		if (isPublic == null || isPublic.equalsIgnoreCase("none")) {
			return (isPublic == null) ? Boolean.TRUE : null;
		}
		return switch (isPublic.toLowerCase()) {
			case "true", "t", "1", "yes", "y", "on" -> Boolean.TRUE;
			case "false", "f", "0", "no", "n", "off" -> Boolean.FALSE;
			default -> throw ApiException.badRequest("Invalid is_public filter [" + isPublic + "]");
		};
	}

	/** Cinder's group type view; {@code group_specs} only for callers allowed to see them. */
	private Map<String, Object> view(ApiRequest req, GroupType type) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", type.id());
		view.put("name", type.name());
		view.put("description", type.description());
		view.put("is_public", type.isPublic());
		if (this.policy.allows(req, "group:access_group_types_specs")) {
			view.put("group_specs", type.groupSpecs());
		}
		return view;
	}

}
