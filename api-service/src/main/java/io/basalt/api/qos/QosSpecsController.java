package io.basalt.api.qos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;

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
 * {@code /v3/{project_id}/qos-specs}: Cinder's qos-specs API (admin only): create, list, show, set and unset
 * keys, delete ({@code force}), associate, disassociate, disassociate_all, associations. Cinder's association
 * routes are GETs that change state; they are kept so for its clients.
 */
@RestController
@RequestMapping("/v3/{projectId}/qos-specs")
class QosSpecsController {

	private static final String KEY_PATTERN = "^[a-zA-Z0-9-_:. ]{1,255}$";

	private static final Set<String> TRUE = Set.of("true", "t", "1", "yes", "y", "on");

	private final QosSpecsService qos;

	QosSpecsController(QosSpecsService qos) {
		this.qos = qos;
	}

	@PolicyRule("volume_extension:qos_specs_manage:get_all")
	@GetMapping
	Map<String, Object> list(ApiRequest req) {
		return Map.of("qos_specs", this.qos.list().stream().map(QosSpecsController::body).toList());
	}

	@PolicyRule("volume_extension:qos_specs_manage:create")
	@PostMapping
	Map<String, Object> create(ApiRequest req, @RequestBody Map<String, Object> body) {
		RequestBodies.onlyKeys(body, Set.of("qos_specs"));
		Map<String, Object> element = RequestBodies.element(body, "qos_specs");
		String name = RequestBodies.string(element, "name", 1, 255, true);
		if (name == null) {
			throw RequestBodies.invalid("qos_specs", element, "'name' is a required property");
		}
		Map<String, Object> rest = new LinkedHashMap<>(element);
		rest.remove("name");
		Map<String, String> keys = keys(rest);
		return view(req, this.qos.create(name, keys));
	}

	@PolicyRule("volume_extension:qos_specs_manage:get")
	@GetMapping("/{qosId}")
	Map<String, Object> show(ApiRequest req, @PathVariable String qosId) {
		return view(req, this.qos.get(qosId));
	}

	@PolicyRule("volume_extension:qos_specs_manage:update")
	@PutMapping("/{qosId}")
	Map<String, Object> update(ApiRequest req, @PathVariable String qosId, @RequestBody Map<String, Object> body) {
		RequestBodies.onlyKeys(body, Set.of("qos_specs"));
		Map<String, Object> element = RequestBodies.element(body, "qos_specs");
		Map<String, String> keys = keys(element);
		this.qos.update(qosId, keys);
		return Map.of("qos_specs", keys);
	}

	@PolicyRule("volume_extension:qos_specs_manage:update")
	@PutMapping("/{qosId}/delete_keys")
	ResponseEntity<Void> deleteKeys(ApiRequest req, @PathVariable String qosId,
			@RequestBody Map<String, Object> body) {
		RequestBodies.onlyKeys(body, Set.of("keys"));
		if (body == null || !body.containsKey("keys")) {
			throw RequestBodies.invalid("keys", body, "'keys' is a required property");
		}
		if (!(body.get("keys") instanceof List<?> raw)) {
			throw RequestBodies.invalid("keys", body.get("keys"), body.get("keys") + " is not of type 'array'");
		}
		Set<String> keys = new LinkedHashSet<>();
		for (Object k : raw) {
			if (!(k instanceof String s) || s.isEmpty() || s.length() > 255) {
				throw RequestBodies.invalid("keys", raw, k + " is not a valid key");
			}
			if (!keys.add(s)) {
				throw RequestBodies.invalid("keys", raw, raw + " has non-unique elements");
			}
		}
		this.qos.deleteKeys(qosId, new ArrayList<>(keys));
		return ResponseEntity.accepted().build();
	}

	@PolicyRule("volume_extension:qos_specs_manage:delete")
	@DeleteMapping("/{qosId}")
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String qosId,
			@RequestParam(required = false) String force) {
		this.qos.delete(qosId, force != null && TRUE.contains(force.strip().toLowerCase()));
		return ResponseEntity.accepted().build();
	}

	@PolicyRule("volume_extension:qos_specs_manage:update")
	@GetMapping("/{qosId}/associate")
	ResponseEntity<Void> associate(ApiRequest req, @PathVariable String qosId,
			@RequestParam(name = "vol_type_id", required = false) String typeId) {
		this.qos.associate(qosId, typeId);
		return ResponseEntity.accepted().build();
	}

	@PolicyRule("volume_extension:qos_specs_manage:update")
	@GetMapping("/{qosId}/disassociate")
	ResponseEntity<Void> disassociate(ApiRequest req, @PathVariable String qosId,
			@RequestParam(name = "vol_type_id", required = false) String typeId) {
		this.qos.disassociate(qosId, typeId);
		return ResponseEntity.accepted().build();
	}

	@PolicyRule("volume_extension:qos_specs_manage:update")
	@GetMapping("/{qosId}/disassociate_all")
	ResponseEntity<Void> disassociateAll(ApiRequest req, @PathVariable String qosId) {
		this.qos.disassociateAll(qosId);
		return ResponseEntity.accepted().build();
	}

	@PolicyRule("volume_extension:qos_specs_manage:get")
	@GetMapping("/{qosId}/associations")
	Map<String, Object> associations(ApiRequest req, @PathVariable String qosId) {
		List<Map<String, String>> views = new ArrayList<>();
		for (String[] type : this.qos.associations(qosId)) {
			Map<String, String> view = new LinkedHashMap<>();
			view.put("association_type", "volume_type");
			view.put("name", type[1]);
			view.put("id", type[0]);
			views.add(view);
		}
		return Map.of("qos_associations", views);
	}

	/** Keys of Cinder's schema: {@code [a-zA-Z0-9-_:. ]{1,255}}, string values of at most 255 characters. */
	private static Map<String, String> keys(Map<String, Object> element) {
		for (String key : element.keySet()) {
			if (!key.matches(KEY_PATTERN)) {
				throw RequestBodies.invalid("qos_specs", element,
						"Additional properties are not allowed ('" + key + "' was unexpected)");
			}
		}
		Map<String, String> keys = RequestBodies.stringMap(Map.of("qos_specs", element), "qos_specs", false);
		return (keys != null) ? keys : Map.of();
	}

	private static Map<String, Object> view(ApiRequest req, QosSpecs specs) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("qos_specs", body(specs));
		view.put("links", req.links("qos-specs/" + specs.id()));
		return view;
	}

	private static Map<String, Object> body(QosSpecs specs) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", specs.id());
		body.put("name", specs.name());
		body.put("consumer", specs.consumer());
		body.put("specs", specs.specs());
		return body;
	}

}
