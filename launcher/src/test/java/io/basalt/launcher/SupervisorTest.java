package io.basalt.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor on real child processes ({@code /bin/sh -c ...}, no Spring service) and a hand-moved clock: the
 * restarts happen when the policy says, never while stopping, and a service given up on leaves the others alone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SupervisorTest {

	@TempDir
	Path dir;

	private final MovableClock clock = new MovableClock();

	private final List<ServiceProcess> started = new ArrayList<>();

	private final List<ServiceProcess> restarted = new ArrayList<>();

	private boolean stopping;

	@AfterEach
	void killAll() {
		this.started.forEach(ServiceProcess::kill);
	}

	/** A service that exits is started again once its delay is over, in the same log, and the restart is counted. */
	@Test
	void restartsAServiceThatExitsAfterItsDelay() throws Exception {
		ServiceProcess p = start("volume-1", "echo run; sleep 0.1; exit 3");
		Supervisor supervisor = supervisor(RestartPolicy.Limits.DEFAULT, p);
		long firstPid = p.pid();
		awaitExit(p);

		supervisor.poll();
		assertThat(supervisor.state(p)).isEqualTo(Supervisor.State.WAITING);
		this.clock.advance(Duration.ofMillis(999));
		supervisor.poll();
		assertThat(supervisor.state(p)).isEqualTo(Supervisor.State.WAITING);
		assertThat(supervisor.restarts(p)).isZero();

		this.clock.advance(Duration.ofMillis(1));
		supervisor.poll();
		assertThat(supervisor.state(p)).isEqualTo(Supervisor.State.RUNNING);
		assertThat(supervisor.restarts(p)).isEqualTo(1);
		assertThat(p.pid()).isNotEqualTo(firstPid);
		assertThat(this.restarted).containsExactly(p);
		awaitExit(p);
		assertThat(Files.readString(p.logFile, StandardCharsets.UTF_8)).containsOnlyOnce("# /bin/sh -c")
			.contains("restarted by the launcher after exit code 3 (attempt 1)")
			.satisfies(log -> assertThat(log.split("\n")).filteredOn("run"::equals).hasSize(2));
		assertThat(supervisor.summary()).isEqualTo("service restarts: volume-1 1");
	}

	/** SIGKILL (exit code 137, the fault of the issue) is a failure like any other: restarted. */
	@Test
	void restartsAServiceKilledWithSigkill() throws Exception {
		ServiceProcess p = start("scheduler-1", "sleep 30");
		Supervisor supervisor = supervisor(RestartPolicy.Limits.DEFAULT, p);

		p.kill();
		awaitExit(p);
		assertThat(p.exitCode()).isEqualTo(137);
		supervisor.poll();
		this.clock.advance(Duration.ofSeconds(1));
		supervisor.poll();

		assertThat(supervisor.state(p)).isEqualTo(Supervisor.State.RUNNING);
		assertThat(p.isAlive()).isTrue();
	}

	/** The burst-th failure within the window leaves that service down and the other one running. */
	@Test
	void givesUpAfterTheBurstAndLeavesTheOthersRunning() throws Exception {
		ServiceProcess failing = start("volume-1", "exit 7");
		ServiceProcess other = start("api", "sleep 30");
		Supervisor supervisor = supervisor(new RestartPolicy.Limits(Duration.ofSeconds(1), Duration.ofSeconds(30),
				Duration.ofSeconds(60), 3, Duration.ofMinutes(2)), failing, other);

		for (int i = 0; i < 3; i++) {
			awaitExit(failing);
			supervisor.poll();
			this.clock.advance(Duration.ofSeconds(10));
			supervisor.poll();
		}

		assertThat(supervisor.state(failing)).isEqualTo(Supervisor.State.GAVE_UP);
		assertThat(supervisor.restarts(failing)).isEqualTo(2);
		assertThat(supervisor.gaveUpOnAny()).isTrue();
		assertThat(supervisor.state(other)).isEqualTo(Supervisor.State.RUNNING);
		assertThat(other.isAlive()).isTrue();
		assertThat(supervisor.summary()).isEqualTo("service restarts: volume-1 2, given up on");
	}

	/** Once a stop is under way nothing is restarted: neither a restart already waiting nor a new exit. */
	@Test
	void restartsNothingWhileStopping() throws Exception {
		ServiceProcess waiting = start("volume-1", "exit 1");
		ServiceProcess running = start("api", "sleep 30");
		Supervisor supervisor = supervisor(RestartPolicy.Limits.DEFAULT, waiting, running);
		awaitExit(waiting);
		supervisor.poll();
		assertThat(supervisor.state(waiting)).isEqualTo(Supervisor.State.WAITING);

		this.stopping = true;
		running.terminate();
		awaitExit(running);
		this.clock.advance(Duration.ofMinutes(5));
		supervisor.poll();

		assertThat(waiting.isAlive()).isFalse();
		assertThat(running.isAlive()).isFalse();
		assertThat(supervisor.restarts(waiting)).isZero();
		assertThat(supervisor.restarts(running)).isZero();
		assertThat(this.restarted).isEmpty();
		assertThat(supervisor.summary()).isEqualTo("service restarts: none");
	}

	/** Exit code 0 is left alone, as {@code Restart=on-failure} does. */
	@Test
	void leavesACleanExitDown() throws Exception {
		ServiceProcess p = start("scheduler-2", "exit 0");
		Supervisor supervisor = supervisor(RestartPolicy.Limits.DEFAULT, p);
		awaitExit(p);

		supervisor.poll();
		this.clock.advance(Duration.ofMinutes(5));
		supervisor.poll();

		assertThat(supervisor.state(p)).isEqualTo(Supervisor.State.DOWN);
		assertThat(supervisor.gaveUpOnAny()).isFalse();
		assertThat(supervisor.summary()).isEqualTo("service restarts: scheduler-2 0, exited cleanly");
	}

	private Supervisor supervisor(RestartPolicy.Limits limits, ServiceProcess... services) {
		return new Supervisor(List.of(services), this.clock.instant(), limits, this.clock, () -> this.stopping,
				this.restarted::add);
	}

	private ServiceProcess start(String name, String script) throws IOException {
		ServiceProcess p = new ServiceProcess(name, 0, 0, List.of("/bin/sh", "-c", script),
				this.dir.resolve(name + ".log"));
		p.start();
		this.started.add(p);
		return p;
	}

	private static void awaitExit(ServiceProcess p) throws InterruptedException {
		assertThat(p.process().waitFor(20, TimeUnit.SECONDS)).as(p.name + " exits").isTrue();
	}

	/** A clock that moves only when told. */
	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-12-02T07:00:00Z");

		void advance(Duration d) {
			this.now = this.now.plus(d);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
