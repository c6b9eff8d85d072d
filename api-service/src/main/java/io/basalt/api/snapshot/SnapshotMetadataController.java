package io.basalt.api.snapshot;

import java.util.Map;

import io.basalt.api.metadata.MetadataBodies;
import io.basalt.api.metadata.MetadataRows.Table;
import io.basalt.api.metadata.MetadataStore;
import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/snapshots/{id}/metadata}, Cinder's {@code snapshot_metadata} controller: {@code POST}
 * merges, {@code PUT} replaces the whole set, {@code PUT .../{key}} sets one key, {@code DELETE .../{key}}
 * removes one (200, no body). Cinder has no create rule for snapshot metadata: {@code POST} is authorized by
 * {@code volume:update_snapshot_metadata}. No status restriction and no ETag, as Cinder.
 */
@RestController
@RequestMapping("/v3/{projectId}/snapshots/{id}/metadata")
class SnapshotMetadataController {

	private final SnapshotStore snapshots;

	private final MetadataStore metadata;

	SnapshotMetadataController(SnapshotStore snapshots, MetadataStore metadata) {
		this.snapshots = snapshots;
		this.metadata = metadata;
	}

	@PolicyRule("volume:get_snapshot_metadata")
	@GetMapping
	Map<String, Object> index(ApiRequest req, @PathVariable String id) {
		return Map.of("metadata", this.metadata.get(Table.SNAPSHOT, snapshot(req, id)));
	}

	@PolicyRule("volume:update_snapshot_metadata")
	@PostMapping
	Map<String, Object> create(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		Map<String, String> entries = MetadataBodies.metadata(body, false);
		return Map.of("metadata", write(snapshot(req, id), entries, false));
	}

	@PolicyRule("volume:update_snapshot_metadata")
	@PutMapping
	Map<String, Object> updateAll(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		Map<String, String> entries = MetadataBodies.metadata(body, false);
		return Map.of("metadata", write(snapshot(req, id), entries, true));
	}

	@PolicyRule("volume:get_snapshot_metadata")
	@GetMapping("/{key}")
	Map<String, Object> show(ApiRequest req, @PathVariable String id, @PathVariable String key) {
		String value = this.metadata.get(Table.SNAPSHOT, snapshot(req, id)).get(key);
		if (value == null) {
			throw notFound(id, key);
		}
		return Map.of("meta", Map.of(key, value));
	}

	@PolicyRule("volume:update_snapshot_metadata")
	@PutMapping("/{key}")
	Map<String, Object> update(ApiRequest req, @PathVariable String id, @PathVariable String key,
			@RequestBody Map<String, Object> body) {
		Map<String, String> item = MetadataBodies.item(body, key, false);
		write(snapshot(req, id), item, false);
		return Map.of("meta", item);
	}

	@PolicyRule("volume:delete_snapshot_metadata")
	@DeleteMapping("/{key}")
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String id, @PathVariable String key) {
		if (!this.metadata.delete(Table.SNAPSHOT, snapshot(req, id), key)) {
			throw notFound(id, key);
		}
		return ResponseEntity.ok().build();
	}

	/** The id of a snapshot the caller may see; 404 otherwise. */
	private String snapshot(ApiRequest req, String id) {
		return this.snapshots.find(id, req.isAdmin() ? null : req.projectId())
			.orElseThrow(() -> SnapshotController.notFound(id))
			.id();
	}

	private Map<String, String> write(String snapshotId, Map<String, String> entries, boolean replace) {
		return this.metadata.write(Table.SNAPSHOT, snapshotId, entries, replace)
			.orElseThrow(() -> SnapshotController.notFound(snapshotId));
	}

	private static ApiException notFound(String id, String key) {
		return ApiException.notFound("Snapshot " + id + " has no metadata with key " + key + ".");
	}

}
