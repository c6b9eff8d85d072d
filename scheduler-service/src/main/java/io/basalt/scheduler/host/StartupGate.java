package io.basalt.scheduler.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds scheduling requests back while a freshly started scheduler waits for the first capability reports
 * (Cinder's {@code scheduler_driver_init_wait_time}): open after the first report, or once {@code maxWait} has
 * passed since {@link #begin()}, whichever comes first.
 * <p>
 * Thread-safe. {@link #awaitOpen()} blocks the calling thread at most until the deadline.
 */
public class StartupGate {

	private final Clock clock;

	private final Duration maxWait;

	private final CountDownLatch firstReport = new CountDownLatch(1);

	private volatile Instant deadline;

	public StartupGate(Clock clock, Duration maxWait) {
		this.clock = clock;
		this.maxWait = maxWait;
	}

	/** Starts the waiting window (when the scheduler asks the backends to report). */
	public void begin() {
		this.deadline = this.clock.instant().plus(this.maxWait);
	}

	/** A capability report arrived. */
	public void reportReceived() {
		this.firstReport.countDown();
	}

	/** Whether a report arrived or the window is over. */
	public boolean isOpen() {
		Instant end = this.deadline;
		return this.firstReport.getCount() == 0 || (end != null && !this.clock.instant().isBefore(end));
	}

	/**
	 * Waits until the gate is open or the window is over.
	 * @return whether a report arrived
	 */
	public boolean awaitOpen() throws InterruptedException {
		Instant end = this.deadline;
		if (end == null) {
			end = this.clock.instant().plus(this.maxWait);
		}
		long remaining = Duration.between(this.clock.instant(), end).toMillis();
		if (remaining > 0) {
			return this.firstReport.await(remaining, TimeUnit.MILLISECONDS);
		}
		return this.firstReport.getCount() == 0;
	}

}
