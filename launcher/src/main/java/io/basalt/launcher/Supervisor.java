package io.basalt.launcher;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the services of a stack that is up running, as systemd's {@code Restart=on-failure} would: {@link #poll()}
 * notices a service that exited, asks its {@link RestartPolicy} what to do, and starts it again once the delay has
 * passed. Every exit, restart and give-up is logged (service, exit code, attempt, delay) and counted
 * ({@link #summary()}). A service given up on stays down; the others keep running.
 * <p>
 * Nothing happens while {@code stopping} says so: a stop in progress is never raced by a restart, and a restart
 * that was waiting for its delay is dropped. Time comes from the injected {@link Clock} and nothing here sleeps or
 * starts a thread, so a test drives it step by step. Not thread-safe: one thread polls (the launcher's main thread,
 * every 250 ms, under the lock its stop takes).
 */
final class Supervisor {

	enum State {

		/** Started and not seen to exit. */
		RUNNING,

		/** Exited; to be started again at {@code restartAt}. */
		WAITING,

		/** Exited with code 0: left down. */
		DOWN,

		/** Failed too often: left down. */
		GAVE_UP

	}

	private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

	private final Clock clock;

	private final BooleanSupplier stopping;

	private final Consumer<ServiceProcess> restarted;

	private final List<Watch> watches = new ArrayList<>();

	/**
	 * @param services started and ready; watched from now on
	 * @param startedAt when they were started (by {@code clock})
	 * @param stopping whether a stop was requested or is under way
	 * @param restarted told after each restart (the launcher rewrites its pid file)
	 */
	Supervisor(List<ServiceProcess> services, Instant startedAt, RestartPolicy.Limits limits, Clock clock,
			BooleanSupplier stopping, Consumer<ServiceProcess> restarted) {
		this.clock = clock;
		this.stopping = stopping;
		this.restarted = restarted;
		for (ServiceProcess p : services) {
			this.watches.add(new Watch(p, new RestartPolicy(limits), startedAt));
		}
	}

	/** Looks at every service once: notes the ones that exited, starts the ones whose delay is over. */
	void poll() {
		for (Watch w : this.watches) {
			if (this.stopping.getAsBoolean()) {
				return;
			}
			switch (w.state) {
				case RUNNING -> {
					if (!w.process.isAlive()) {
						exited(w, w.process.exitCode(), "exited with code " + w.process.exitCode());
					}
				}
				case WAITING -> {
					if (!this.clock.instant().isBefore(w.restartAt)) {
						restart(w);
					}
				}
				case DOWN, GAVE_UP -> {
					// left down
				}
			}
		}
	}

	State state(ServiceProcess p) {
		return watch(p).state;
	}

	/** How many times {@code p} was started again. */
	int restarts(ServiceProcess p) {
		return watch(p).restarts;
	}

	boolean gaveUpOnAny() {
		return this.watches.stream().anyMatch(w -> w.state == State.GAVE_UP);
	}

	/** One line for the stop summary: the restarts per service, and which were left down. */
	String summary() {
		List<String> parts = new ArrayList<>();
		for (Watch w : this.watches) {
			String down = switch (w.state) {
				case GAVE_UP -> ", given up on";
				case DOWN -> ", exited cleanly";
				case RUNNING, WAITING -> "";
			};
			if (w.restarts > 0 || !down.isEmpty()) {
				parts.add(w.process.name + " " + w.restarts + down);
			}
		}
		return "service restarts: " + (parts.isEmpty() ? "none" : String.join("; ", parts));
	}

	private void exited(Watch w, int code, String how) {
		Instant now = this.clock.instant();
		String ran = seconds(Duration.between(w.startedAt, now));
		String logFile = Banner.relative(w.process.logFile);
		w.lastExitCode = code;
		switch (w.policy.onExit(code, w.startedAt, now)) {
			case RestartPolicy.Restart r -> {
				w.state = State.WAITING;
				w.restartAt = now.plus(r.delay());
				w.attempt = r.attempt();
				log.warn("{} {} after {}; restarting it in {} (attempt {}; see {})", w.process.name, how, ran,
						seconds(r.delay()), r.attempt(), logFile);
			}
			case RestartPolicy.Clean c -> {
				w.state = State.DOWN;
				log.warn("{} {} after {}: a clean exit, not restarted (see {})", w.process.name, how, ran, logFile);
			}
			case RestartPolicy.GiveUp g -> {
				w.state = State.GAVE_UP;
				log.error("{} {} after {}: {} failures within {}, giving up on it; it stays down, the other services "
						+ "keep running (see {})", w.process.name, how, ran, g.failures(), seconds(g.window()), logFile);
			}
		}
	}

	private void restart(Watch w) {
		if (this.stopping.getAsBoolean()) {
			return;
		}
		Instant now = this.clock.instant();
		w.startedAt = now;
		try {
			w.process.restart(String.format(Locale.ROOT, "%s: restarted by the launcher after exit code %d (attempt %d)",
					now, w.lastExitCode, w.attempt));
		}
		catch (IOException | RuntimeException ex) {
			exited(w, -1, "could not be started again (" + ex.getMessage() + ")");
			return;
		}
		w.state = State.RUNNING;
		w.restarts++;
		log.info("{} restarted (pid {}, attempt {}, restart {} since the stack came up)", w.process.name,
				w.process.pid(), w.attempt, w.restarts);
		this.restarted.accept(w.process);
	}

	private Watch watch(ServiceProcess p) {
		return this.watches.stream()
			.filter(w -> w.process == p)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(p.name + " is not supervised"));
	}

	private static String seconds(Duration d) {
		return (d.toMillis() % 1000 == 0) ? d.toSeconds() + " s"
				: String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
	}

	/** One service's supervision state. */
	private static final class Watch {

		final ServiceProcess process;

		final RestartPolicy policy;

		State state = State.RUNNING;

		Instant startedAt;

		Instant restartAt;

		int attempt;

		int lastExitCode;

		int restarts;

		Watch(ServiceProcess process, RestartPolicy policy, Instant startedAt) {
			this.process = process;
			this.policy = policy;
			this.startedAt = startedAt;
		}

	}

}
