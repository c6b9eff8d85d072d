package io.basalt.api.type;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/types/{type_id}/encryption}: Cinder's volume type encryption (admin only). Every write
 * is refused (400) while a volume uses the type. As Cinder, create and update answer the request's own element
 * (create adds {@code volume_type_id} and {@code encryption_id}).
 */
@RestController
@RequestMapping("/v3/{projectId}/types/{typeId}/encryption")
class VolumeTypeEncryptionController {

	private static final Set<String> FIELDS = Set.of("provider", "cipher", "key_size", "control_location");

	private final VolumeTypeService types;

	private final VolumeTypeStore typeStore;

	private final EncryptionStore encryption;

	VolumeTypeEncryptionController(VolumeTypeService types, VolumeTypeStore typeStore, EncryptionStore encryption) {
		this.types = types;
		this.typeStore = typeStore;
		this.encryption = encryption;
	}

	@PolicyRule("volume_extension:volume_type_encryption:get")
	@GetMapping
	Map<String, Object> index(ApiRequest req, @PathVariable String typeId) {
		return this.encryption.find(this.types.get(typeId).id());
	}

	@PolicyRule("volume_extension:volume_type_encryption:get")
	@GetMapping("/{key}")
	Map<String, Object> show(ApiRequest req, @PathVariable String typeId, @PathVariable String key) {
		Map<String, Object> specs = this.encryption.find(this.types.get(typeId).id());
		if (!specs.containsKey(key)) {
			throw ApiException.notFound("The resource could not be found.");
		}
		Map<String, Object> item = new LinkedHashMap<>();
		item.put(key, specs.get(key));
		return item;
	}

	@PolicyRule("volume_extension:volume_type_encryption:create")
	@PostMapping
	@Transactional
	Map<String, Object> create(ApiRequest req, @PathVariable String typeId, @RequestBody Map<String, Object> body) {
		Map<String, Object> values = element(body, true);
		String id = this.types.get(typeId).id();
		if (this.typeStore.inUse(id)) {
			throw ApiException.badRequest("Invalid volume type: Cannot create encryption specs. Volume type in use.");
		}
		if (!this.encryption.find(id).isEmpty()) {
			throw ApiException.badRequest("Volume type encryption for type " + id + " already exists.");
		}
		values.put("volume_type_id", id);
		values.put("encryption_id", this.encryption.insert(id, values));
		return Map.of("encryption", values);
	}

	@PolicyRule("volume_extension:volume_type_encryption:update")
	@PutMapping("/{encryptionId}")
	@Transactional
	Map<String, Object> update(ApiRequest req, @PathVariable String typeId, @PathVariable String encryptionId,
			@RequestBody Map<String, Object> body) {
		Map<String, Object> values = element(body, false);
		String id = this.types.get(typeId).id();
		if (this.typeStore.inUse(id)) {
			throw ApiException.badRequest("Invalid volume type: Cannot update encryption specs. Volume type in use.");
		}
		if (!this.encryption.update(id, values)) {
			throw notFound(id);
		}
		return Map.of("encryption", values);
	}

	@PolicyRule("volume_extension:volume_type_encryption:delete")
	@DeleteMapping("/{encryptionId}")
	@Transactional
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String typeId, @PathVariable String encryptionId) {
		String id = this.types.get(typeId).id();
		if (this.typeStore.inUse(id)) {
			throw ApiException.badRequest("Cannot delete encryption specs. Volume type in use.");
		}
		if (!this.encryption.delete(id)) {
			throw notFound(id);
		}
		return ResponseEntity.accepted().build();
	}

	/** The {@code encryption} element per Cinder's schema (provider and control_location required on create). */
	private static Map<String, Object> element(Map<String, Object> body, boolean create) {
		RequestBodies.onlyKeys(body, Set.of("encryption"));
		Map<String, Object> element = RequestBodies.element(body, "encryption");
		RequestBodies.onlyKeys(element, FIELDS);
		Map<String, Object> values = new LinkedHashMap<>();
		for (String field : FIELDS) {
			if (create && !element.containsKey(field) && !field.equals("cipher") && !field.equals("key_size")) {
				throw RequestBodies.invalid("encryption", element, "'" + field + "' is a required property");
			}
		}
		if (element.containsKey("provider")) {
			String provider = RequestBodies.string(element, "provider", 0, 255, false);
			if (provider == null) {
				throw RequestBodies.invalid("provider", null, "None is not of type 'string'");
			}
			values.put("provider", provider);
		}
		if (element.containsKey("cipher")) {
			values.put("cipher", RequestBodies.string(element, "cipher", 0, 255, false));
		}
		if (element.containsKey("key_size")) {
			values.put("key_size", keySize(element.get("key_size")));
		}
		if (element.containsKey("control_location")) {
			Object location = element.get("control_location");
			if (!"front-end".equals(location) && !"back-end".equals(location)) {
				throw RequestBodies.invalid("control_location", location,
						location + " is not one of ['front-end', 'back-end']");
			}
			values.put("control_location", location);
		}
		return values;
	}

	private static Integer keySize(Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Integer n && n >= 0) {
			return n;
		}
		if (value instanceof String s && s.matches("^[0-9]{1,9}$")) {
			return Integer.valueOf(s);
		}
		throw RequestBodies.invalid("key_size", value, value + " is not a valid key size");
	}

	private static ApiException notFound(String typeId) {
		return ApiException.notFound("Volume type encryption for type " + typeId + " does not exist.");
	}

}
