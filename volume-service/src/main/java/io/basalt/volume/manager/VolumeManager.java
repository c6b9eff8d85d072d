package io.basalt.volume.manager;

import java.util.Map;
import java.util.OptionalInt;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.volume.ConnectionInfo;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.DeadLetterAware;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcMethod;
import io.basalt.volume.driver.DriverOperation;
import io.basalt.volume.driver.DriverVolume;
import io.basalt.volume.manager.CapacityGuard.Reservation;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The RPC endpoint of one backend (Cinder's volume manager), version {@link VolumeRpcApi#VERSION}; its server
 * listens on {@code <volume-topic>.host@backend} and on the volume topic's fanout. Each method is a cast,
 * delivered at least once, so each is idempotent: it acts only when the row is in the status the operation
 * expects ({@code creating}, {@code deleting}, {@code extending}) and on this backend, and moves it on with a
 * guarded single-statement update. A redelivered message finds the row moved on and does nothing.
 * <ul>
 * <li>{@code create_volume} — see {@link VolumeCreator} (capacity re-check, reschedule or {@code error});</li>
 * <li>{@code delete_volume} — {@code deleting} → its snapshots in {@code deleting} deleted first (a cascading
 * delete) → driver delete → soft-deleted, or {@code error_deleting};</li>
 * <li>{@code extend_volume} — {@code extending} → driver extend → {@code available} with the new size, or
 * {@code error_extending} with the extra quota given back;</li>
 * <li>{@code create_snapshot}, {@code delete_snapshot}, {@code revert_to_snapshot} — see
 * {@link SnapshotHandler};</li>
 * <li>{@code create_group}, {@code create_group_from_src}, {@code delete_group}, {@code update_group},
 * {@code create_group_snapshot}, {@code delete_group_snapshot} — see {@link GroupHandler} (generic groups);</li>
 * <li>{@code migrate_volume} (source side, cast) and {@code create_migration_volume} (destination side, call) —
 * see {@link VolumeMigrator};</li>
 * <li>{@code publish_service_capabilities} — reports this backend's capabilities now;</li>
 * <li>the calls {@code initialize_connection}, {@code terminate_connection}, {@code attachment_update},
 * {@code attachment_delete} — see {@link ConnectionHandler}: they answer (or fail) to a waiting caller, which
 * records the outcome, so they change no row here.</li>
 * </ul>
 * A cast that the RPC server dead-letters (it kept failing) puts its resource into the operation's error status
 * ({@link DeadLetteredWork}).
 * Threading: called concurrently by the RPC server's consumer threads; thread-safe because its parts are.
 */
public class VolumeManager implements DeadLetterAware {

	private static final Logger log = LoggerFactory.getLogger(VolumeManager.class);

	private final BackendContext backend;

	private final VolumeCreator creator;

	private final SnapshotHandler snapshots;

	private final CapacityGuard guard;

	private final OperationMetrics metrics;

	private final ConnectionHandler connections;

	private final DeadLetteredWork deadLetters;

	private final GroupHandler groups;

	private final VolumeMigrator migrator;

	/** A manager that serves no groups and cannot migrate (as in unit tests of the other operations). */
	public VolumeManager(BackendContext backend, VolumeCreator creator, CapacityGuard guard,
			OperationMetrics metrics) {
		this(backend, creator, guard, metrics, null, null);
	}

	/**
	 * @param groups the generic group operations, or null when groups are not served (unit tests)
	 * @param migrator the migration operations, or null when this manager cannot migrate (unit tests)
	 */
	public VolumeManager(BackendContext backend, VolumeCreator creator, CapacityGuard guard,
			OperationMetrics metrics, GroupHandler groups, VolumeMigrator migrator) {
		this.groups = groups;
		this.migrator = migrator;
		this.backend = backend;
		this.creator = creator;
		this.snapshots = new SnapshotHandler(backend);
		this.guard = guard;
		this.metrics = metrics;
		this.connections = new ConnectionHandler(backend);
		this.deadLetters = new DeadLetteredWork(backend);
	}

	/** A cast to this backend was dead-lettered: its resource goes to its error status (see {@link DeadLetteredWork}). */
	@Override
	public void deadLettered(RequestContext context, String method, ObjectNode args, String reason) {
		this.deadLetters.record(context, method, args, reason);
	}

	/** The backend served, {@code host@backend}. */
	public String backend() {
		return this.backend.backend();
	}

	@RpcMethod
	public void createVolume(RequestContext context, String volumeId, String host, RequestSpec requestSpec,
			FilterProperties filterProperties) {
		if (host != null && !this.backend.backend().equals(VolumeRpcApi.backendOf(host))) {
			log.warn("create_volume {} addressed to {} arrived at {}", volumeId, host, this.backend.backend());
		}
		this.metrics.time(DriverOperation.CREATE_VOLUME,
				() -> this.creator.create(context, volumeId, requestSpec, filterProperties));
	}

	@RpcMethod
	public void deleteVolume(RequestContext context, String volumeId) {
		this.metrics.time(DriverOperation.DELETE_VOLUME, () -> delete(volumeId));
	}

	@RpcMethod
	public void extendVolume(RequestContext context, String volumeId, int newSize) {
		this.metrics.time(DriverOperation.EXTEND_VOLUME, () -> extend(context.requestId(), volumeId, newSize));
	}

	@RpcMethod
	public void createSnapshot(RequestContext context, String snapshotId) {
		this.metrics.time(DriverOperation.CREATE_SNAPSHOT, () -> this.snapshots.create(snapshotId));
	}

	@RpcMethod
	public void deleteSnapshot(RequestContext context, String snapshotId) {
		this.metrics.time(DriverOperation.DELETE_SNAPSHOT, () -> this.snapshots.delete(snapshotId));
	}

	@RpcMethod
	public void createGroup(RequestContext context, String groupId) {
		groups().create(groupId);
	}

	@RpcMethod
	public void createGroupFromSrc(RequestContext context, String groupId) {
		groups().createFromSource(context, this.creator, groupId);
	}

	@RpcMethod
	public void deleteGroup(RequestContext context, String groupId) {
		groups().delete(this, groupId);
	}

	@RpcMethod
	public void updateGroup(RequestContext context, String groupId, java.util.List<String> addVolumes,
			java.util.List<String> removeVolumes) {
		groups().update(groupId, addVolumes, removeVolumes);
	}

	@RpcMethod
	public void createGroupSnapshot(RequestContext context, String groupSnapshotId) {
		this.metrics.time(DriverOperation.CREATE_SNAPSHOT,
				() -> groups().createSnapshot(this.snapshots, groupSnapshotId));
	}

	@RpcMethod
	public void deleteGroupSnapshot(RequestContext context, String groupSnapshotId) {
		this.metrics.time(DriverOperation.DELETE_SNAPSHOT,
				() -> groups().deleteSnapshot(this.snapshots, groupSnapshotId));
	}

	private GroupHandler groups() {
		if (this.groups == null) {
			throw new IllegalStateException("groups are not served by " + this.backend.backend());
		}
		return this.groups;
	}

	@RpcMethod
	public void revertToSnapshot(RequestContext context, String volumeId, String snapshotId) {
		this.metrics.time(DriverOperation.REVERT_TO_SNAPSHOT, () -> this.snapshots.revert(volumeId, snapshotId));
	}

	@RpcMethod
	public void migrateVolume(RequestContext context, String volumeId, String destinationHost, String newTypeId,
			boolean forceHostCopy) {
		this.metrics.time(DriverOperation.MIGRATE_VOLUME,
				() -> migrator().migrate(context, volumeId, destinationHost, newTypeId));
	}

	@RpcMethod
	public String createMigrationVolume(RequestContext context, String volumeId, String nameId, int size, String host,
			String devicePath) {
		return migrator().createMigrationVolume(volumeId, nameId, size, host, devicePath);
	}

	private VolumeMigrator migrator() {
		if (this.migrator == null) {
			throw new IllegalStateException("backend " + this.backend.backend() + " has no migrator");
		}
		return this.migrator;
	}

	@RpcMethod
	public void publishServiceCapabilities(RequestContext context) {
		this.backend.notifier().publishNow();
	}

	@RpcMethod
	public ConnectionInfo initializeConnection(RequestContext context, String volumeId,
			Map<String, Object> connector) {
		return this.connections.initialize(volumeId, connector);
	}

	@RpcMethod
	public void terminateConnection(RequestContext context, String volumeId, Map<String, Object> connector,
			boolean force) {
		this.connections.terminate(volumeId, connector);
	}

	/** Cinder's {@code attachment_update}: the connection of an attachment's connector. */
	@RpcMethod
	public ConnectionInfo attachmentUpdate(RequestContext context, String volumeId, Map<String, Object> connector,
			String attachmentId) {
		log.info("attachment_update {} of volume {}", attachmentId, volumeId);
		return this.connections.initialize(volumeId, connector);
	}

	/** Cinder's {@code attachment_delete}: ends the attachment's connection, if it had a connector. */
	@RpcMethod
	public void attachmentDelete(RequestContext context, String volumeId, String attachmentId,
			Map<String, Object> connector) {
		log.info("attachment_delete {} of volume {}", attachmentId, volumeId);
		if (connector != null) {
			this.connections.terminate(volumeId, connector);
		}
	}

	Outcome delete(String volumeId) {
		VolumeRecord volume = actionable(volumeId, VolumeStatus.DELETING.wire());
		if (volume == null) {
			return Outcome.SKIPPED;
		}
		// a cascading delete moved the volume's snapshots to deleting: they go first, each giving its quota back
		for (String snapshotId : this.backend.snapshots().deletingOf(volumeId)) {
			if (this.snapshots.delete(snapshotId) == Outcome.FAILURE) {
				return failed(volume, VolumeStatus.DELETING.wire(), VolumeStatus.ERROR_DELETING.wire(), "delete failed: snapshot " + snapshotId
						+ " could not be deleted");
			}
		}
		try {
			this.backend.driver().deleteVolume(this.backend.driverVolume(volume));
		}
		catch (RuntimeException ex) {
			log.warn("delete_volume {} failed: {}", volumeId, ex.toString());
			return failed(volume, VolumeStatus.DELETING.wire(), VolumeStatus.ERROR_DELETING.wire(), "delete failed: " + ex.getMessage());
		}
		this.backend.notifier().capacityChanged();
		if (!this.backend.volumes().markDeleted(volumeId, this.backend.clock().instant())) {
			return Outcome.SKIPPED;
		}
		log.info("delete_volume {}: deleted from {}", volumeId, volume.host());
		return Outcome.SUCCESS;
	}

	Outcome extend(String requestId, String volumeId, int requestedSize) {
		VolumeRecord volume = actionable(volumeId, VolumeStatus.EXTENDING.wire());
		if (volume == null) {
			return Outcome.SKIPPED;
		}
		// The size comes from the database (what the api-service accepted and took quota for), never from the
		// message: the broker is a trust boundary.
		OptionalInt accepted = this.backend.volumes().extendTarget(volumeId);
		if (accepted.isEmpty()) {
			log.warn("extend_volume {}: no accepted extend size is recorded; ignoring the message (asked {} GiB)",
					volumeId, requestedSize);
			return Outcome.SKIPPED;
		}
		int newSize = accepted.getAsInt();
		if (newSize != requestedSize) {
			log.warn("extend_volume {}: the message asks {} GiB but {} GiB was accepted; extending to {} GiB",
					volumeId, requestedSize, newSize, newSize);
		}
		if (newSize < volume.size()) {
			return failed(volume, VolumeStatus.EXTENDING.wire(), VolumeStatus.ERROR_EXTENDING.wire(),
					"cannot extend from " + volume.size() + " GiB to a smaller " + newSize + " GiB");
		}
		DriverVolume target = this.backend.driverVolume(volume);
		try (Reservation reservation = this.guard.reserve(this.backend.driver().stats(false), target.pool(),
				newSize - volume.size())) {
			this.backend.driver().extendVolume(target, newSize);
		}
		catch (RuntimeException ex) {
			log.warn("extend_volume {} to {} GiB failed: {}", volumeId, newSize, ex.toString());
			return this.backend.volumes()
				.markExtendFailed(volumeId, volume.host(), "extend failed: " + ex.getMessage(), newSize - volume.size(),
						requestId, this.backend.clock().instant()) ? Outcome.FAILURE : Outcome.SKIPPED;
		}
		this.backend.notifier().capacityChanged();
		return this.backend.volumes().markExtended(volumeId, newSize, this.backend.clock().instant())
				? Outcome.SUCCESS : Outcome.SKIPPED;
	}

	private VolumeRecord actionable(String volumeId, String expectedStatus) {
		VolumeRecord volume = this.backend.volumes().find(volumeId).orElse(null);
		if (volume == null || volume.deleted() || !expectedStatus.equals(volume.status())
				|| !this.backend.owns(volume)) {
			log.info("volume {}: nothing to do here for status {} (row: {})", volumeId, expectedStatus, volume);
			return null;
		}
		return volume;
	}

	private Outcome failed(VolumeRecord volume, String expected, String errorStatus, String reason) {
		return this.backend.volumes()
			.markFailed(volume.id(), expected, volume.host(), errorStatus, reason, this.backend.clock().instant())
				? Outcome.FAILURE : Outcome.SKIPPED;
	}

}
