package io.basalt.api.group;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.basalt.api.policy.Policy;
import io.basalt.api.policy.PolicyRule;
import io.basalt.api.quota.QuotaEngine;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;
import io.basalt.api.web.Timestamps;
import io.basalt.common.state.GroupStatus;
import io.basalt.common.state.WireStatus;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/group_snapshots} (3.14+): create (a {@code creating} snapshot of every volume of an
 * {@code available} group, quota {@code snapshots}/{@code gigabytes} and per-type twins in the transaction that
 * inserts the rows, then cast {@code create_group_snapshot} to the group's backend), list, detail, show, delete
 * (the group snapshot and its snapshots → {@code deleting}, cast {@code delete_group_snapshot}) and the admin
 * action {@code reset_status} (3.19).
 */
@RestController
@RequestMapping("/v3/{projectId}/group_snapshots")
class GroupSnapshotController {

	static final int GROUP_SNAPSHOT_VERSION = 14;

	static final int RESET_STATUS_VERSION = 19;

	private final GroupSnapshotStore snapshots;

	private final GroupApi groups;

	private final QuotaEngine quotas;

	private final VolumeRpcApi volumeRpc;

	private final Policy policy;

	private final TransactionOperations transactions;

	private final Clock clock;

	GroupSnapshotController(GroupSnapshotStore snapshots, GroupApi groups, QuotaEngine quotas,
			VolumeRpcApi volumeRpc, Policy policy, TransactionOperations transactions, Clock clock) {
		this.snapshots = snapshots;
		this.groups = groups;
		this.quotas = quotas;
		this.volumeRpc = volumeRpc;
		this.policy = policy;
		this.transactions = transactions;
		this.clock = clock;
	}

	@PolicyRule("group:get_all_group_snapshots")
	@GetMapping
	Map<String, Object> list(ApiRequest req, @RequestParam Map<String, String> query) {
		req.requireVersion(GROUP_SNAPSHOT_VERSION);
		return Map.of("group_snapshots", find(req, query).stream().map(GroupSnapshotController::summary).toList());
	}

	@PolicyRule("group:get_all_group_snapshots")
	@GetMapping("/detail")
	Map<String, Object> detail(ApiRequest req, @RequestParam Map<String, String> query) {
		req.requireVersion(GROUP_SNAPSHOT_VERSION);
		return Map.of("group_snapshots", find(req, query).stream().map(s -> view(req, s)).toList());
	}

	@PolicyRule("group:get_group_snapshot")
	@GetMapping("/{id}")
	Map<String, Object> show(ApiRequest req, @PathVariable String id) {
		req.requireVersion(GROUP_SNAPSHOT_VERSION);
		return Map.of("group_snapshot", view(req, get(req, id)));
	}

	@PolicyRule("group:create_group_snapshot")
	@PostMapping
	ResponseEntity<Map<String, Object>> create(ApiRequest req, @RequestBody Map<String, Object> body) {
		req.requireVersion(GROUP_SNAPSHOT_VERSION);
		Map<String, Object> s = RequestBodies.element(body, "group_snapshot");
		RequestBodies.onlyKeys(s, Set.of("name", "description", "group_id"));
		String name = RequestBodies.string(s, "name", 0, 255, true);
		String description = RequestBodies.string(s, "description", 0, 255, true);
		String groupId = RequestBodies.string(s, "group_id", 1, 36, false);
		if (groupId == null) {
			throw ApiException.badRequest("Invalid input for field/attribute group_snapshot. Value: " + s
					+ ". 'group_id' is a required property");
		}
		GroupRecord group = this.groups.get(req, groupId);
		if (!GroupStatus.AVAILABLE.is(group.status())) {
			throw ApiException.badRequest("Invalid group: Group " + group.id() + " status must be available, but "
					+ "current status is: " + group.status() + ".");
		}
		String busy = this.snapshots.unsnappableVolume(group.id());
		if (busy != null) {
			throw ApiException.badRequest("Invalid volume: Volume " + busy + " of group " + group.id()
					+ " must be available or in-use.");
		}
		GroupSnapshotRecord snapshot = new GroupSnapshotRecord(UUID.randomUUID().toString(), group.projectId(),
				req.context().userId(), group.id(), group.groupTypeId(), name, description, GroupStatus.CREATING.wire(),
				Timestamps.dbNow(this.clock));
		Map<String, Integer> deltas = new LinkedHashMap<>();
		for (Object[] usage : this.snapshots.volumeUsage(group.id())) {
			deltas.merge("snapshots", (Integer) usage[1], Integer::sum);
			deltas.merge("gigabytes", (Integer) usage[2], Integer::sum);
			deltas.put("snapshots_" + usage[0], (Integer) usage[1]);
			deltas.put("gigabytes_" + usage[0], (Integer) usage[2]);
		}
		this.transactions.executeWithoutResult(t -> {
			this.quotas.commit(this.quotas.reserve(group.projectId(), deltas));
			this.snapshots.insert(snapshot);
			this.volumeRpc.createGroupSnapshot(req.context(), group.host(), snapshot.id());
		});
		Map<String, Object> view = summary(snapshot);
		view.put("group_type_id", snapshot.groupTypeId());
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("group_snapshot", view));
	}

	@PolicyRule("group:delete_group_snapshot")
	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(ApiRequest req, @PathVariable String id) {
		req.requireVersion(GROUP_SNAPSHOT_VERSION);
		GroupSnapshotRecord snapshot = get(req, id);
		GroupRecord group = this.groups.get(req, snapshot.groupId());
		this.transactions.executeWithoutResult(t -> {
			if (!this.snapshots.markDeleting(snapshot.id(), this.clock.instant())) {
				throw ApiException.badRequest("Invalid group snapshot: Group snapshot status must be available or "
						+ "error and no volumes can be created from it, but current status is: " + snapshot.status()
						+ ".");
			}
			this.volumeRpc.deleteGroupSnapshot(req.context(), group.host(), snapshot.id());
		});
		return ResponseEntity.accepted().build();
	}

	@PolicyRule(PolicyRule.PER_ACTION)
	@PostMapping("/{id}/action")
	ResponseEntity<Void> action(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		req.requireVersion(GROUP_SNAPSHOT_VERSION);
		if (body == null || body.size() != 1) {
			throw ApiException.badRequest("There is either no action or more than one action in the request body.");
		}
		String action = body.keySet().iterator().next();
		if (!"reset_status".equals(action)) {
			throw ApiException.badRequest("There is no such action: " + action);
		}
		req.requireVersion(RESET_STATUS_VERSION);
		GroupSnapshotRecord snapshot = get(req, id);
		this.policy.authorize(req, "group:reset_group_snapshot_status", snapshot.projectId());
		if (!(body.get(action) instanceof Map<?, ?> args) || !(args.get("status") instanceof String status)) {
			throw ApiException.badRequest("Invalid input for field/attribute reset_status. Value: " + body.get(action)
					+ ". 'status' is a required property");
		}
		if (!WireStatus.isIn(status.toLowerCase(), GroupStatus.SNAPSHOT_RESETTABLE)) {
			throw ApiException.badRequest("Invalid input received: Group snapshot status: " + status + " is invalid.");
		}
		this.snapshots.transition(snapshot.id(), List.of(), status.toLowerCase(), this.clock.instant());
		return ResponseEntity.accepted().build();
	}

	private List<GroupSnapshotRecord> find(ApiRequest req, Map<String, String> query) {
		boolean all = req.isAdmin() && query.containsKey("all_tenants") && !"0".equals(query.get("all_tenants"))
				&& !"false".equalsIgnoreCase(query.get("all_tenants"));
		return this.snapshots.list(all ? null : req.projectId(), query.get("group_id"));
	}

	private GroupSnapshotRecord get(ApiRequest req, String id) {
		return this.snapshots.find(id, req.isAdmin() ? null : req.projectId()).orElseThrow(() -> notFound(id));
	}

	static ApiException notFound(String id) {
		return ApiException.notFound("GroupSnapshot " + id + " could not be found.");
	}

	private static Map<String, Object> summary(GroupSnapshotRecord s) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", s.id());
		view.put("name", s.name());
		return view;
	}

	/** Cinder's group snapshot detail view. */
	private Map<String, Object> view(ApiRequest req, GroupSnapshotRecord s) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", s.id());
		view.put("group_id", s.groupId());
		view.put("status", s.status());
		view.put("created_at", Timestamps.format(s.createdAt()));
		view.put("name", s.name());
		view.put("description", s.description());
		view.put("group_type_id", s.groupTypeId());
		if (req.version().atLeast(58) && this.policy.allows(req, "group:group_snapshot_project_attribute")) {
			view.put("project_id", s.projectId());
		}
		return view;
	}

}
