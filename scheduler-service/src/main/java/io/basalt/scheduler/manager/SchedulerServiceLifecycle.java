package io.basalt.scheduler.manager;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.service.ServiceRegistry;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.Rpc;
import io.basalt.rpc.RpcServer;
import io.basalt.rpc.Target;
import io.basalt.scheduler.host.ServiceStatusRefresher;
import io.basalt.scheduler.host.StartupGate;

/**
 * Starts and stops the scheduler service (Cinder's {@code init_host_with_rpc}): registers the
 * {@code basalt-scheduler} row, reads the volume services once and then periodically, starts the RPC server on
 * {@code (exchange, scheduler topic, this host)} with the {@link SchedulerManager} as its only endpoint, then
 * asks every volume backend to report its capabilities (fanout) and opens the start-up window.
 * <p>
 * Called by Spring's lifecycle processor, one thread at a time.
 */
public class SchedulerServiceLifecycle implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SchedulerServiceLifecycle.class);

	private final Settings settings;

	private final Rpc rpc;

	private final SchedulerManager manager;

	private final ServiceRegistry registry;

	private final ServiceStatusRefresher refresher;

	private final TaskScheduler taskScheduler;

	private final VolumeRpcApi volumeRpc;

	private final StartupGate gate;

	private volatile RpcServer server;

	private volatile ScheduledFuture<?> refreshTask;

	/**
	 * What the lifecycle needs to know.
	 * @param exchange the control exchange
	 * @param topic the scheduler topic
	 * @param host this node's name (the RPC server name and the {@code services.host})
	 * @param refreshInterval how often the volume services' rows are read
	 */
	public record Settings(String exchange, String topic, String host, Duration refreshInterval) {
	}

	public SchedulerServiceLifecycle(Settings settings, Rpc rpc, SchedulerManager manager, ServiceRegistry registry,
			ServiceStatusRefresher refresher, TaskScheduler taskScheduler, VolumeRpcApi volumeRpc,
			StartupGate gate) {
		this.settings = settings;
		this.rpc = rpc;
		this.manager = manager;
		this.registry = registry;
		this.refresher = refresher;
		this.taskScheduler = taskScheduler;
		this.volumeRpc = volumeRpc;
		this.gate = gate;
	}

	@Override
	public void start() {
		this.registry.register(SchedulerRpcApi.BINARY, this.settings.host(), this.settings.topic(),
				SchedulerRpcApi.VERSION.toString());
		this.refresher.refresh();
		this.refreshTask = this.refresher.schedule(this.taskScheduler, this.settings.refreshInterval());
		Target target = new Target(this.settings.exchange(), this.settings.topic(), this.settings.host(), false,
				SchedulerRpcApi.VERSION, null);
		RpcServer s = this.rpc.server(target, List.of(Endpoint.of(this.manager, SchedulerRpcApi.VERSION)));
		s.start();
		this.server = s;
		this.gate.begin();
		try {
			this.volumeRpc.publishServiceCapabilities(RequestContext.admin());
		}
		catch (RuntimeException ex) {
			log.warn("Could not ask the volume services for their capabilities; waiting for their periodic "
					+ "reports: {}", ex.toString());
		}
		log.info("Scheduler {} serving topic {} on exchange {}", this.settings.host(), this.settings.topic(),
				this.settings.exchange());
	}

	@Override
	public void stop() {
		RpcServer s = this.server;
		if (s != null) {
			s.stop();
		}
		ScheduledFuture<?> task = this.refreshTask;
		if (task != null) {
			task.cancel(false);
		}
		this.server = null;
		this.refreshTask = null;
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

}
