package io.basalt.api.volume;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.basalt.api.metadata.MetadataBodies;
import io.basalt.api.metadata.MetadataRows.Table;
import io.basalt.api.metadata.MetadataStore;
import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;

import io.basalt.common.state.VolumeStatus;
import io.basalt.common.state.WireStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/volumes/{id}/metadata}, Cinder's {@code volume_metadata} controller: {@code POST} merges,
 * {@code PUT} replaces the whole set, {@code PUT .../{key}} sets one key ({@code {"meta": {key: value}}}),
 * {@code DELETE .../{key}} removes one (200, no body). Bodies are validated before the volume is looked up, as
 * Cinder's schemas run first. From 3.15 the list carries an {@code Etag} and the two {@code PUT}s honour
 * {@code If-Match} (412 when the metadata changed). Writes are refused in {@code maintenance} (and
 * {@code uploading}, except deletes) as Cinder's {@code volume/api.py}.
 */
@RestController
@RequestMapping("/v3/{projectId}/volumes/{id}/metadata")
class VolumeMetadataController {

	private static final Set<VolumeStatus> NO_UPDATE = EnumSet.of(VolumeStatus.MAINTENANCE, VolumeStatus.UPLOADING);

	private final VolumeApi volumes;

	private final MetadataStore metadata;

	VolumeMetadataController(VolumeApi volumes, MetadataStore metadata) {
		this.volumes = volumes;
		this.metadata = metadata;
	}

	@PolicyRule("volume:get_volume_metadata")
	@GetMapping
	ResponseEntity<Map<String, Object>> index(ApiRequest req, @PathVariable String id) {
		Map<String, String> current = this.metadata.get(Table.VOLUME, this.volumes.get(req, id).id());
		var response = ResponseEntity.ok();
		if (req.version().atLeast(15)) {
			response.header("Etag", MetadataBodies.etag(current));
		}
		return response.body(Map.of("metadata", current));
	}

	@PolicyRule("volume:create_volume_metadata")
	@PostMapping
	Map<String, Object> create(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		Map<String, String> entries = MetadataBodies.metadata(body, true);
		return Map.of("metadata", write(updatable(req, id), entries, false));
	}

	@PolicyRule("volume:update_volume_metadata")
	@PutMapping
	ResponseEntity<Map<String, Object>> updateAll(ApiRequest req, @PathVariable String id,
			@RequestBody Map<String, Object> body, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
		Map<String, String> entries = MetadataBodies.metadata(body, true);
		VolumeRecord volume = updatable(req, id);
		try {
			return ResponseEntity.ok(Map.of("metadata", write(req, volume, entries, true, ifMatch)));
		}
		catch (MetadataStore.PreconditionFailed ex) {
			return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).build();
		}
	}

	@PolicyRule("volume:get_volume_metadata")
	@GetMapping("/{key}")
	Map<String, Object> show(ApiRequest req, @PathVariable String id, @PathVariable String key) {
		String value = this.metadata.get(Table.VOLUME, this.volumes.get(req, id).id()).get(key);
		if (value == null) {
			throw notFound(id, key);
		}
		return Map.of("meta", Map.of(key, value));
	}

	@PolicyRule("volume:update_volume_metadata")
	@PutMapping("/{key}")
	ResponseEntity<Map<String, Object>> update(ApiRequest req, @PathVariable String id, @PathVariable String key,
			@RequestBody Map<String, Object> body, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
		Map<String, String> item = MetadataBodies.item(body, key, true);
		VolumeRecord volume = updatable(req, id);
		try {
			write(req, volume, item, false, ifMatch);
		}
		catch (MetadataStore.PreconditionFailed ex) {
			return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).build();
		}
		return ResponseEntity.ok(Map.of("meta", item));
	}

	@PolicyRule("volume:delete_volume_metadata")
	@DeleteMapping("/{key}")
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String id, @PathVariable String key) {
		VolumeRecord volume = this.volumes.get(req, id);
		if (VolumeStatus.MAINTENANCE.is(volume.status())) {
			throw ApiException.badRequest("Invalid volume: The volume metadata cannot be deleted when the volume is "
					+ "in maintenance mode.");
		}
		if (!this.metadata.delete(Table.VOLUME, volume.id(), key)) {
			throw notFound(id, key);
		}
		return ResponseEntity.ok().build();
	}

	private VolumeRecord updatable(ApiRequest req, String id) {
		VolumeRecord volume = this.volumes.get(req, id);
		if (WireStatus.isIn(volume.status(), NO_UPDATE)) {
			throw ApiException.badRequest("Invalid volume: Updating volume metadata is not allowed for volumes in "
					+ volume.status() + " status.");
		}
		return volume;
	}

	private Map<String, String> write(VolumeRecord volume, Map<String, String> entries, boolean replace) {
		return write(null, volume, entries, replace, null);
	}

	/** Writes; from 3.15 an {@code If-Match} must match the Etag of the metadata found under the row lock. */
	private Map<String, String> write(ApiRequest req, VolumeRecord volume, Map<String, String> entries,
			boolean replace, String ifMatch) {
		boolean check = req != null && req.version().atLeast(15) && ifMatch != null;
		return this.metadata
			.write(Table.VOLUME, volume.id(), entries, replace,
					current -> !check || MetadataBodies.matches(ifMatch, MetadataBodies.etag(current)))
			.orElseThrow(() -> VolumeLookup.notFound(volume.id()));
	}

	private static ApiException notFound(String id, String key) {
		return ApiException.notFound("Volume " + id + " has no metadata with key " + key + ".");
	}

}
