package io.basalt.api.policy;

import java.time.Duration;

import io.basalt.common.service.PeriodicTask;

import org.springframework.scheduling.TaskScheduler;

/**
 * Calls {@link PolicyEnforcer#reloadIfChanged()} every {@code basalt.api.policy.reload-interval}, from context
 * start to stop, when the enforcer has an override file. It runs on Spring's shared {@link TaskScheduler} (the
 * service enables scheduling through common-service) as a {@link PeriodicTask}, like the outbox relay: no thread
 * of its own, stopped with the context, runs never overlap, and a failed run is logged and retried at the next.
 */
final class PolicyReloader extends PeriodicTask {

	private final PolicyEnforcer enforcer;

	PolicyReloader(PolicyEnforcer enforcer, TaskScheduler scheduler, Duration interval) {
		super(scheduler, interval, interval);
		this.enforcer = enforcer;
	}

	@Override
	protected boolean enabled() {
		return this.enforcer.file() != null;
	}

	@Override
	protected void runOnce() {
		this.enforcer.reloadIfChanged();
	}

}
