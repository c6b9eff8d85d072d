package io.basalt.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link VhostAdmin} that runs {@code rabbitmqctl} commands through a {@link Runner}: a local command prefix (e.g.
 * {@code rabbitmqctl} or {@code docker exec rabbit rabbitmqctl}) or {@code execInContainer} of a Testcontainers
 * broker. Each call starts an Erlang VM, so it costs about a second. Thread-safe (stateless apart from the runner).
 */
final class RabbitmqctlVhostAdmin implements VhostAdmin {

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

	private final Runner runner;

	private final String description;

	RabbitmqctlVhostAdmin(Runner runner, String description) {
		this.runner = runner;
		this.description = description;
	}

	/** A runner that prefixes each argument list with a command line split on spaces. */
	static Runner commandPrefix(String prefix) {
		List<String> head = List.of(prefix.trim().split("\\s+"));
		return args -> {
			List<String> command = new ArrayList<>(head);
			command.addAll(args);
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			byte[] output = readAll(process.getInputStream());
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException("Timed out: " + command);
			}
			return new Result(process.exitValue(), new String(output, java.nio.charset.StandardCharsets.UTF_8));
		};
	}

	@Override
	public void createVhost(String vhost, String user) {
		check(List.of("add_vhost", vhost));
		check(List.of("set_permissions", "-p", vhost, user, ".*", ".*", ".*"));
	}

	@Override
	public void setAccess(String vhost, String user, boolean granted) {
		check(granted ? List.of("set_permissions", "-p", vhost, user, ".*", ".*", ".*")
				: List.of("clear_permissions", "-p", vhost, user));
	}

	@Override
	public void deleteVhost(String vhost) {
		Result result = run(List.of("delete_vhost", vhost));
		if (result.exitCode() != 0 && !result.output().contains("does not exist")
				&& !result.output().contains("no_such_vhost")) {
			throw failure(List.of("delete_vhost", vhost), result);
		}
	}

	@Override
	public void closeAllConnections(String vhost, String reason) {
		// Only the connections open now must go: clients that reconnect by themselves (as Basalt's do) open new
		// ones at once, and waiting for "none at all" would never end.
		java.util.Set<String> before = connectionNames(vhost);
		if (before.isEmpty()) {
			return;
		}
		long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
		do {
			check(List.of("close_all_connections", "-p", vhost, reason));
			java.util.Set<String> still = connectionNames(vhost);
			still.retainAll(before);
			if (still.isEmpty()) {
				return;
			}
			sleep(200);
		}
		while (System.nanoTime() < deadline);
		throw new IllegalStateException("Connections of vhost " + vhost + " still open after " + CLOSE_WAIT);
	}

	@Override
	public int connectionCount(String vhost) {
		return connectionNames(vhost).size();
	}

	private java.util.Set<String> connectionNames(String vhost) {
		Result result = check(List.of("-q", "list_connections", "vhost", "pid"));
		java.util.Set<String> names = new java.util.HashSet<>();
		for (String line : result.output().split("\\R")) {
			String[] cols = line.strip().split("\\s+", 2);
			if (cols.length == 2 && cols[0].equals(vhost)) {
				names.add(cols[1]);
			}
		}
		return names;
	}

	@Override
	public String describe() {
		return this.description;
	}

	private Result check(List<String> args) {
		Result result = run(args);
		if (result.exitCode() != 0) {
			throw failure(args, result);
		}
		return result;
	}

	private Result run(List<String> args) {
		try {
			return this.runner.run(args);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted running rabbitmqctl " + args, ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not run rabbitmqctl " + args + " via " + this.description, ex);
		}
	}

	private IllegalStateException failure(List<String> args, Result result) {
		return new IllegalStateException("rabbitmqctl " + args + " via " + this.description + " exited "
				+ result.exitCode() + ": " + result.output().strip());
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		in.transferTo(out);
		return out.toByteArray();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Runs {@code rabbitmqctl} with the given arguments and returns its exit code and combined output. */
	@FunctionalInterface
	interface Runner {

		Result run(List<String> args) throws Exception;

	}

	/** Exit code and combined stdout/stderr of one command. */
	record Result(int exitCode, String output) {
	}

}
