package io.basalt.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One service JVM: {@code java <jvm options> -jar <module>-<version>-exec.jar --k=v...}, stdout and stderr to
 * {@code var/log/<name>.log} (the previous run's log is kept as {@code <name>.log.1}). {@link #restart} starts it
 * again in the same log, so that the crash and the restart read in one place. The process is swapped on a restart:
 * every method acts on the current one.
 */
final class ServiceProcess {

	final String name;

	final int port;

	/** The port of {@code /actuator/health} (the api's management port; the others serve it on {@link #port}). */
	final int healthPort;

	final Path logFile;

	private final List<String> command;

	private volatile Process process;

	ServiceProcess(String name, int port, int healthPort, String java, List<String> jvmOptions, Path jar,
			List<String> args, Path logFile) {
		this(name, port, healthPort, javaCommand(java, jvmOptions, jar, args), logFile);
	}

	/** Any command (tests run {@code /bin/sh -c ...}). */
	ServiceProcess(String name, int port, int healthPort, List<String> command, Path logFile) {
		this.name = name;
		this.port = port;
		this.healthPort = healthPort;
		this.logFile = logFile;
		this.command = List.copyOf(command);
	}

	private static List<String> javaCommand(String java, List<String> jvmOptions, Path jar, List<String> args) {
		List<String> cmd = new ArrayList<>();
		cmd.add(java);
		cmd.addAll(jvmOptions);
		cmd.add("-jar");
		cmd.add(jar.toString());
		cmd.addAll(args);
		return cmd;
	}

	List<String> command() {
		return this.command;
	}

	void start() throws IOException {
		Files.createDirectories(this.logFile.getParent());
		if (Files.exists(this.logFile)) {
			Files.move(this.logFile, this.logFile.resolveSibling(this.logFile.getFileName() + ".1"),
					StandardCopyOption.REPLACE_EXISTING);
		}
		Files.writeString(this.logFile, "# " + String.join(" ", this.command) + "\n", StandardCharsets.UTF_8);
		spawn();
	}

	/** Starts the command again after the process ended, appending to the log after a line saying why. */
	void restart(String why) throws IOException {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " is still running (pid " + pid() + ")");
		}
		Files.writeString(this.logFile, "\n# " + why + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		spawn();
	}

	private void spawn() throws IOException {
		ProcessBuilder pb = new ProcessBuilder(this.command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		this.process = pb.start();
	}

	Process process() {
		return this.process;
	}

	long pid() {
		Process p = this.process;
		return (p == null) ? -1 : p.pid();
	}

	/** The exit code of the current process ({@code 128 + n} after signal n), or -1 while none has ended. */
	int exitCode() {
		Process p = this.process;
		return (p == null || p.isAlive()) ? -1 : p.exitValue();
	}

	boolean isAlive() {
		Process p = this.process;
		return p != null && p.isAlive();
	}

	/** SIGTERM: Spring Boot shuts down gracefully. */
	void terminate() {
		Process p = this.process;
		if (p != null && p.isAlive()) {
			p.destroy();
		}
	}

	/** Waits up to {@code bound} for the process to end, then SIGKILLs it; returns whether it ended by itself. */
	boolean awaitExit(Duration bound) throws InterruptedException {
		Process p = this.process;
		if (p == null) {
			return true;
		}
		if (p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
			return true;
		}
		p.destroyForcibly();
		p.waitFor(10, TimeUnit.SECONDS);
		return false;
	}

	void kill() {
		Process p = this.process;
		if (p != null) {
			p.destroyForcibly();
		}
	}

	/** The last {@code lines} lines of the log (for error messages). */
	String tail(int lines) {
		try {
			if (!Files.exists(this.logFile)) {
				return "(no log)";
			}
			List<String> all = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | RuntimeException ex) {
			return "(cannot read " + this.logFile + ": " + ex + ")";
		}
	}

}
