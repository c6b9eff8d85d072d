package io.basalt.volume.manager;

import java.time.Instant;
import java.util.Optional;

import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.VolumeStatus;
import io.basalt.rpc.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a dead-lettered cast leaves behind (the RPC server parked it after its last failed try): the resource it was
 * about goes to its error status with the reason, as the operation's own failure path would put it, so that it
 * does not wait for work that will not happen and the sweeper does not send it again and again.
 * <ul>
 * <li>{@code create_volume}: {@code creating} → {@code error} and the user message of a failed create;</li>
 * <li>{@code delete_volume}: {@code deleting} → {@code error_deleting};</li>
 * <li>{@code extend_volume}: {@code extending} → {@code error_extending}, the extend's quota given back (the delta
 * is the accepted size the database holds, {@code extend_to_size}, minus the current size; the message's
 * {@code new_size} only for a row written before that column);</li>
 * <li>{@code create_snapshot}: {@code creating} → {@code error}; {@code delete_snapshot}: {@code deleting} →
 * {@code error_deleting}.</li>
 * </ul>
 * Each statement is guarded by the status and this backend, so a resource that moved on meanwhile is left alone.
 * Thread-safe.
 */
final class DeadLetteredWork {

	private static final Logger log = LoggerFactory.getLogger(DeadLetteredWork.class);

	private final BackendContext backend;

	DeadLetteredWork(BackendContext backend) {
		this.backend = backend;
	}

	void record(RequestContext context, String method, ObjectNode args, String reason) {
		Instant now = this.backend.clock().instant();
		boolean moved = switch (method) {
			case "create_volume" -> ownVolume(args).map(v -> this.backend.volumes()
				.markCreateFailed(v.id(), v.host(), reason, context.requestId(), now)).orElse(false);
			case "delete_volume" -> ownVolume(args).map(v -> this.backend.volumes()
				.markFailed(v.id(), VolumeStatus.DELETING.wire(), v.host(), VolumeStatus.ERROR_DELETING.wire(), reason, now)).orElse(false);
			case "extend_volume" -> ownVolume(args).map(v -> this.backend.volumes()
				.markExtendFailed(v.id(), v.host(), reason,
						this.backend.volumes().extendTarget(v.id()).orElse(args.path("new_size").asInt(v.size()))
								- v.size(),
						context.requestId(), now))
				.orElse(false);
			case "create_snapshot" -> text(args, "snapshot_id")
				.map(id -> this.backend.snapshots().markFailed(id, SnapshotStatus.CREATING.wire(), SnapshotStatus.ERROR.wire(), now)).orElse(false);
			case "delete_snapshot" -> text(args, "snapshot_id")
				.map(id -> this.backend.snapshots().markFailed(id, SnapshotStatus.DELETING.wire(), SnapshotStatus.ERROR_DELETING.wire(), now)).orElse(false);
			default -> false;
		};
		if (moved) {
			log.warn("{} was dead-lettered: its resource is now in its error status ({})", method, reason);
		}
	}

	private Optional<VolumeRecord> ownVolume(ObjectNode args) {
		return text(args, "volume_id").flatMap(id -> this.backend.volumes().find(id)).filter(this.backend::owns);
	}

	private static Optional<String> text(ObjectNode args, String field) {
		JsonNode node = args.get(field);
		return (node != null && node.isString()) ? Optional.of(node.asString()) : Optional.empty();
	}

}
