package io.basalt.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Faults on the machine's own PostgreSQL and RabbitMQ (the ones the kind starts before a session and CI; their
 * start commands are in the environment's notes): RabbitMQ's {@code stop_app}/{@code start_app} and a
 * {@code pg_ctlcluster … restart}. Needs the services on 127.0.0.1 and the right to restart them (root).
 */
final class MachineServices {

	/** How long RabbitMQ stays stopped. */
	static final long BROKER_DOWN_MS = 5_000;

	private MachineServices() {
	}

	/** Fails, saying why, unless the stack runs on the machine's PostgreSQL and RabbitMQ on 127.0.0.1. */
	static void requireLocal(BasaltStack stack) {
		String url = stack.database().jdbcUrl();
		String broker = stack.vhost().host() + ":" + stack.vhost().port();
		if (!(url.contains("//127.0.0.1:5432/") || url.contains("//localhost:5432/"))
				|| !(broker.equals("127.0.0.1:5672") || broker.equals("localhost:5672"))) {
			throw new AssertionError("the fault suite restarts the machine's PostgreSQL and RabbitMQ and needs the "
					+ "stack on them (127.0.0.1:5432, 127.0.0.1:5672); this stack uses " + url + " and " + broker);
		}
	}

	/** {@code rabbitmqctl stop_app}, {@value #BROKER_DOWN_MS} ms down, {@code start_app}, then waits for it. */
	static void rabbitMqStopStart() {
		run(List.of("rabbitmqctl", "-q", "stop_app"));
		BasaltStack.sleep(BROKER_DOWN_MS);
		run(List.of("rabbitmqctl", "-q", "start_app"));
		run(List.of("rabbitmqctl", "-q", "await_startup", "--timeout", "120"));
	}

	/** {@code pg_ctlcluster <version> main restart} (fast shutdown: every connection is cut). */
	static void postgresRestart() {
		run(List.of("pg_ctlcluster", "--skip-systemctl-redirect", postgresVersion(), "main", "restart", "-m", "fast"));
	}

	private static String postgresVersion() {
		try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
			return versions.map(p -> p.getFileName().toString()).sorted().findFirst()
				.orElseThrow(() -> new AssertionError("no cluster under /etc/postgresql"));
		}
		catch (IOException ex) {
			throw new AssertionError("cannot list /etc/postgresql: " + ex, ex);
		}
	}

	private static void run(List<String> command) {
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!p.waitFor(180, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new AssertionError(command + " did not finish within 180 s");
			}
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (p.exitValue() != 0) {
				throw new AssertionError(command + " exited with " + p.exitValue() + ": " + out);
			}
			SystemTestSupport.observe("FaultSuiteIT", String.join(" ", command) + " done");
		}
		catch (IOException ex) {
			throw new AssertionError("cannot run " + command + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
