package io.basalt.api.type;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.ApiProperties;
import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ListParams;
import io.basalt.api.web.RequestBodies;
import io.basalt.common.scheduler.TypeAvailabilityZones;

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

/** {@code /v3/{project_id}/types}: volume types and their extra specs. Writes are admin-only. */
@RestController
@RequestMapping("/v3/{projectId}/types")
class VolumeTypeController {

	/** The extra specs a non-admin may see (Cinder's user-visible specs). */
	private static final Set<String> USER_VISIBLE_SPECS = Set.of(TypeAvailabilityZones.KEY, "multiattach",
			"replication_enabled");

	private static final String ACCESS = "os-volume-type-access:is_public";

	private final VolumeTypeService types;

	private final ApiProperties properties;

	VolumeTypeController(VolumeTypeService types, ApiProperties properties) {
		this.types = types;
		this.properties = properties;
	}

	@PolicyRule("volume_extension:type_get_all")
	@GetMapping
	Map<String, Object> list(ApiRequest req, @RequestParam Map<String, String> query) {
		ListParams params = ListParams.parse(query, this.properties.maxLimit(), TypeListing.SORT_KEYS);
		List<VolumeType> all;
		if (!req.isAdmin()) {
			all = this.types.listVisible(req.projectId());
		}
		else {
			// Cinder's _parse_is_public: absent is "public" (with the types granted to the caller's project),
			// "none" is every type
			String isPublic = query.get("is_public");
			if (isPublic != null && isPublic.equalsIgnoreCase("none")) {
				all = this.types.list(null);
			}
			else if (isPublic == null || Boolean.TRUE.equals(parsePublic(isPublic))) {
				all = this.types.listVisible(req.projectId());
			}
			else {
				all = this.types.list(Boolean.FALSE);
			}
		}
		List<VolumeType> page = TypeListing.page(all, params, req.isAdmin() && req.version().atLeast(52));
		List<Map<String, Object>> views = page.stream().map(t -> view(req, t, true, true)).toList();
		return Map.of("volume_types", views);
	}

	@PolicyRule("volume_extension:type_get")
	@GetMapping("/default")
	Map<String, Object> showDefault(ApiRequest req) {
		return Map.of("volume_type", view(req, this.types.defaultType(req.projectId()), true, false));
	}

	@PolicyRule("volume_extension:type_get")
	@GetMapping("/{typeId}")
	Map<String, Object> show(ApiRequest req, @PathVariable String typeId) {
		VolumeType type = readable(req, typeId);
		return Map.of("volume_type", view(req, type, true, true));
	}

	@PolicyRule("volume_extension:type_create")
	@PostMapping
	Map<String, Object> create(ApiRequest req, @RequestBody Map<String, Object> body) {
		Map<String, Object> element = RequestBodies.element(body, "volume_type");
		String name = RequestBodies.string(element, "name", 1, 255, true);
		if (name == null) {
			throw ApiException.badRequest("Invalid input for field/attribute volume_type. Value: " + element
					+ ". 'name' is a required property");
		}
		String description = RequestBodies.string(element, "description", 0, 255, false);
		Boolean isPublic = RequestBodies.bool(element, ACCESS);
		Map<String, String> specs = RequestBodies.stringMap(element, "extra_specs", false);
		VolumeType created = this.types.create(name, description, isPublic == null || isPublic, specs);
		return Map.of("volume_type", view(req, created, false, true));
	}

	@PolicyRule("volume_extension:type_update")
	@PutMapping("/{typeId}")
	Map<String, Object> update(ApiRequest req, @PathVariable String typeId, @RequestBody Map<String, Object> body) {
		Map<String, Object> element = RequestBodies.element(body, "volume_type");
		RequestBodies.onlyKeys(element, Set.of("name", "description", "is_public", ACCESS));
		String name = RequestBodies.string(element, "name", 1, 255, true);
		String description = RequestBodies.string(element, "description", 0, 255, false);
		Boolean isPublic = RequestBodies.bool(element, "is_public");
		if (name == null && description == null && isPublic == null) {
			throw ApiException.badRequest("Specify volume type name, description, is_public or a combination thereof.");
		}
		// Cinder's access extension extends show, index and create, not update: no access attribute here
		return Map.of("volume_type", view(req, this.types.update(typeId, name, description, isPublic), false, false));
	}

	@PolicyRule("volume_extension:type_delete")
	@DeleteMapping("/{typeId}")
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String typeId) {
		this.types.delete(typeId);
		return ResponseEntity.accepted().build();
	}

	@PolicyRule("volume_extension:types_extra_specs:index")
	@GetMapping("/{typeId}/extra_specs")
	Map<String, Object> specs(ApiRequest req, @PathVariable String typeId) {
		readable(req, typeId);
		return Map.of("extra_specs", visible(req, this.types.specs(typeId)));
	}

	@PolicyRule("volume_extension:types_extra_specs:create")
	@PostMapping("/{typeId}/extra_specs")
	Map<String, Object> createSpecs(ApiRequest req, @PathVariable String typeId,
			@RequestBody Map<String, Object> body) {
		if (body == null || !(body.get("extra_specs") instanceof Map)) {
			throw ApiException.badRequest("Missing required element 'extra_specs' in request body.");
		}
		Map<String, String> specs = RequestBodies.stringMap(body, "extra_specs", false);
		return Map.of("extra_specs", this.types.putSpecs(typeId, specs));
	}

	@PolicyRule("volume_extension:types_extra_specs:show")
	@GetMapping("/{typeId}/extra_specs/{key}")
	Map<String, String> spec(ApiRequest req, @PathVariable String typeId, @PathVariable String key) {
		readable(req, typeId);
		if (!req.isAdmin() && !USER_VISIBLE_SPECS.contains(key)) {
			throw ApiException.notFound("Volume Type " + typeId + " has no extra specs with key " + key + ".");
		}
		return Map.of(key, this.types.spec(typeId, key));
	}

	@PolicyRule("volume_extension:types_extra_specs:update")
	@PutMapping("/{typeId}/extra_specs/{key}")
	Map<String, String> updateSpec(ApiRequest req, @PathVariable String typeId, @PathVariable String key,
			@RequestBody Map<String, Object> body) {
		if (body == null || body.isEmpty()) {
			throw ApiException.badRequest("Missing required element 'extra_specs' in request body.");
		}
		if (body.size() > 1) {
			throw ApiException.badRequest("Request body contains too many items");
		}
		if (!body.containsKey(key)) {
			throw ApiException.badRequest("Request body and URI mismatch");
		}
		Map<String, String> spec = RequestBodies.stringMap(Map.of("extra_specs", body), "extra_specs", false);
		this.types.putSpecs(typeId, spec);
		return spec;
	}

	@PolicyRule("volume_extension:types_extra_specs:delete")
	@DeleteMapping("/{typeId}/extra_specs/{key}")
	ResponseEntity<Void> deleteSpec(ApiRequest req, @PathVariable String typeId, @PathVariable String key) {
		this.types.deleteSpec(typeId, key);
		return ResponseEntity.accepted().build();
	}

	/** The type {@code typeId} if the caller may see it (a private one: admins and granted projects); else 404. */
	private VolumeType readable(ApiRequest req, String typeId) {
		VolumeType type = this.types.get(typeId);
		if (!type.isPublic() && !req.isAdmin()) {
			this.types.findUsable(typeId, req.projectId(), false);
		}
		return type;
	}

	private static Boolean parsePublic(String isPublic) {
		if (isPublic == null || isPublic.equalsIgnoreCase("none")) {
			return null;
		}
		return switch (isPublic.toLowerCase()) {
			case "true", "t", "1", "yes", "y", "on" -> Boolean.TRUE;
			case "false", "f", "0", "no", "n", "off" -> Boolean.FALSE;
			default -> throw ApiException.badRequest("Invalid is_public filter [" + isPublic + "]");
		};
	}

	private static Map<String, String> visible(ApiRequest req, Map<String, String> specs) {
		if (req.isAdmin()) {
			return specs;
		}
		Map<String, String> shown = new LinkedHashMap<>(specs);
		shown.keySet().retainAll(USER_VISIBLE_SPECS);
		return shown;
	}

	/**
	 * Cinder's type view: {@code qos_specs_id} for admins on reads ({@code withQos}), the access extension
	 * attribute except on {@code /types/default} ({@code withAccess}), as the samples show.
	 */
	static Map<String, Object> view(ApiRequest req, VolumeType type, boolean withQos, boolean withAccess) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", type.id());
		view.put("name", type.name());
		view.put("is_public", type.isPublic());
		view.put("description", type.description());
		view.put("extra_specs", visible(req, type.extraSpecs()));
		if (withQos && req.isAdmin()) {
			view.put("qos_specs_id", type.qosSpecsId());
		}
		if (withAccess) {
			view.put(ACCESS, type.isPublic());
		}
		return view;
	}

}
