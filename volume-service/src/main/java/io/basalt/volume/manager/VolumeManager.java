package io.basalt.volume.manager;

import java.util.Map;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.volume.ConnectionInfo;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcMethod;
import io.basalt.volume.driver.DriverOperation;
import io.basalt.volume.driver.DriverVolume;
import io.basalt.volume.manager.CapacityGuard.Reservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <li>{@code create_snapshot}, {@code delete_snapshot} — see {@link SnapshotHandler};</li>
 * <li>{@code publish_service_capabilities} — reports this backend's capabilities now;</li>
 * <li>the calls {@code initialize_connection}, {@code terminate_connection}, {@code attachment_update},
 * {@code attachment_delete} — see {@link ConnectionHandler}: they answer (or fail) to a waiting caller, which
 * records the outcome, so they change no row here.</li>
 * </ul>
 * Threading: called concurrently by the RPC server's consumer threads; thread-safe because its parts are.
 */
public class VolumeManager {

	private static final Logger log = LoggerFactory.getLogger(VolumeManager.class);

	private final BackendContext backend;

	private final VolumeCreator creator;

	private final SnapshotHandler snapshots;

	private final CapacityGuard guard;

	private final OperationMetrics metrics;

	private final ConnectionHandler connections;

	public VolumeManager(BackendContext backend, VolumeCreator creator, CapacityGuard guard,
			OperationMetrics metrics) {
		this.backend = backend;
		this.creator = creator;
		this.snapshots = new SnapshotHandler(backend);
		this.guard = guard;
		this.metrics = metrics;
		this.connections = new ConnectionHandler(backend);
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
		VolumeRecord volume = actionable(volumeId, "deleting");
		if (volume == null) {
			return Outcome.SKIPPED;
		}
		// a cascading delete moved the volume's snapshots to deleting: they go first, each giving its quota back
		for (String snapshotId : this.backend.snapshots().deletingOf(volumeId)) {
			if (this.snapshots.delete(snapshotId) == Outcome.FAILURE) {
				return failed(volume, "deleting", "error_deleting", "delete failed: snapshot " + snapshotId
						+ " could not be deleted");
			}
		}
		try {
			this.backend.driver().deleteVolume(this.backend.driverVolume(volume));
		}
		catch (RuntimeException ex) {
			log.warn("delete_volume {} failed: {}", volumeId, ex.toString());
			return failed(volume, "deleting", "error_deleting", "delete failed: " + ex.getMessage());
		}
		this.backend.notifier().capacityChanged();
		if (!this.backend.volumes().markDeleted(volumeId, this.backend.clock().instant())) {
			return Outcome.SKIPPED;
		}
		log.info("delete_volume {}: deleted from {}", volumeId, volume.host());
		return Outcome.SUCCESS;
	}

	Outcome extend(String requestId, String volumeId, int newSize) {
		VolumeRecord volume = actionable(volumeId, "extending");
		if (volume == null) {
			return Outcome.SKIPPED;
		}
		if (newSize < volume.size()) {
			return failed(volume, "extending", "error_extending",
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
