package io.basalt.db.migrations;

import java.io.PrintStream;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies Basalt's migrations ({@value #LOCATION}) to a PostgreSQL database, standalone. Settings come from
 * {@code --url= --user= --password=} arguments, else the {@code BASALT_DB_URL}, {@code BASALT_DB_USER},
 * {@code BASALT_DB_PASSWORD} environment variables. Prints the resulting schema version; exits non-zero on failure.
 * Single-threaded; Flyway's schema-history lock keeps concurrent runners (e.g. several replicas) safe.
 */
public final class MigrateMain {

	/** Where the migrations live on the classpath; use it as {@code spring.flyway.locations}. */
	public static final String LOCATION = "classpath:db/migration";

	private MigrateMain() {
	}

	public static void main(String[] args) {
		int status = run(args, System.getenv(), System.out, System.err);
		if (status != 0) {
			System.exit(status);
		}
	}

	/** Runs a migration; returns the process exit status (0 success, 1 failure, 2 usage error). */
	static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
		Settings settings;
		try {
			settings = Settings.parse(args, env);
		}
		catch (IllegalArgumentException ex) {
			err.println("error: " + ex.getMessage());
			err.println("usage: MigrateMain --url=jdbc:postgresql://host:5432/db [--user=U] [--password=P]");
			err.println("       (or BASALT_DB_URL, BASALT_DB_USER, BASALT_DB_PASSWORD)");
			return 2;
		}
		try {
			MigrateResult result = migrate(settings.url(), settings.user(), settings.password());
			out.printf("Applied %d migration(s); schema version %s%n", result.migrationsExecuted,
					result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
			return result.success ? 0 : 1;
		}
		catch (RuntimeException ex) {
			err.println("Migration failed: " + ex.getMessage());
			return 1;
		}
	}

	/** Migrates the database to the latest version and returns Flyway's result. */
	public static MigrateResult migrate(String url, String user, String password) {
		return Flyway.configure(MigrateMain.class.getClassLoader())
			.dataSource(url, user, password)
			.locations(LOCATION)
			.failOnMissingLocations(true)
			.load()
			.migrate();
	}

	/** Connection settings, from arguments first, then the environment. */
	/**
	 * The database settings of Basalt's standalone tools: {@code --url= --user= --password=}, else
	 * {@code BASALT_DB_URL}, {@code BASALT_DB_USER} ({@code postgres}), {@code BASALT_DB_PASSWORD} (empty).
	 */
	public record Settings(String url, String user, String password) {

		/** @throws IllegalArgumentException on an unknown argument or without a URL */
		public static Settings parse(String[] args, Map<String, String> env) {
			String url = env.get("BASALT_DB_URL");
			String user = env.getOrDefault("BASALT_DB_USER", "postgres");
			String password = env.getOrDefault("BASALT_DB_PASSWORD", "");
			for (String arg : args) {
				if (arg.startsWith("--url=")) {
					url = arg.substring(6);
				}
				else if (arg.startsWith("--user=")) {
					user = arg.substring(7);
				}
				else if (arg.startsWith("--password=")) {
					password = arg.substring(11);
				}
				else {
					throw new IllegalArgumentException("unknown argument " + arg);
				}
			}
			if (url == null || url.isBlank()) {
				throw new IllegalArgumentException("no database URL");
			}
			return new Settings(url, user, password);
		}

	}

}
