package io.basalt.api.snapshot;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.policy.Policy;
import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;
import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.WireStatus;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v3/{project_id}/snapshots/{id}/action}, as Cinder Zed's snapshot admin actions and
 * {@code snapshot_actions}: the snapshot is looked up first (404 whatever the action), then the action's rule
 * ({@link SnapshotActionRules}) is authorized, then its arguments are checked.
 * <ul>
 * <li>{@code os-reset_status} (admin): any snapshot status, a direct database write;</li>
 * <li>{@code os-force_delete} (admin): any status → {@code deleting} (not in a group snapshot) and a
 * {@code delete_snapshot} cast, which soft-deletes the row and gives the quota back;</li>
 * <li>{@code os-update_snapshot_status}: {@code creating} → {@code creating|available|error},
 * {@code deleting} → {@code deleting|error_deleting}, with an optional {@code progress} "0%".."100%".</li>
 * </ul>
 * All answer 202 without a body.
 */
@RestController
@RequestMapping("/v3/{projectId}/snapshots/{id}/action")
class SnapshotActionController {

	/** Cinder's {@code os-update_snapshot_status} status map: the statuses a backend may report from each. */
	private static final Map<String, List<String>> UPDATABLE = Map.of(SnapshotStatus.CREATING.wire(),
			List.of(SnapshotStatus.CREATING.wire(), SnapshotStatus.AVAILABLE.wire(), SnapshotStatus.ERROR.wire()),
			SnapshotStatus.DELETING.wire(),
			List.of(SnapshotStatus.DELETING.wire(), SnapshotStatus.ERROR_DELETING.wire()));

	private final SnapshotStore snapshots;

	private final VolumeRpcApi volumeRpc;

	private final Policy policy;

	private final Clock clock;

	private final TransactionOperations transactions;

	SnapshotActionController(SnapshotStore snapshots, VolumeRpcApi volumeRpc, Policy policy,
			TransactionOperations transactions, Clock clock) {
		this.snapshots = snapshots;
		this.transactions = transactions;
		this.volumeRpc = volumeRpc;
		this.policy = policy;
		this.clock = clock;
	}

	@PolicyRule(PolicyRule.PER_ACTION)
	@PostMapping
	ResponseEntity<Void> action(ApiRequest req, @PathVariable String id, @RequestBody Map<String, Object> body) {
		if (body == null || body.size() != 1) {
			throw ApiException.badRequest("There is either no action or more than one action in the request body.");
		}
		Map.Entry<String, Object> action = body.entrySet().iterator().next();
		SnapshotRecord snapshot = this.snapshots.find(id, req.isAdmin() ? null : req.projectId())
			.orElseThrow(() -> SnapshotController.notFound(id));
		String rule = SnapshotActionRules.rule(action.getKey());
		if (rule == null) {
			throw ApiException.badRequest("There is no such action: " + action.getKey());
		}
		this.policy.authorize(req, rule);
		Map<String, Object> args = arguments(action.getKey(), action.getValue());
		switch (action.getKey()) {
			case "os-reset_status" -> resetStatus(snapshot, args);
			case "os-force_delete" -> forceDelete(req, snapshot);
			case "os-update_snapshot_status" -> updateStatus(snapshot, args);
			default -> throw ApiException.badRequest("There is no such action: " + action.getKey());
		}
		return ResponseEntity.accepted().build();
	}

	private void resetStatus(SnapshotRecord snapshot, Map<String, Object> args) {
		RequestBodies.onlyKeys(args, Set.of("status"));
		String status = required(args, "os-reset_status");
		if (!WireStatus.isIn(status.toLowerCase(), SnapshotStatus.RESETTABLE)) {
			throw RequestBodies.invalid("status", status, "'" + status + "' is not a 'snapshot_status'");
		}
		this.snapshots.resetStatus(snapshot.id(), status.toLowerCase(), this.clock.instant());
	}

	private void forceDelete(ApiRequest req, SnapshotRecord snapshot) {
		this.transactions.executeWithoutResult(t -> {
			if (!this.snapshots.forceDeleting(snapshot.id(), this.clock.instant())) {
				throw ApiException.badRequest("Invalid snapshot: Snapshot " + snapshot.id()
						+ " must not be part of a group.");
			}
			this.volumeRpc.deleteSnapshot(req.context(), snapshot.volumeHost(), snapshot.id());
		});
	}

	private void updateStatus(SnapshotRecord snapshot, Map<String, Object> args) {
		RequestBodies.onlyKeys(args, Set.of("status", "progress"));
		String status = required(args, "os-update_snapshot_status");
		String progress = progress(args.get("progress"));
		List<String> allowed = UPDATABLE.get(snapshot.status());
		if (allowed == null) {
			throw ApiException.badRequest("Snapshot status " + snapshot.status() + " not allowed for "
					+ "update_snapshot_status");
		}
		if (!allowed.contains(status)) {
			throw ApiException.badRequest("Provided snapshot status " + status + " not allowed for snapshot with "
					+ "status " + snapshot.status() + ".");
		}
		if (!this.snapshots.updateStatus(snapshot.id(), snapshot.status(), status, progress, this.clock.instant())) {
			throw ApiException.badRequest("Invalid snapshot: Snapshot status changed concurrently; retry.");
		}
	}

	private static String required(Map<String, Object> args, String action) {
		String status = RequestBodies.string(args, "status", 0, Integer.MAX_VALUE, false);
		if (status == null) {
			throw ApiException.badRequest("Invalid input for field/attribute " + action + ". Value: " + args
					+ ". 'status' is a required property");
		}
		return status;
	}

	/** Cinder's {@code progress} format: an integer percentage 0..100 followed by {@code %}; empty means none. */
	private static String progress(Object raw) {
		if (raw == null || "".equals(raw)) {
			return null;
		}
		String text = raw.toString();
		if (!(raw instanceof String) || !text.matches("^-?[0-9]{1,9}%$")) {
			throw ApiException.badRequest("Invalid input received: progress must be an integer percentage");
		}
		int value = Integer.parseInt(text.substring(0, text.length() - 1));
		if (value < 0 || value > 100) {
			throw ApiException.badRequest("Invalid input received: progress must be an integer percentage between"
					+ " 0 and 100");
		}
		return text;
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

}
