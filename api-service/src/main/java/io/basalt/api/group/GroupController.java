package io.basalt.api.group;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.policy.Policy;
import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;
import io.basalt.api.web.Timestamps;

import io.basalt.common.state.GroupStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/groups} (3.13+): create, list, list detail, show, update (name, description,
 * {@code add_volumes}/{@code remove_volumes}), the per-group actions {@code delete}, {@code reset_status} (3.20)
 * and the replication actions (3.38), and {@code POST /groups/action} {@code create-from-src} (3.14). The work is
 * {@link GroupApi}'s; this class reads bodies and renders Cinder's views.
 */
@RestController
@RequestMapping("/v3/{projectId}/groups")
class GroupController {

	static final int GROUP_VERSION = 13;

	static final int FROM_SOURCE_VERSION = 14;

	static final int RESET_STATUS_VERSION = 20;

	static final int REPLICATION_VERSION = 38;

	/** The policy rule of each per-group action. */
	private static final Map<String, String> ACTION_RULES = Map.of("delete", "group:delete", "reset_status",
			"group:reset_status", "enable_replication", "group:enable_replication", "disable_replication",
			"group:disable_replication", "failover_replication", "group:failover_replication",
			"list_replication_targets", "group:list_replication_targets");

	private final GroupApi groups;

	private final GroupStore store;

	private final GroupSnapshotStore snapshots;

	private final Policy policy;

	GroupController(GroupApi groups, GroupStore store, GroupSnapshotStore snapshots, Policy policy) {
		this.groups = groups;
		this.store = store;
		this.snapshots = snapshots;
		this.policy = policy;
	}

	@PolicyRule("group:get_all")
	@GetMapping
	Map<String, Object> list(ApiRequest req, @RequestParam Map<String, String> query) {
		req.requireVersion(GROUP_VERSION);
		List<Map<String, Object>> views = new ArrayList<>();
		for (GroupRecord g : this.store.list(scope(req, query))) {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("id", g.id());
			view.put("name", g.name());
			views.add(view);
		}
		return Map.of("groups", views);
	}

	@PolicyRule("group:get_all")
	@GetMapping("/detail")
	Map<String, Object> detail(ApiRequest req, @RequestParam Map<String, String> query) {
		req.requireVersion(GROUP_VERSION);
		boolean withVolumes = listVolumes(req, query);
		return Map.of("groups", this.store.list(scope(req, query)).stream().map(g -> view(req, g, withVolumes)).toList());
	}

	@PolicyRule("group:get")
	@GetMapping("/{id}")
	Map<String, Object> show(ApiRequest req, @PathVariable String id, @RequestParam Map<String, String> query) {
		req.requireVersion(GROUP_VERSION);
		return Map.of("group", view(req, this.groups.get(req, id), listVolumes(req, query)));
	}

	@PolicyRule("group:create")
	@PostMapping
	ResponseEntity<Map<String, Object>> create(ApiRequest req, @RequestBody Map<String, Object> body) {
		req.requireVersion(GROUP_VERSION);
		Map<String, Object> g = RequestBodies.element(body, "group");
		RequestBodies.onlyKeys(g, Set.of("name", "description", "group_type", "volume_types", "availability_zone"));
		String name = RequestBodies.string(g, "name", 0, 255, true);
		String description = RequestBodies.string(g, "description", 0, 255, true);
		String groupType = RequestBodies.string(g, "group_type", 1, 255, false);
		if (groupType == null) {
			throw required("group", g, "group_type");
		}
		Object rawTypes = g.get("volume_types");
		if (rawTypes == null) {
			throw required("group", g, "volume_types");
		}
		if (!(rawTypes instanceof List<?> list) || list.isEmpty()
				|| !list.stream().allMatch(t -> t instanceof String s && !s.isEmpty())) {
			throw RequestBodies.invalid("volume_types", rawTypes,
					rawTypes + " is not a non-empty array of volume type names or ids");
		}
		String zone = RequestBodies.string(g, "availability_zone", 1, 255, false);
		GroupRecord created = this.groups.create(req, name, description, groupType,
				list.stream().map(String.class::cast).toList(), zone);
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("group", summary(created)));
	}

	@PolicyRule("group:update")
	@PutMapping("/{id}")
	ResponseEntity<Void> update(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		req.requireVersion(GROUP_VERSION);
		Map<String, Object> g = RequestBodies.element(body, "group");
		RequestBodies.onlyKeys(g, Set.of("name", "description", "add_volumes", "remove_volumes"));
		String name = RequestBodies.string(g, "name", 0, 255, true);
		String description = RequestBodies.string(g, "description", 0, 255, true);
		List<String> add = ids(RequestBodies.string(g, "add_volumes", 0, Integer.MAX_VALUE, false));
		List<String> remove = ids(RequestBodies.string(g, "remove_volumes", 0, Integer.MAX_VALUE, false));
		if (name == null && description == null && add.isEmpty() && remove.isEmpty()) {
			throw ApiException.badRequest("Name, description, add_volumes, and remove_volumes can not be all empty "
					+ "in the request body.");
		}
		this.groups.update(req, this.groups.get(req, id), name, description, add, remove);
		return ResponseEntity.accepted().build();
	}

	@PolicyRule(PolicyRule.PER_ACTION)
	@PostMapping("/{id}/action")
	ResponseEntity<Void> action(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		req.requireVersion(GROUP_VERSION);
		if (body == null || body.size() != 1) {
			throw ApiException.badRequest("There is either no action or more than one action in the request body.");
		}
		String action = body.keySet().iterator().next();
		String rule = ACTION_RULES.get(action);
		if (rule == null) {
			throw ApiException.badRequest("There is no such action: " + action);
		}
		int since = switch (action) {
			case "delete" -> GROUP_VERSION;
			case "reset_status" -> RESET_STATUS_VERSION;
			default -> REPLICATION_VERSION;
		};
		req.requireVersion(since);
		GroupRecord group = this.groups.get(req, id);
		this.policy.authorize(req, rule, group.projectId());
		Map<String, Object> args = arguments(action, body.get(action));
		switch (action) {
			case "delete" -> {
				RequestBodies.onlyKeys(args, Set.of("delete-volumes"));
				this.groups.delete(req, group, Boolean.TRUE.equals(RequestBodies.bool(args, "delete-volumes")));
			}
			case "reset_status" -> {
				RequestBodies.onlyKeys(args, Set.of("status"));
				String status = RequestBodies.string(args, "status", 1, 255, false);
				if (status == null) {
					throw required("reset_status", args, "status");
				}
				this.groups.resetStatus(group, status);
			}
			default -> this.groups.replication(group, action);
		}
		return ResponseEntity.accepted().build();
	}

	@PolicyRule("group:create")
	@PostMapping("/action")
	ResponseEntity<Map<String, Object>> createFromSource(ApiRequest req, @RequestBody Map<String, Object> body) {
		req.requireVersion(FROM_SOURCE_VERSION);
		Map<String, Object> g = RequestBodies.element(body, "create-from-src");
		RequestBodies.onlyKeys(g, Set.of("name", "description", "group_snapshot_id", "source_group_id"));
		String name = RequestBodies.string(g, "name", 0, 255, true);
		String description = RequestBodies.string(g, "description", 0, 255, true);
		String snapshotId = RequestBodies.string(g, "group_snapshot_id", 1, 36, false);
		String sourceId = RequestBodies.string(g, "source_group_id", 1, 36, false);
		if ((snapshotId == null) == (sourceId == null)) {
			throw ApiException.badRequest((snapshotId == null)
					? "Either 'group_snapshot_id' or 'source_group_id' must be provided to create group " + name
							+ " from source."
					: "Cannot provide both 'group_snapshot_id' and 'source_group_id' to create group " + name
							+ " from source.");
		}
		GroupRecord created;
		if (snapshotId != null) {
			GroupSnapshotRecord snapshot = this.snapshots.find(snapshotId, req.isAdmin() ? null : req.projectId())
				.orElseThrow(() -> GroupSnapshotController.notFound(snapshotId));
			if (!GroupStatus.AVAILABLE.is(snapshot.status())) {
				throw ApiException.badRequest("Invalid group snapshot: Group snapshot status must be available, "
						+ "but current status is: " + snapshot.status() + ".");
			}
			GroupRecord group = this.groups.get(req, snapshot.groupId());
			created = this.groups.createFromSource(req, name, description, group, snapshot,
					this.store.sourcesOfGroupSnapshot(snapshot.id()));
		}
		else {
			GroupRecord source = this.groups.get(req, sourceId);
			if (!GroupStatus.AVAILABLE.is(source.status())) {
				throw ApiException.badRequest("Invalid group: Source group status must be available, but current "
						+ "status is: " + source.status() + ".");
			}
			created = this.groups.createFromSource(req, name, description, source, null,
					this.store.sourcesOfGroup(source.id()));
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("group", summary(created)));
	}

	private static String scope(ApiRequest req, Map<String, String> query) {
		boolean all = req.isAdmin() && query.containsKey("all_tenants")
				&& !"0".equals(query.get("all_tenants")) && !"false".equalsIgnoreCase(query.get("all_tenants"));
		return all ? null : req.projectId();
	}

	private static boolean listVolumes(ApiRequest req, Map<String, String> query) {
		return req.version().atLeast(25) && "true".equalsIgnoreCase(query.getOrDefault("list_volume", "false"));
	}

	private static List<String> ids(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		List<String> ids = new ArrayList<>();
		for (String id : text.split(",")) {
			if (!id.isBlank() && !ids.contains(id.strip())) {
				ids.add(id.strip());
			}
		}
		return ids;
	}

	private static ApiException required(String element, Map<String, Object> value, String field) {
		return ApiException.badRequest("Invalid input for field/attribute " + element + ". Value: " + value + ". '"
				+ field + "' is a required property");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> arguments(String action, Object value) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map)) {
			throw ApiException.badRequest("Invalid input for field/attribute " + action + ". Value: " + value + ". "
					+ value + " is not of type 'object'");
		}
		return (Map<String, Object>) value;
	}

	private static Map<String, Object> summary(GroupRecord g) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", g.id());
		view.put("name", g.name());
		return view;
	}

	/** Cinder's group detail view, with the per-microversion fields. */
	private Map<String, Object> view(ApiRequest req, GroupRecord g, boolean withVolumes) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", g.id());
		view.put("status", g.status());
		view.put("availability_zone", g.availabilityZone());
		view.put("created_at", Timestamps.format(g.createdAt()));
		view.put("name", g.name());
		view.put("description", g.description());
		view.put("group_type", g.groupTypeId());
		view.put("volume_types", g.volumeTypeIds());
		if (req.version().atLeast(14)) {
			view.put("group_snapshot_id", g.groupSnapshotId());
			view.put("source_group_id", g.sourceGroupId());
		}
		if (withVolumes) {
			view.put("volumes", this.store.volumeIds(g.id()));
		}
		if (req.version().atLeast(REPLICATION_VERSION)) {
			view.put("replication_status", "disabled");
		}
		if (req.version().atLeast(58) && this.policy.allows(req, "group:group_project_attribute")) {
			view.put("project_id", g.projectId());
		}
		return view;
	}

}
