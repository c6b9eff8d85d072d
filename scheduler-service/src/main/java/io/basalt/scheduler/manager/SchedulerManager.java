package io.basalt.scheduler.manager;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.message.MessageField;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.Pool;
import io.basalt.common.scheduler.PoolFilters;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.rpc.DeadLetterAware;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcMethod;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.PoolState;
import io.basalt.scheduler.host.ServiceStatusRefresher;
import io.basalt.scheduler.host.StartupGate;
import io.basalt.scheduler.scheduling.PoolQuery;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scheduler's RPC endpoint, version {@link SchedulerRpcApi#VERSION} (the manager of the api / rpcapi /
 * manager triad; the client stub is {@link SchedulerRpcApi}). Thin: it converts messages and delegates to
 * {@link VolumePlacement}, {@link PoolQuery} and the {@link HostManager}.
 * <p>
 * Called concurrently by the RPC server's consumer threads; thread-safe because its collaborators are.
 */
public class SchedulerManager implements DeadLetterAware {

	private static final Logger log = LoggerFactory.getLogger(SchedulerManager.class);

	private final VolumePlacement placement;

	private final PoolQuery pools;

	private final HostManager hostManager;

	private final StartupGate gate;

	private final VolumeStateStore volumes;

	private final GroupPlacement groups;

	private final ServiceStatusRefresher refresher;

	private final MigrationPlacement migrations;

	/**
	 * A manager that ignores reports of backends it does not know yet without reading the services again, and
	 * places neither groups nor migrations (as in unit tests of the other methods).
	 */
	public SchedulerManager(VolumePlacement placement, PoolQuery pools, HostManager hostManager, StartupGate gate,
			VolumeStateStore volumes) {
		this(placement, pools, hostManager, gate, volumes, null, null, null);
	}

	/**
	 * @param refresher reads the services rows again (rate-limited) when a report names a backend not known yet,
	 * or null not to
	 * @param groups places generic volume groups, or null when this manager places none
	 * @param migrations checks or chooses migration destinations, or null when this manager migrates nothing
	 */
	public SchedulerManager(VolumePlacement placement, PoolQuery pools, HostManager hostManager, StartupGate gate,
			VolumeStateStore volumes, ServiceStatusRefresher refresher, GroupPlacement groups,
			MigrationPlacement migrations) {
		this.volumes = volumes;
		this.refresher = refresher;
		this.groups = groups;
		this.migrations = migrations;
		this.placement = placement;
		this.pools = pools;
		this.hostManager = hostManager;
		this.gate = gate;
	}

	/** Places a new volume and casts its creation to the chosen backend. */
	@RpcMethod
	public void createVolume(RequestContext context, String volumeId, RequestSpec requestSpec,
			FilterProperties filterProperties) {
		RequestSpec request = requestSpec;
		if (request.volumeId() == null) {
			request = new RequestSpec(volumeId, request.projectId(), request.size(), request.volumeType(),
					request.availabilityZone(), request.snapshotId(), request.sourceVolid(), request.hints());
		}
		this.placement.create(context, request, filterProperties);
	}

	/** Places a new generic volume group (3.1) and casts its creation to the chosen backend. */
	@RpcMethod
	public void createGroup(RequestContext context, String groupId, RequestSpec requestSpec,
			FilterProperties filterProperties) {
		if (this.groups == null || requestSpec.group() == null) {
			log.warn("create_group {} ignored: no group placement or no group in the request", groupId);
			return;
		}
		awaitGate();
		this.groups.create(context, requestSpec, filterProperties);
	}

	private void awaitGate() {
		if (this.gate.isOpen()) {
			return;
		}
		try {
			this.gate.awaitOpen();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Checks that the volume's pool has room for the new size, then casts the extend to its backend. */
	@RpcMethod
	public void extendVolume(RequestContext context, String volumeId, int newSize, String backend,
			RequestSpec requestSpec) {
		this.placement.extend(context, volumeId, newSize, backend, requestSpec);
	}

	/** Checks or chooses a migration's destination, then starts it on the volume's backend (see {@link MigrationPlacement}). */
	@RpcMethod
	public void migrateVolume(RequestContext context, String volumeId, String sourceHost, String destinationHost,
			boolean forceHostCopy, String newTypeId, RequestSpec requestSpec) {
		if (this.migrations == null) {
			throw new IllegalStateException("this scheduler does not migrate volumes");
		}
		this.migrations.migrate(context, new SchedulerRpcApi.MigrateVolumeArgs(volumeId, sourceHost, destinationHost,
				forceHostCopy, newTypeId, requestSpec));
	}

	/** The usable pools, optionally filtered by name or volume type. */
	@RpcMethod
	public Pool[] getPools(PoolFilters filters) {
		return this.pools.pools(filters).stream().map(SchedulerManager::toPool).toArray(Pool[]::new);
	}

	/** A volume backend's capability report (fanout); other services' reports are ignored. */
	@RpcMethod
	public void updateServiceCapabilities(String serviceName, String host, BackendCapabilities capabilities,
			Instant timestamp) {
		if (!"volume".equals(serviceName)) {
			log.debug("Ignored capabilities of service {} on {}", serviceName, host);
			return;
		}
		if (this.refresher != null && host != null && this.hostManager.serviceStatus(host).isEmpty()) {
			// a volume service that registered since the last periodic read, or one that does not exist
			this.refresher.refreshForUnknownBackend();
		}
		if (this.hostManager.updateCapabilities(host, capabilities, timestamp)) {
			this.gate.reportReceived();
		}
	}

	/**
	 * A cast to the scheduler was dead-lettered (it kept failing): a create that was never placed puts its volume
	 * into {@code error} with the reason and the user message of a failed schedule; an extend puts its volume back
	 * to {@code available} with the extra quota given back, as a refused extend. A volume that moved on meanwhile is
	 * left alone (the statements are guarded by status).
	 */
	@Override
	public void deadLettered(RequestContext context, String method, ObjectNode args, String reason) {
		String volumeId = args.path("volume_id").asString(null);
		if (volumeId == null) {
			return;
		}
		switch (method) {
			case "create_volume" -> {
				if (this.volumes.placedHostIfCreating(volumeId) == null) {
					this.volumes.markError(volumeId, reason, context.requestId(), MessageField.Detail.UNKNOWN_ERROR);
				}
			}
			case "extend_volume" -> this.volumes.rejectExtend(volumeId, reason,
					args.path("new_size").asInt() - args.path("request_spec").path("size").asInt(),
					context.requestId());
			default -> {
			}
		}
	}

	static Pool toPool(PoolState p) {
		return new Pool(p.name(), p.backend(), p.volumeBackendName(), p.storageProtocol(), p.vendorName(),
				p.driverVersion(), p.availabilityZone(), p.capabilities(), p.updatedAt());
	}

}
