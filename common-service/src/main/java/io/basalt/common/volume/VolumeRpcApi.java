package io.basalt.common.volume;

import java.time.Duration;
import java.util.Map;

import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.rpc.CastSender;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.rpc.Prepare;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.Rpc;
import io.basalt.rpc.RpcClient;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.Target;

/**
 * Client stub of the volume service. Each backend ({@code host@backend}) is its own RPC server on the volume
 * topic, so a message for a volume goes to {@code <volume-topic>.<host@backend>}. Thread-safe.
 * <p>
 * Version history:
 * <ul>
 * <li>3.0 — create_volume, delete_volume, extend_volume, create_snapshot, delete_snapshot,
 * publish_service_capabilities.</li>
 * <li>3.1 — create_group, delete_group, update_group, create_group_from_src, create_group_snapshot,
 * delete_group_snapshot (generic volume groups; the generic implementation runs per-volume operations);
 * migrate_volume (to the source backend), create_migration_volume (a call to the destination),
 * revert_to_snapshot;
 * the connection calls, as Cinder's volume rpcapi names them: initialize_connection, terminate_connection,
 * attachment_update, attachment_delete (each a call with the client's timeout).</li>
 * </ul>
 */
public class VolumeRpcApi {

	/** The version the volume manager implements. */
	public static final RpcVersion VERSION = new RpcVersion(3, 1);

	/** The service binary name registered in {@code services}. */
	public static final String BINARY = "basalt-volume";

	private final RpcClient client;

	private final CastSender casts;

	/** A stub that sends its casts at once. */
	public VolumeRpcApi(Rpc rpc, BasaltRpcProperties properties) {
		this(rpc, properties, CastSender.direct(rpc));
	}

	/** A stub that hands its casts to {@code casts} (the api's outbox). */
	public VolumeRpcApi(Rpc rpc, BasaltRpcProperties properties, CastSender casts) {
		this.casts = casts;
		Target target = Target.of(properties.controlExchange(), properties.volumeTopic()).withVersion(VERSION);
		this.client = rpc.client(target, VERSION, properties.callTimeout());
	}

	/** The backend part of a volume host: {@code host@backend#pool} → {@code host@backend}. */
	public static String backendOf(String volumeHost) {
		int hash = volumeHost.indexOf('#');
		return (hash < 0) ? volumeHost : volumeHost.substring(0, hash);
	}

	private RpcClient to(String volumeHost) {
		return this.client.prepare(Prepare.server(backendOf(volumeHost)));
	}

	/** Creates a volume the scheduler placed on {@code volumeHost} (cast). */
	public void createVolume(RequestContext context, String volumeHost, RequestSpec requestSpec,
			FilterProperties filterProperties) {
		cast(to(volumeHost), context, "create_volume",
				new CreateVolumeArgs(requestSpec.volumeId(), volumeHost, requestSpec, filterProperties));
	}

	/** Deletes a volume from its backend (cast). */
	public void deleteVolume(RequestContext context, String volumeHost, String volumeId) {
		cast(to(volumeHost), context, "delete_volume", new VolumeIdArgs(volumeId));
	}

	/** Grows a volume on its backend (cast). */
	public void extendVolume(RequestContext context, String volumeHost, String volumeId, int newSize) {
		cast(to(volumeHost), context, "extend_volume", new ExtendVolumeArgs(volumeId, newSize));
	}

	/** Creates a snapshot of a volume on the volume's backend (cast). */
	public void createSnapshot(RequestContext context, String volumeHost, String snapshotId) {
		cast(to(volumeHost), context, "create_snapshot", new SnapshotIdArgs(snapshotId));
	}

	/** Deletes a snapshot on the volume's backend (cast). */
	public void deleteSnapshot(RequestContext context, String volumeHost, String snapshotId) {
		cast(to(volumeHost), context, "delete_snapshot", new SnapshotIdArgs(snapshotId));
	}

	/** Creates a group the scheduler placed on {@code groupHost} (cast, 3.1). */
	public void createGroup(RequestContext context, String groupHost, String groupId) {
		cast(to(groupHost), context, "create_group", new GroupIdArgs(groupId));
	}

	/** Deletes a group in {@code deleting} and its volumes in {@code deleting} (cast, 3.1). */
	public void deleteGroup(RequestContext context, String groupHost, String groupId) {
		cast(to(groupHost), context, "delete_group", new GroupIdArgs(groupId));
	}

	/** Adds and removes volumes of a group in {@code updating} (cast, 3.1). */
	public void updateGroup(RequestContext context, String groupHost, String groupId, java.util.List<String> addVolumes,
			java.util.List<String> removeVolumes) {
		cast(to(groupHost), context, "update_group", new UpdateGroupArgs(groupId, addVolumes, removeVolumes));
	}

	/** Creates the volumes of a group made from a group or a group snapshot (cast, 3.1). */
	public void createGroupFromSrc(RequestContext context, String groupHost, String groupId) {
		cast(to(groupHost), context, "create_group_from_src", new GroupIdArgs(groupId));
	}

	/** Snapshots every volume of a group (cast, 3.1). */
	public void createGroupSnapshot(RequestContext context, String groupHost, String groupSnapshotId) {
		cast(to(groupHost), context, "create_group_snapshot", new GroupSnapshotIdArgs(groupSnapshotId));
	}

	/** Deletes a group snapshot and its snapshots (cast, 3.1). */
	public void deleteGroupSnapshot(RequestContext context, String groupHost, String groupSnapshotId) {
		cast(to(groupHost), context, "delete_group_snapshot", new GroupSnapshotIdArgs(groupSnapshotId));
	}

	/**
	 * Starts a migration on the volume's backend {@code sourceHost}: it has the destination create the new volume
	 * from its data, then swaps the row over (cast).
	 */
	public void migrateVolume(RequestContext context, String sourceHost, MigrateVolumeArgs args) {
		cast(to(sourceHost), context, "migrate_volume", args);
	}

	/**
	 * Has the destination backend of a migration create volume {@code nameId} and write into it the data read from
	 * {@code devicePath} (null: none); returns the new volume's provider location (call, bounded by
	 * {@code timeout}).
	 */
	public String createMigrationVolume(RequestContext context, String destinationHost, String volumeId,
			String nameId, int size, String devicePath, Duration timeout) {
		return to(destinationHost).prepare(Prepare.none().timeout(timeout))
			.call(context, "create_migration_volume",
					new CreateMigrationVolumeArgs(volumeId, nameId, size, destinationHost, devicePath), String.class);
	}

	/** Puts a snapshot's data back into its volume, on the volume's backend (cast). */
	public void revertToSnapshot(RequestContext context, String volumeHost, String volumeId, String snapshotId) {
		cast(to(volumeHost), context, "revert_to_snapshot", new RevertArgs(volumeId, snapshotId));
	}

	/**
	 * Makes the backend export a volume to a connector and answers how to reach it (call).
	 * @throws io.basalt.rpc.RpcException the driver's failure, or a timeout
	 */
	public ConnectionInfo initializeConnection(RequestContext context, String volumeHost, String volumeId,
			Map<String, Object> connector) {
		return to(volumeHost).call(context, "initialize_connection",
				new ConnectionArgs(volumeId, connector), ConnectionInfo.class);
	}

	/** Removes a connector's export of a volume (call). */
	public void terminateConnection(RequestContext context, String volumeHost, String volumeId,
			Map<String, Object> connector, boolean force) {
		to(volumeHost).call(context, "terminate_connection",
				new TerminateConnectionArgs(volumeId, connector, force), Void.class);
	}

	/** Connects an attachment: the backend's answer for the attachment's connector (call). */
	public ConnectionInfo attachmentUpdate(RequestContext context, String volumeHost, String volumeId,
			Map<String, Object> connector, String attachmentId) {
		return to(volumeHost).call(context, "attachment_update",
				new AttachmentUpdateArgs(volumeId, connector, attachmentId), ConnectionInfo.class);
	}

	/** Disconnects an attachment (the connection of its connector, if it had one) on the backend (call). */
	public void attachmentDelete(RequestContext context, String volumeHost, String volumeId, String attachmentId,
			Map<String, Object> connector) {
		to(volumeHost).call(context, "attachment_delete",
				new AttachmentDeleteArgs(volumeId, attachmentId, connector), Void.class);
	}

	/** Asks every volume backend to report its capabilities now (fanout cast; a scheduler does it at start). */
	public void publishServiceCapabilities(RequestContext context) {
		this.client.prepare(Prepare.toFanout()).cast(context, "publish_service_capabilities", new NoArgs());
	}

	private void cast(RpcClient to, RequestContext context, String method, Object args) {
		this.casts.send(to.encodeCast(context, method, args));
	}

	/** Arguments of {@code create_volume}. */
	public record CreateVolumeArgs(String volumeId, String host, RequestSpec requestSpec,
			FilterProperties filterProperties) {
	}

	/**
	 * Arguments of {@code migrate_volume}.
	 * @param volumeId the volume
	 * @param destinationHost the chosen {@code host@backend#pool}
	 * @param newTypeId the type the volume gets when it arrives (a retype), or null
	 * @param forceHostCopy copy through the hosts even if the driver could move the volume itself
	 */
	public record MigrateVolumeArgs(String volumeId, String destinationHost, String newTypeId,
			boolean forceHostCopy) {
	}

	/** Arguments of {@code create_migration_volume}. */
	public record CreateMigrationVolumeArgs(String volumeId, String nameId, int size, String host,
			String devicePath) {
	}

	/** Arguments of {@code revert_to_snapshot}. */
	public record RevertArgs(String volumeId, String snapshotId) {
	}

	/** Arguments naming one volume. */
	public record VolumeIdArgs(String volumeId) {
	}

	/** Arguments of {@code extend_volume}. */
	public record ExtendVolumeArgs(String volumeId, int newSize) {
	}

	/** Arguments naming one snapshot. */
	public record SnapshotIdArgs(String snapshotId) {
	}

	/** Arguments naming one group. */
	public record GroupIdArgs(String groupId) {
	}

	/** Arguments of {@code update_group}. */
	public record UpdateGroupArgs(String groupId, java.util.List<String> addVolumes,
			java.util.List<String> removeVolumes) {
	}

	/** Arguments naming one group snapshot. */
	public record GroupSnapshotIdArgs(String groupSnapshotId) {
	}

	/** Arguments of {@code initialize_connection}. */
	public record ConnectionArgs(String volumeId, Map<String, Object> connector) {
	}

	/** Arguments of {@code terminate_connection}. */
	public record TerminateConnectionArgs(String volumeId, Map<String, Object> connector, boolean force) {
	}

	/** Arguments of {@code attachment_update}. */
	public record AttachmentUpdateArgs(String volumeId, Map<String, Object> connector, String attachmentId) {
	}

	/** Arguments of {@code attachment_delete}. */
	public record AttachmentDeleteArgs(String volumeId, String attachmentId, Map<String, Object> connector) {
	}

	/** No arguments. */
	public record NoArgs() {
	}

}
