package io.basalt.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What to do when a supervised service exits, after systemd's {@code Restart=on-failure} with a growing
 * {@code RestartSec} and a start limit ({@code StartLimitBurst}/{@code StartLimitIntervalSec}):
 * <ul>
 * <li>exit code 0 is a clean exit: not restarted ({@link Clean});</li>
 * <li>any other exit (a signal included: 137 after SIGKILL, 143 after SIGTERM) is a failure, restarted after a
 * delay that doubles with each consecutive failure, from {@link Limits#firstDelay()} up to
 * {@link Limits#maxDelay()} ({@link Restart}); a run of at least {@link Limits#stableAfter()} resets the doubling,
 * so a service that ran for an hour and then crashed is back after the first delay;</li>
 * <li>the {@link Limits#burst()}-th failure within {@link Limits#window()} gives up on the service
 * ({@link GiveUp}): it stays down, the rest of the stack does not.</li>
 * </ul>
 * The caller supplies the instants (from its clock), so the decisions are plain functions of the exit history. One
 * policy per service; not thread-safe.
 */
final class RestartPolicy {

	/** The bounds of the policy; {@link #DEFAULT} is what {@code bin/stack up} uses. */
	record Limits(Duration firstDelay, Duration maxDelay, Duration stableAfter, int burst, Duration window) {

		static final Limits DEFAULT = new Limits(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60),
				5, Duration.ofMinutes(2));

		Limits {
			if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || stableAfter.isNegative() || burst < 1
					|| window.isNegative()) {
				throw new IllegalArgumentException("invalid restart limits: " + firstDelay + ", " + maxDelay + ", "
						+ stableAfter + ", " + burst + ", " + window);
			}
		}

	}

	/** The outcome of one exit. */
	sealed interface Decision permits Restart, Clean, GiveUp {

	}

	/**
	 * Start the service again after {@code delay}; {@code attempt} counts the failures since the last stable run
	 * (1 for the first).
	 */
	record Restart(int attempt, Duration delay) implements Decision {

	}

	/** Exit code 0: the service stopped by itself, as {@code Restart=on-failure} leaves it. */
	record Clean() implements Decision {

	}

	/** {@code failures} failures within {@code window}: leave the service down. */
	record GiveUp(int failures, Duration window) implements Decision {

	}

	private final Limits limits;

	/** The failures within the window, oldest first. */
	private final Deque<Instant> recentFailures = new ArrayDeque<>();

	/** Failures since the last stable run: the exponent of the delay. */
	private int consecutive;

	RestartPolicy(Limits limits) {
		this.limits = limits;
	}

	/** The service started at {@code startedAt} and exited with {@code exitCode} at {@code exitedAt}. */
	Decision onExit(int exitCode, Instant startedAt, Instant exitedAt) {
		if (exitCode == 0) {
			return new Clean();
		}
		if (Duration.between(startedAt, exitedAt).compareTo(this.limits.stableAfter()) >= 0) {
			this.consecutive = 0;
		}
		this.consecutive++;
		this.recentFailures.addLast(exitedAt);
		Instant windowStart = exitedAt.minus(this.limits.window());
		while (this.recentFailures.getFirst().isBefore(windowStart)) {
			this.recentFailures.removeFirst();
		}
		if (this.recentFailures.size() >= this.limits.burst()) {
			return new GiveUp(this.recentFailures.size(), this.limits.window());
		}
		return new Restart(this.consecutive, delay(this.consecutive));
	}

	/** {@code firstDelay * 2^(attempt-1)}, at most {@code maxDelay}. */
	private Duration delay(int attempt) {
		Duration d = this.limits.firstDelay();
		for (int i = 1; i < attempt && d.compareTo(this.limits.maxDelay()) < 0; i++) {
			d = d.multipliedBy(2);
		}
		return (d.compareTo(this.limits.maxDelay()) > 0) ? this.limits.maxDelay() : d;
	}

}
