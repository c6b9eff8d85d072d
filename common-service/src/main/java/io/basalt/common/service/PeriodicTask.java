package io.basalt.common.service;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Periodic work on Spring's {@link TaskScheduler}, from context start to stop: {@link #runOnce()} every
 * {@code interval} (fixed delay, so runs never overlap), first after {@code initialDelay}. A run that throws is
 * logged and the next one goes ahead as planned: periodic work retries by running again.
 */
public abstract class PeriodicTask implements SmartLifecycle {

	private final Logger log = LoggerFactory.getLogger(getClass());

	private final TaskScheduler scheduler;

	private final Duration interval;

	private final Duration initialDelay;

	private volatile ScheduledFuture<?> task;

	protected PeriodicTask(TaskScheduler scheduler, Duration interval, Duration initialDelay) {
		this.scheduler = scheduler;
		this.interval = interval;
		this.initialDelay = initialDelay;
	}

	/** One run of the work. */
	protected abstract void runOnce();

	/** Whether the task should be scheduled at all (e.g. a feature switch); true by default. */
	protected boolean enabled() {
		return true;
	}

	private void safeRun() {
		try {
			runOnce();
		}
		catch (RuntimeException ex) {
			this.log.warn("{} failed, retrying at the next run: {}", getClass().getSimpleName(), ex.toString());
		}
	}

	@Override
	public void start() {
		if (enabled()) {
			this.task = this.scheduler.scheduleWithFixedDelay(this::safeRun, Instant.now().plus(this.initialDelay),
					this.interval);
		}
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
