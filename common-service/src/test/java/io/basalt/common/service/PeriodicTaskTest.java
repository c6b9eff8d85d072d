package io.basalt.common.service;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link PeriodicTask} keeps running after a failed run, and stops with the context. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PeriodicTaskTest {

	@Test
	void aFailingRunDoesNotStopTheNextOnes() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		AtomicInteger runs = new AtomicInteger();
		PeriodicTask task = new PeriodicTask(scheduler, Duration.ofMillis(10), Duration.ZERO) {
			@Override
			protected void runOnce() {
				if (runs.incrementAndGet() == 1) {
					throw new IllegalStateException("first run fails");
				}
			}
		};
		try {
			task.start();
			await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
			task.stop();
			assertThat(task.isRunning()).isFalse();
		}
		finally {
			scheduler.shutdown();
		}
	}

	@Test
	void aDisabledTaskIsNeverScheduled() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		PeriodicTask task = new PeriodicTask(scheduler, Duration.ofMillis(10), Duration.ZERO) {
			@Override
			protected void runOnce() {
				throw new AssertionError("must not run");
			}

			@Override
			protected boolean enabled() {
				return false;
			}
		};
		task.start();
		assertThat(task.isRunning()).isFalse();
		scheduler.shutdown();
	}

}
