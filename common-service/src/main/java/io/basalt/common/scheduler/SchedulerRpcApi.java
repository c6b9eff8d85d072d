package io.basalt.common.scheduler;

import java.time.Instant;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.rpc.CastSender;
import io.basalt.rpc.Prepare;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.Rpc;
import io.basalt.rpc.RpcClient;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.Target;

/**
 * Client stub of the scheduler service: typed methods that build and send its RPC messages. Thread-safe.
 * <p>
 * Version history:
 * <ul>
 * <li>3.0 — create_volume, extend_volume, get_pools, update_service_capabilities (Basalt's first API, numbered
 * after Cinder's scheduler 3.x so that the major matches).</li>
 * <li>3.1 — create_group (generic volume groups); migrate_volume (a migration's destination checked or chosen
 * by the filters: os-migrate_volume and os-retype with migration).</li>
 * </ul>
 */
public class SchedulerRpcApi {

	/** The version the scheduler's manager implements. */
	public static final RpcVersion VERSION = new RpcVersion(3, 1);

	/** The service binary name registered in {@code services}. */
	public static final String BINARY = "basalt-scheduler";

	private final RpcClient client;

	private final CastSender casts;

	/** A stub that sends its casts at once. */
	public SchedulerRpcApi(Rpc rpc, BasaltRpcProperties properties) {
		this(rpc, properties, CastSender.direct(rpc));
	}

	/** A stub that hands its casts to {@code casts} (the api's outbox). */
	public SchedulerRpcApi(Rpc rpc, BasaltRpcProperties properties, CastSender casts) {
		this.casts = casts;
		Target target = Target.of(properties.controlExchange(), properties.schedulerTopic()).withVersion(VERSION);
		this.client = rpc.client(target, VERSION, properties.callTimeout());
	}

	/** Asks a scheduler to place and create a volume (cast). */
	public void createVolume(RequestContext context, RequestSpec requestSpec, FilterProperties filterProperties) {
		cast(this.client, context, "create_volume",
				new CreateVolumeArgs(requestSpec.volumeId(), requestSpec, filterProperties));
	}

	/**
	 * Asks a scheduler to place a group on a backend that satisfies every volume type of the group and the group
	 * type's specs, then to cast {@code create_group} to it (cast, 3.1).
	 */
	public void createGroup(RequestContext context, RequestSpec groupRequest, FilterProperties filterProperties) {
		cast(this.client, context, "create_group",
				new CreateGroupArgs(groupRequest.group().groupId(), groupRequest, filterProperties));
	}

	/** Asks a scheduler to check room for a bigger volume on its backend, then extend it (cast). */
	public void extendVolume(RequestContext context, String volumeId, int newSize, String backend,
			RequestSpec requestSpec) {
		cast(this.client, context, "extend_volume", new ExtendVolumeArgs(volumeId, newSize, backend, requestSpec));
	}

	/**
	 * Asks a scheduler to check or choose a destination backend for a volume migration with its filters, then to
	 * start the migration on the volume's backend (cast; Cinder's {@code migrate_volume} / {@code retype}). Since
	 * 3.1.
	 */
	public void migrateVolume(RequestContext context, MigrateVolumeArgs args) {
		cast(this.client, context, "migrate_volume", args);
	}

	/** The pools a scheduler knows, with their capabilities (call). */
	public Pool[] getPools(RequestContext context, PoolFilters filters) {
		return this.client.call(context, "get_pools", new GetPoolsArgs(filters), Pool[].class);
	}

	/** A volume backend reports its capabilities to every scheduler (fanout cast). */
	public void updateServiceCapabilities(RequestContext context, String backend, BackendCapabilities capabilities,
			Instant timestamp) {
		this.client.prepare(Prepare.toFanout())
			.cast(context, "update_service_capabilities",
					new UpdateCapabilitiesArgs("volume", backend, capabilities, timestamp));
	}

	private void cast(RpcClient to, RequestContext context, String method, Object args) {
		this.casts.send(to.encodeCast(context, method, args));
	}

	/** Arguments of {@code create_volume}. */
	public record CreateVolumeArgs(String volumeId, RequestSpec requestSpec, FilterProperties filterProperties) {
	}

	/** Arguments of {@code create_group}. */
	public record CreateGroupArgs(String groupId, RequestSpec requestSpec, FilterProperties filterProperties) {
	}

	/** Arguments of {@code extend_volume}. */
	public record ExtendVolumeArgs(String volumeId, int newSize, String backend, RequestSpec requestSpec) {
	}

	/**
	 * Arguments of {@code migrate_volume}.
	 * @param volumeId the volume
	 * @param sourceHost its {@code host@backend#pool} now
	 * @param destinationHost the backend asked for ({@code os-migrate_volume}'s {@code host}), or null for the
	 * best backend for {@code requestSpec} other than the source's (a retype)
	 * @param forceHostCopy copy through the hosts even if the driver could move the volume itself
	 * @param newTypeId the type the volume gets when it arrives (a retype), or null
	 * @param requestSpec size, type (the new one for a retype), zone
	 */
	public record MigrateVolumeArgs(String volumeId, String sourceHost, String destinationHost,
			boolean forceHostCopy, String newTypeId, RequestSpec requestSpec) {
	}

	/** Arguments of {@code get_pools}. */
	public record GetPoolsArgs(PoolFilters filters) {
	}

	/** Arguments of {@code update_service_capabilities}. */
	public record UpdateCapabilitiesArgs(String serviceName, String host, BackendCapabilities capabilities,
			Instant timestamp) {
	}

}
