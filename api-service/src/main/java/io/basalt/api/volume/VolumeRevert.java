package io.basalt.api.volume;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@code revert {"snapshot_id"}} (3.40), as Cinder Zed's {@code volume_actions} controller and
 * {@code volume/api.py}: only to the volume's latest snapshot (400 {@code Volume <id> doesn't have any
 * snapshots.} / {@code Specified snapshot <s> is None or not the latest one of volume <v>.}), whose size must be
 * the volume's (400); then one statement moves the volume {@code available} → {@code reverting} and the snapshot
 * {@code available} → {@code restoring} (409 with Cinder's texts when either is not {@code available}), and
 * {@code revert_to_snapshot} is cast to the volume's backend, which puts the data back and both rows to
 * {@code available}. The statement and the cast commit together (through the outbox,
 * {@code io.basalt.api.outbox.CastOutbox}): while the broker is away the request still succeeds and the outbox relay
 * sends the cast later. Thread-safe.
 */
@Component
class VolumeRevert {

	private final VolumeActionStore actions;

	private final VolumeRpcApi volumeRpc;

	private final Clock clock;

	private final TransactionOperations transactions;

	VolumeRevert(VolumeActionStore actions, VolumeRpcApi volumeRpc, TransactionOperations transactions, Clock clock) {
		this.actions = actions;
		this.transactions = transactions;
		this.volumeRpc = volumeRpc;
		this.clock = clock;
	}

	void revert(ApiRequest req, VolumeRecord v, Map<String, Object> args) {
		req.requireVersion(40);
		RequestBodies.onlyKeys(args, Set.of("snapshot_id"));
		if (args.get("snapshot_id") == null) {
			throw RequestBodies.invalid("revert", args, "'snapshot_id' is a required property");
		}
		String snapshotId = RequestBodies.string(args, "snapshot_id", 1, 36, false);
		String[] latest = this.actions.latestSnapshot(v.id());
		if (latest == null) {
			throw ApiException.badRequest("Volume " + v.id() + " doesn't have any snapshots.");
		}
		if (!latest[0].equals(snapshotId)) {
			throw ApiException.badRequest("Specified snapshot " + snapshotId + " is None or not the latest one of "
					+ "volume " + v.id() + ".");
		}
		if (v.size() != Integer.parseInt(latest[1])) {
			throw ApiException.badRequest("Can't revert volume " + v.id() + " to its latest snapshot " + snapshotId
					+ ". The volume size must be equal to the snapshot size.");
		}
		if (!VolumeStatus.AVAILABLE.is(v.status())) {
			throw ApiException.conflict("Invalid volume: Can't revert volume " + v.id() + " to its latest snapshot "
					+ snapshotId + ". Volume's status must be 'available'.");
		}
		// reverting/restoring and the cast (through the outbox) commit together
		this.transactions.executeWithoutResult(s -> {
			if (!this.actions.startRevert(v.id(), snapshotId, this.clock.instant())) {
				throw ApiException.conflict("Invalid snapshot: Can't revert volume " + v.id() + " to its latest "
						+ "snapshot " + snapshotId + ". Snapshot's status must be 'available'.");
			}
			this.volumeRpc.revertToSnapshot(req.context(), v.host(), v.id(), snapshotId);
		});
	}

}
