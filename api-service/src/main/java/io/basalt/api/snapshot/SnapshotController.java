package io.basalt.api.snapshot;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.ApiProperties;
import io.basalt.api.quota.QuotaEngine;
import io.basalt.api.volume.VolumeLookup;
import io.basalt.api.volume.VolumeRecord;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ListParams;
import io.basalt.api.web.RequestBodies;
import io.basalt.api.web.Timestamps;
import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/snapshots}. Create: the volume must be {@code available} ({@code in-use} with
 * {@code force}, or at 3.66+ where {@code force=false} is a 400); quota {@code snapshots}, {@code gigabytes} and
 * per-type, row {@code creating} in one transaction, then {@code create_snapshot} cast to the volume's backend.
 * Delete: {@code available}/{@code error} → {@code deleting} and a cast.
 */
@RestController
@RequestMapping("/v3/{projectId}/snapshots")
class SnapshotController {

	private final SnapshotStore snapshots;

	private final VolumeLookup volumes;

	private final QuotaEngine quotas;

	private final VolumeRpcApi volumeRpc;

	private final TransactionOperations transactions;

	private final ApiProperties properties;

	private final Clock clock;

	SnapshotController(SnapshotStore snapshots, VolumeLookup volumes, QuotaEngine quotas, VolumeRpcApi volumeRpc,
			TransactionOperations transactions, ApiProperties properties, Clock clock) {
		this.snapshots = snapshots;
		this.volumes = volumes;
		this.quotas = quotas;
		this.volumeRpc = volumeRpc;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@PolicyRule("volume:create_snapshot")
	@PostMapping
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, Object> create(ApiRequest req, @RequestBody Map<String, Object> body) {
		Map<String, Object> s = RequestBodies.element(body, "snapshot");
		if (s.containsKey("volume_id") && s.get("volume_id") == null) {
			// as Cinder: a null volume_id passes the schema and is looked up as "None"
			throw VolumeLookup.notFound("None");
		}
		String volumeId = RequestBodies.string(s, "volume_id", 1, 36, false);
		if (volumeId == null) {
			throw ApiException.badRequest("Invalid input for field/attribute snapshot. Value: " + s
					+ ". 'volume_id' is a required property");
		}
		String name = RequestBodies.string(s, s.containsKey("name") ? "name" : "display_name", 0, 255, true);
		String description = RequestBodies.string(s,
				s.containsKey("description") ? "description" : "display_description", 0, 255, true);
		Boolean force = RequestBodies.bool(s, "force");
		Map<String, String> metadata = RequestBodies.stringMap(s, "metadata", true);
		if (req.version().atLeast(66) && Boolean.FALSE.equals(force)) {
			throw ApiException.badRequest("Invalid input received: force=False is not allowed from 3.66.");
		}
		VolumeRecord volume = this.volumes.get(volumeId, req.isAdmin() ? null : req.projectId());
		boolean inUseOk = Boolean.TRUE.equals(force) || req.version().atLeast(66);
		if (!VolumeStatus.AVAILABLE.is(volume.status()) && !(inUseOk && VolumeStatus.IN_USE.is(volume.status()))) {
			throw ApiException.badRequest("Invalid volume: Volume " + volumeId + " status must be available, but "
					+ "current status is: " + volume.status() + ".");
		}
		if (volume.host() == null) {
			throw ApiException.badRequest("Invalid volume: Volume " + volumeId + " is not scheduled to a backend.");
		}
		Instant now = Timestamps.dbNow(this.clock);
		SnapshotRecord snapshot = new SnapshotRecord(UUID.randomUUID().toString(), volume.id(), volume.projectId(),
				req.context().userId(), name, description, SnapshotStatus.CREATING.wire(), "0%", volume.size(), volume.volumeTypeName(),
				null, true, now, null, volume.host(), (metadata != null) ? metadata : Map.of());
		Map<String, Integer> deltas = new LinkedHashMap<>();
		deltas.put("snapshots", 1);
		deltas.put("gigabytes", volume.size());
		deltas.put("snapshots_" + volume.volumeTypeName(), 1);
		deltas.put("gigabytes_" + volume.volumeTypeName(), volume.size());
		this.transactions.executeWithoutResult(t -> {
			this.quotas.commit(this.quotas.reserve(volume.projectId(), deltas));
			this.snapshots.insert(snapshot, volume.volumeTypeId());
			this.volumeRpc.createSnapshot(req.context(), volume.host(), snapshot.id());
		});
		return Map.of("snapshot", view(req, snapshot, false));
	}

	@PolicyRule("volume:get_all_snapshots")
	@GetMapping
	Map<String, Object> list(ApiRequest req, @RequestParam Map<String, String> query) {
		return page(req, query, false);
	}

	@PolicyRule("volume:get_all_snapshots")
	@GetMapping("/detail")
	Map<String, Object> detail(ApiRequest req, @RequestParam Map<String, String> query) {
		return page(req, query, true);
	}

	@PolicyRule("volume:get_snapshot")
	@GetMapping("/{id}")
	Map<String, Object> show(ApiRequest req, @PathVariable String id) {
		return Map.of("snapshot", view(req, get(req, id), true));
	}

	@PolicyRule("volume:update_snapshot")
	@PutMapping("/{id}")
	Map<String, Object> update(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		Map<String, Object> s = RequestBodies.element(body, "snapshot");
		String nameKey = s.containsKey("name") ? "name" : "display_name";
		String descKey = s.containsKey("description") ? "description" : "display_description";
		String name = RequestBodies.string(s, nameKey, 0, 255, true);
		String description = RequestBodies.string(s, descKey, 0, 255, true);
		if (!s.containsKey(nameKey) && !s.containsKey(descKey)) {
			throw ApiException.badRequest("Invalid input for field/attribute snapshot. Value: " + s
					+ ". {} does not have enough properties");
		}
		SnapshotRecord snapshot = get(req, id);
		this.snapshots.update(snapshot.id(), name, s.containsKey(nameKey), description, s.containsKey(descKey),
				this.clock.instant());
		return Map.of("snapshot", view(req, get(req, id), false));
	}

	@PolicyRule("volume:delete_snapshot")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String id) {
		SnapshotRecord snapshot = get(req, id);
		this.transactions.executeWithoutResult(t -> {
			if (snapshot.groupSnapshotId() != null
					|| !this.snapshots.transition(snapshot.id(), SnapshotStatus.USER_DELETE, this.clock.instant())) {
				throw ApiException.badRequest("Invalid snapshot: Volume Snapshot status must be available or error "
						+ "and must not be part of a group.");
			}
			this.volumeRpc.deleteSnapshot(req.context(), snapshot.volumeHost(), snapshot.id());
		});
		return ResponseEntity.accepted().build();
	}

	private SnapshotRecord get(ApiRequest req, String id) {
		return this.snapshots.find(id, req.isAdmin() ? null : req.projectId()).orElseThrow(() -> notFound(id));
	}

	/** Cinder's {@code SnapshotNotFound}. */
	static ApiException notFound(String id) {
		return ApiException.notFound("Snapshot " + id + " could not be found.");
	}

	/** A page sorted, offset and limited as Cinder ({@code snapshots_links} when the page is full). */
	private Map<String, Object> page(ApiRequest req, Map<String, String> query, boolean detail) {
		ListParams params = ListParams.parse(query, this.properties.maxLimit(), SnapshotStore.SORT.keys());
		String scope = req.isAdmin() && ListParams.allTenants(query) ? null : req.projectId();
		List<SnapshotRecord> page = this.snapshots.list(scope, params)
			.orElseThrow(() -> ApiException.notFound("Marker " + params.marker() + " could not be found."));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("snapshots", page.stream().map(s -> view(req, s, detail)).toList());
		if (params.pageFull(page.size())) {
			body.put("snapshots_links", List.of(ApiRequest.link("next", ListParams.nextHref(req,
					detail ? "snapshots/detail" : "snapshots", query, params.limit(), page.get(page.size() - 1).id()))));
		}
		return body;
	}

	private static Map<String, Object> view(ApiRequest req, SnapshotRecord s, boolean extended) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", s.id());
		view.put("created_at", Timestamps.format(s.createdAt()));
		view.put("updated_at", Timestamps.format(s.updatedAt()));
		view.put("name", s.name());
		view.put("description", s.description());
		view.put("volume_id", s.volumeId());
		view.put("status", s.status());
		view.put("size", s.size());
		view.put("metadata", s.metadata());
		if (req.version().atLeast(14)) {
			view.put("group_snapshot_id", s.groupSnapshotId());
		}
		if (req.version().atLeast(41)) {
			view.put("user_id", s.userId());
		}
		if (req.version().atLeast(65)) {
			view.put("consumes_quota", s.useQuota());
		}
		if (extended) {
			view.put("os-extended-snapshot-attributes:progress", s.progress());
			view.put("os-extended-snapshot-attributes:project_id", s.projectId());
		}
		return view;
	}

}
