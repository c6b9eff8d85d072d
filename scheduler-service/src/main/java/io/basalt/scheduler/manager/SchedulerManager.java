package io.basalt.scheduler.manager;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.Pool;
import io.basalt.common.scheduler.PoolFilters;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcMethod;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.PoolState;
import io.basalt.scheduler.host.StartupGate;
import io.basalt.scheduler.scheduling.PoolQuery;

/**
 * The scheduler's RPC endpoint, version {@link SchedulerRpcApi#VERSION} (the manager of the api / rpcapi /
 * manager triad; the client stub is {@link SchedulerRpcApi}). Thin: it converts messages and delegates to
 * {@link VolumePlacement}, {@link PoolQuery} and the {@link HostManager}.
 * <p>
 * Called concurrently by the RPC server's consumer threads; thread-safe because its collaborators are.
 */
public class SchedulerManager {

	private static final Logger log = LoggerFactory.getLogger(SchedulerManager.class);

	private final VolumePlacement placement;

	private final PoolQuery pools;

	private final HostManager hostManager;

	private final StartupGate gate;

	private final MigrationPlacement migrations;

	/** A manager without migrations (as in unit tests of the other methods). */
	public SchedulerManager(VolumePlacement placement, PoolQuery pools, HostManager hostManager, StartupGate gate) {
		this(placement, pools, hostManager, gate, null);
	}

	public SchedulerManager(VolumePlacement placement, PoolQuery pools, HostManager hostManager, StartupGate gate,
			MigrationPlacement migrations) {
		this.placement = placement;
		this.pools = pools;
		this.hostManager = hostManager;
		this.gate = gate;
		this.migrations = migrations;
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
		if (this.hostManager.updateCapabilities(host, capabilities, timestamp)) {
			this.gate.reportReceived();
		}
	}

	static Pool toPool(PoolState p) {
		return new Pool(p.name(), p.backend(), p.volumeBackendName(), p.storageProtocol(), p.vendorName(),
				p.driverVersion(), p.availabilityZone(), p.capabilities(), p.updatedAt());
	}

}
