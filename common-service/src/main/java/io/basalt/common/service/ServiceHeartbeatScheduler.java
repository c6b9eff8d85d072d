package io.basalt.common.service;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

import java.util.concurrent.ScheduledFuture;

/**
 * Runs {@link ServiceRegistry#heartbeat()} every {@code basalt.service.report-interval} on Spring's task
 * scheduler, from context start to stop.
 */
public class ServiceHeartbeatScheduler implements SmartLifecycle {

	private final ServiceRegistry registry;

	private final TaskScheduler scheduler;

	private final Duration interval;

	private volatile ScheduledFuture<?> task;

	public ServiceHeartbeatScheduler(ServiceRegistry registry, TaskScheduler scheduler,
			BasaltServiceProperties properties) {
		this.registry = registry;
		this.scheduler = scheduler;
		this.interval = properties.reportInterval();
	}

	@Override
	public void start() {
		this.task = this.scheduler.scheduleAtFixedRate(this.registry::heartbeat, this.interval);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> t = this.task;
		if (t != null) {
			t.cancel(false);
		}
		this.task = null;
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

}
