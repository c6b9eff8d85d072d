package io.basalt.common.service;

import org.springframework.scheduling.TaskScheduler;

/**
 * Runs {@link ServiceRegistry#heartbeat()} every {@code basalt.service.report-interval} on Spring's task
 * scheduler, from context start to stop.
 */
public class ServiceHeartbeatScheduler extends PeriodicTask {

	private final ServiceRegistry registry;

	public ServiceHeartbeatScheduler(ServiceRegistry registry, TaskScheduler scheduler,
			BasaltServiceProperties properties) {
		super(scheduler, properties.reportInterval(), properties.reportInterval());
		this.registry = registry;
	}

	@Override
	protected void runOnce() {
		this.registry.heartbeat();
	}

}
