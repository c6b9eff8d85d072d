package io.basalt.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * A PostgreSQL server reached through an admin database on which the harness may create and drop databases.
 * Immutable and thread-safe: every operation opens its own short-lived admin connection.
 *
 * @param adminUrl JDBC URL of a database the user may connect to (e.g. {@code postgres})
 * @param username a user allowed to create and drop databases
 * @param password its password, empty for trust authentication
 * @param origin where the server was found, for logs and error messages
 */
record PostgresServer(String adminUrl, String username, String password, String origin) {

	static final String MIGRATIONS = "classpath:db/migration";

	private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(?:/([^?]*))?(\\?.*)?$");

	/** Opens a connection to the admin database, failing within a few seconds when the server does not answer. */
	Connection connectAdmin() throws SQLException {
		return connect(this.adminUrl);
	}

	Connection connect(String url) throws SQLException {
		Properties props = new Properties();
		props.setProperty("user", this.username);
		props.setProperty("password", this.password);
		props.setProperty("connectTimeout", "5");
		props.setProperty("loginTimeout", "10");
		return DriverManager.getConnection(url, props);
	}

	/** Creates a database with a fresh name; migrates it with Flyway when asked and migrations are on the classpath. */
	PostgresDatabase createDatabase(boolean migrate) {
		String name = "basalt_test_" + HexFormat.of().formatHex(randomBytes());
		try (Connection connection = connectAdmin(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new TestServiceUnavailableException(
					"Could not create database " + name + " on " + this.origin + ": " + ex.getMessage(), ex);
		}
		PostgresDatabase database = new PostgresDatabase(databaseUrl(name), this.username, this.password, name);
		if (migrate) {
			try {
				migrate(database);
			}
			catch (RuntimeException ex) {
				dropDatabase(name);
				throw ex;
			}
		}
		return database;
	}

	/** Terminates every connection to the database, then drops it; a missing database is not an error. */
	void dropDatabase(String name) {
		try (Connection connection = connectAdmin(); Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
					+ name.replace("'", "''") + "' AND pid <> pg_backend_pid()");
			statement.execute("DROP DATABASE IF EXISTS \"" + name.replace("\"", "\"\"") + "\" WITH (FORCE)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop database " + name + " on " + this.origin, ex);
		}
	}

	/** The JDBC URL of another database on the same server, keeping the admin URL's parameters. */
	String databaseUrl(String database) {
		Matcher matcher = JDBC_URL.matcher(this.adminUrl);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + this.adminUrl);
		}
		String params = matcher.group(3) == null ? "" : matcher.group(3);
		return matcher.group(1) + "/" + database + params;
	}

	private static void migrate(PostgresDatabase database) {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		if (loader == null) {
			loader = PostgresServer.class.getClassLoader();
		}
		Flyway flyway = Flyway.configure(loader)
			.dataSource(database.jdbcUrl(), database.username(), database.password())
			.locations(MIGRATIONS)
			.failOnMissingLocations(false)
			.load();
		// info() only scans: an empty result means the caller has no migrations on its classpath.
		if (flyway.info().all().length == 0) {
			return;
		}
		MigrateResult result = flyway.migrate();
		if (!result.success) {
			throw new IllegalStateException("Flyway migration of " + database.name() + " failed: " + result.warnings);
		}
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[6];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

}
