package io.basalt.system;

import static io.basalt.system.SystemTestSupport.newUnlimitedProject;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The fault suite: real processes (api, two schedulers, a volume service) on the machine's PostgreSQL and
 * RabbitMQ, a load of {@value #CREATES} accepted creates and their deletes from {@value #CLIENTS} clients over the REST API,
 * and one fault injected while the load runs:
 * <ul>
 * <li>RabbitMQ's {@code stop_app} / {@code start_app}, twice;</li>
 * <li>PostgreSQL restarted ({@code pg_ctlcluster … restart});</li>
 * <li>the volume service {@code SIGKILL}ed and started again;</li>
 * <li>the api {@code SIGKILL}ed and started again (what it had accepted must still finish);</li>
 * <li>one of the two schedulers {@code SIGKILL}ed for good (last, as the stack then has one scheduler).</li>
 * </ul>
 * After each, within {@link #SETTLE} every volume of the load's project (not only those whose 202 the client saw:
 * an answer lost with a dying api still counts) must be {@code available}, deleted, or in an error status with a
 * reason; none may be left in a transitional status; the project's quota usage must equal a recount of its
 * volumes, with nothing left reserved, and the operator's {@code bin/basalt-manage quota check} agrees (exit 0).
 * The schedulers' stuck-volume sweeper runs every 5 s with a stuck-after of 30 s
 * (defaults 30 s and 120 s), so that work lost with a dying process is re-sent within the settle time. Each test
 * prints its figures as an observation
 * ({@code target/stack-logs/observations.txt}).
 * <p>
 * The broker and database faults act on the machine's services, so the suite needs them on 127.0.0.1 and the right
 * to restart them (root, as in CI); it fails, saying so, when the stack's services are elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class FaultSuiteIT {

	static final int CREATES = 1_000;

	static final int CLIENTS = 8;

	static final Duration SETTLE = Duration.ofSeconds(180);

	BasaltStack stack;

	@BeforeAll
	void startStack() {
		this.stack = BasaltStack.builder(getClass().getSimpleName())
			.schedulers(2)
			.volume("vol1", Backend.fake("churn", 1_000_000).with("fake.latency", "20ms"))
			.capabilityInterval(Duration.ofSeconds(5))
			// work lost with a dying process is re-sent by the sweeper after stuck-after: 30 s (default 120 s) keeps
			// the suite short; it is still far above the slowest operation here (20 ms)
			.schedulerProperty("basalt.scheduler.sweeper.stuck-after", "30s")
			.schedulerProperty("basalt.scheduler.sweeper.interval", "5s")
			.start();
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	@Order(1)
	void rabbitMqStopAppAndStartAppTwice() throws InterruptedException {
		MachineServices.requireLocal(this.stack);
		runWithFaults("rabbitmq stop_app/start_app x2", Map.of(200, MachineServices::rabbitMqStopStart, 600,
				MachineServices::rabbitMqStopStart));
	}

	@Test
	@Order(2)
	void postgresRestarted() throws InterruptedException {
		MachineServices.requireLocal(this.stack);
		runWithFaults("postgresql restart", Map.of(300, MachineServices::postgresRestart));
	}

	@Test
	@Order(3)
	void volumeServiceKilledAndRestarted() throws InterruptedException {
		runWithFaults("volume service SIGKILL + restart", Map.of(300, () -> {
			this.stack.kill("vol1");
			BasaltStack.sleep(2_000);
			this.stack.start("vol1");
		}));
	}

	@Test
	@Order(4)
	void apiKilledAndRestarted() throws InterruptedException {
		runWithFaults("api SIGKILL + restart", Map.of(300, () -> {
			this.stack.kill(BasaltStack.API_NAME);
			BasaltStack.sleep(1_000);
			this.stack.start(BasaltStack.API_NAME);
		}));
	}

	@Test
	@Order(5)
	void oneOfTwoSchedulersKilledForGood() throws InterruptedException {
		runWithFaults("scheduler sched2 SIGKILL for good", Map.of(300, () -> this.stack.kill("sched2")));
	}

	// ------------------------------------------------------------------------------------------ the run

	/** Runs the load in a fresh project, injecting each fault (on a thread of its own) after N creates were sent. */
	private void runWithFaults(String fault, Map<Integer, Runnable> faults) throws InterruptedException {
		this.stack.awaitReady(); // the previous fault is over: every service up, every pool known
		CinderApi api = this.stack.api();
		String project = newUnlimitedProject(api);
		AtomicReference<Throwable> faultFailure = new AtomicReference<>();
		List<Thread> faultThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
		ChurnLoad.Result load = ChurnLoad.run(api, project, CREATES, CLIENTS, sent -> {
			Runnable f = faults.get(sent);
			if (f != null) {
				faultThreads.add(Thread.ofPlatform().name("fault-at-" + sent).start(() -> {
					try {
						f.run();
					}
					catch (Throwable ex) {
						faultFailure.compareAndSet(null, ex);
					}
				}));
			}
		});
		for (Thread t : faultThreads) {
			t.join(TimeUnit.MINUTES.toMillis(5));
		}
		assertThat(faultFailure.get()).as("injecting the fault (%s) failed", fault).isNull();

		FaultOutcome outcome = FaultOutcome.await(this.stack.jdbc(), project, SETTLE);
		SystemTestSupport.observe("FaultSuiteIT", fault + ": " + load + "; " + outcome);

		assertThat(load.createsAccepted()).as("the load got its creates through: %s", load)
			.isGreaterThanOrEqualTo(CREATES);
		assertThat(outcome.stuck()).as("volumes left in a transitional status %s after %s (%s)", outcome.stuck(),
				SETTLE, fault)
			.isEmpty();
		assertThat(outcome.errorsWithoutReason()).as("volumes in an error status without a reason (%s)", fault)
			.isEmpty();
		assertThat(outcome.total()).as("every create the API accepted is in the database (%s)", fault)
			.isGreaterThanOrEqualTo(load.createsAccepted());
		assertThat(outcome.quotaDrift()).as("quota usage minus a recount of the project's volumes (%s)", fault)
			.isEmpty();
		String check = quotaCheck(project);
		SystemTestSupport.observe("FaultSuiteIT", fault + ": bin/basalt-manage quota check: " + check);
	}

	/**
	 * The operator's own drift check, {@code bin/basalt-manage quota check --project=…}, on the stack's database:
	 * exit 0 (no drift) expected; returns what it printed.
	 */
	private String quotaCheck(String project) {
		var db = this.stack.database();
		try {
			Process p = new ProcessBuilder(BasaltStack.rootDirectory().resolve("bin/basalt-manage").toString(), "quota",
					"check", "--project=" + project, "--url=" + db.jdbcUrl(), "--user=" + db.username(),
					"--password=" + (db.password() == null ? "" : db.password()))
				.directory(BasaltStack.rootDirectory().toFile())
				.redirectErrorStream(true)
				.start();
			String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
			assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("quota check finished").isTrue();
			assertThat(p.exitValue()).as("bin/basalt-manage quota check exit status (0: no drift): %s", out).isZero();
			return out.replace('\n', ' ');
		}
		catch (java.io.IOException ex) {
			throw new AssertionError("cannot run bin/basalt-manage: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
