package io.basalt.volume.backend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import io.basalt.common.service.ServiceRegistry.ServiceRegistration;
import io.basalt.common.volume.MigrationStore;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.RpcServer;
import io.basalt.rpc.Target;
import io.basalt.volume.driver.VolumeDriver;
import io.basalt.volume.manager.BackendContext;
import io.basalt.volume.manager.CapacityGuard;
import io.basalt.volume.manager.GroupHandler;
import io.basalt.volume.manager.GroupStore;
import io.basalt.volume.manager.OperationMetrics;
import io.basalt.volume.manager.SnapshotStore;
import io.basalt.volume.manager.VolumeCreator;
import io.basalt.volume.manager.VolumeManager;
import io.basalt.volume.manager.VolumeMigrator;
import io.basalt.volume.manager.VolumeStore;
import io.basalt.volume.report.AllocationQuery;
import io.basalt.volume.report.CapabilityReporter;
import io.basalt.volume.report.PoolCapacityGauges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the configured backends (Cinder's {@code enabled_backends}). On start, for each backend: set up and check
 * the driver (a backend whose driver fails is logged and left out, the others still start), then build its
 * manager, start its RPC server on {@code (control exchange, volume topic, server = host@backend)} — which also
 * listens on the topic's fanout —, register its {@code services} row (heartbeated from then on), start its
 * capability reporter and schedule the driver's {@link VolumeDriver#reconcile() reconciliation}. Stop undoes it in
 * reverse order.
 * <p>
 * Threading: {@link #start()} and {@link #stop()} are called by the Spring context, one at a time; the running
 * backends are read concurrently through {@link #running()}.
 */
public class VolumeBackends implements SmartLifecycle {

	/**
	 * How long a migration's source waits for the destination to create the new volume and copy the data (one RPC
	 * call): generous, since the copy reads the whole volume (about 20 s for a 10 GiB volume at the measured
	 * sparse-copy rate; see docs/benchmarks.md).
	 */
	static final Duration MIGRATION_COPY_TIMEOUT = Duration.ofMinutes(30);

	private static final Logger log = LoggerFactory.getLogger(VolumeBackends.class);

	private final List<BackendDefinition> definitions;

	private final BackendCollaborators with;

	private final Map<String, RunningBackend> running = new ConcurrentHashMap<>();

	private volatile boolean started;

	public VolumeBackends(List<BackendDefinition> definitions, BackendCollaborators collaborators) {
		this.definitions = List.copyOf(definitions);
		this.with = collaborators;
	}

	/** The backends running now, by {@code host@backend}. */
	public Map<String, RunningBackend> running() {
		return Map.copyOf(this.running);
	}

	@Override
	public void start() {
		for (BackendDefinition definition : this.definitions) {
			try {
				this.running.put(definition.backend(), startBackend(definition));
			}
			catch (RuntimeException ex) {
				log.error("Backend {} ({} driver) did not start and is not served: {}", definition.backend(),
						definition.driver().type(), ex.toString(), ex);
				closeQuietly(definition.driver());
			}
		}
		this.started = true;
		log.info("Serving {} of {} volume backends: {}", this.running.size(), this.definitions.size(),
				this.running.keySet());
	}

	private RunningBackend startBackend(BackendDefinition definition) {
		String backend = definition.backend();
		definition.driver().setUp();
		definition.driver().checkForSetupError();

		CapabilityReporter reporter = new CapabilityReporter(backend, definition.driver(),
				new AllocationQuery(this.with.jdbc()), this.with.scheduler(), this.with.taskScheduler(),
				this.with.clock(), this.with.random(), this.with.reporterSettings(),
				new PoolCapacityGauges(this.with.meters(), backend));
		BackendContext context = new BackendContext(backend, definition.driver(), new VolumeStore(this.with.jdbc(), this.with.messageTtl()),
				new SnapshotStore(this.with.jdbc()), reporter, this.with.clock());
		CapacityGuard guard = new CapacityGuard();
		VolumeManager manager = new VolumeManager(context,
				new VolumeCreator(context, this.with.scheduler(), guard, this.with.schedulerMaxAttempts(),
						this.with.meters()),
				guard,
				new OperationMetrics(this.with.meters(), backend),
				new GroupHandler(context, new GroupStore(this.with.jdbc())),
				new VolumeMigrator(context, new MigrationStore(this.with.jdbc(), this.with.messageTtl()),
						new VolumeRpcApi(this.with.rpc(), this.with.rpcProperties()), guard, MIGRATION_COPY_TIMEOUT));

		String topic = this.with.rpcProperties().volumeTopic();
		Target target = Target.of(this.with.rpcProperties().controlExchange(), topic)
			.withServer(backend)
			.withVersion(VolumeRpcApi.VERSION);
		RpcServer server = this.with.rpc().server(target, List.of(Endpoint.of(manager, VolumeRpcApi.VERSION)));
		server.start();
		try {
			ServiceRegistration registration = this.with.registry()
				.register(VolumeRpcApi.BINARY, backend, topic, VolumeRpcApi.VERSION.toString(),
						definition.availabilityZone());
			reporter.start();
			ScheduledFuture<?> reconciliation = scheduleReconciliation(backend, definition.driver());
			log.info("Backend {} ({} driver) serves {}.{}", backend, definition.driver().type(), topic, backend);
			return new RunningBackend(definition, manager, server, registration, reporter, reconciliation);
		}
		catch (RuntimeException ex) {
			server.stop();
			throw ex;
		}
	}

	/** Runs the driver's reconciliation every period on the task scheduler (off the RPC threads), or not at all. */
	private ScheduledFuture<?> scheduleReconciliation(String backend, VolumeDriver driver) {
		Duration interval = driver.reconcileInterval();
		if (interval.isZero() || interval.isNegative()) {
			return null;
		}
		return this.with.taskScheduler().scheduleWithFixedDelay(() -> {
			try {
				driver.reconcile();
			}
			catch (RuntimeException ex) {
				log.warn("Reconciling the driver of {} failed (tried again in {}): {}", backend, interval,
						ex.toString());
			}
		}, this.with.clock().instant().plus(interval), interval);
	}

	@Override
	public void stop() {
		List<RunningBackend> backends = new ArrayList<>(this.running.values());
		this.running.clear();
		for (RunningBackend backend : backends) {
			if (backend.reconciliation() != null) {
				backend.reconciliation().cancel(false);
			}
			backend.reporter().close();
			try {
				backend.server().stop();
			}
			catch (RuntimeException ex) {
				log.warn("Stopping the RPC server of {} failed: {}", backend.definition().backend(), ex.toString());
			}
			this.with.registry().unregister(backend.registration());
			closeQuietly(backend.definition().driver());
		}
		this.started = false;
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	private static void closeQuietly(AutoCloseable driver) {
		try {
			driver.close();
		}
		catch (Exception ex) {
			log.debug("Closing a driver failed", ex);
		}
	}

	/**
	 * A started backend.
	 *
	 * @param definition what was configured
	 * @param manager its RPC endpoint
	 * @param server its RPC server
	 * @param registration its {@code services} row
	 * @param reporter its capability reporter
	 * @param reconciliation the driver's periodic reconciliation, or null if it has none
	 */
	public record RunningBackend(BackendDefinition definition, VolumeManager manager, RpcServer server,
			ServiceRegistration registration, CapabilityReporter reporter, ScheduledFuture<?> reconciliation) {
	}

}
