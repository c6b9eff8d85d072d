package io.basalt.db.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.TestServices;

/** The migrations against a real PostgreSQL found by the test harness. */
@Timeout(120)
class FlywayMigrationIT {

	static final List<String> TABLES = List.of("services", "volume_types", "volume_type_extra_specs",
			"volume_type_projects", "volumes", "volume_metadata", "snapshots", "snapshot_metadata", "quotas",
			"quota_classes", "quota_usages", "reservations", "outbox", "handled_messages", "volume_attachments");

	/** A fresh database migrates to the latest version with every table present; a second run applies nothing. */
	@Test
	void freshDatabaseMigratesToLatestAndAgainIsNoOp() throws Exception {
		try (PostgresDatabase db = TestServices.emptyPostgresDatabase()) {
			MigrateResult first = MigrateMain.migrate(db.jdbcUrl(), db.username(), db.password());
			Flyway flyway = Flyway.configure().dataSource(db.dataSource()).locations(MigrateMain.LOCATION).load();
			String latest = flyway.info().all()[flyway.info().all().length - 1].getVersion().getVersion();

			assertThat(first.success).isTrue();
			assertThat(first.migrationsExecuted).isEqualTo(flyway.info().all().length);
			assertThat(first.targetSchemaVersion).isEqualTo(latest);
			assertThat(flyway.info().pending()).isEmpty();
			assertThat(tables(db)).containsAll(TABLES);

			MigrateResult second = MigrateMain.migrate(db.jdbcUrl(), db.username(), db.password());
			assertThat(second.success).isTrue();
			assertThat(second.migrationsExecuted).isZero();
		}
	}

	/** The harness migrates a database itself when the migrations are on the classpath, seed rows included. */
	@Test
	void seedRowsExist() throws Exception {
		try (PostgresDatabase db = TestServices.postgresDatabase(); Connection c = db.dataSource().getConnection();
				Statement s = c.createStatement()) {
			try (ResultSet rs = s.executeQuery(
					"SELECT description, is_public FROM volume_types WHERE name = '__DEFAULT__' AND NOT deleted")) {
				assertThat(rs.next()).isTrue();
				assertThat(rs.getString(1)).isEqualTo("Default Volume Type");
				assertThat(rs.getBoolean(2)).isTrue();
			}
			Map<String, Integer> defaults = new LinkedHashMap<>();
			try (ResultSet rs = s.executeQuery(
					"SELECT resource, hard_limit FROM quota_classes WHERE class_name = 'default'")) {
				while (rs.next()) {
					defaults.put(rs.getString(1), rs.getInt(2));
				}
			}
			assertThat(defaults).containsExactlyInAnyOrderEntriesOf(Map.of("volumes", 10, "snapshots", 10,
					"gigabytes", 1000, "backups", 10, "backup_gigabytes", 1000, "groups", 10,
					"per_volume_gigabytes", -1));
		}
	}

	/** Uniqueness holds among live rows only: a soft-deleted service or type frees its name. */
	@Test
	void partialUniqueIndexesIgnoreDeletedRows() throws Exception {
		try (PostgresDatabase db = TestServices.postgresDatabase(); Connection c = db.dataSource().getConnection();
				Statement s = c.createStatement()) {
			String insert = "INSERT INTO services (host, \"binary\", topic) VALUES ('h1', 'basalt-volume', 'v')";
			s.execute(insert);
			assertThat(failsWithUniqueViolation(s, insert)).isTrue();
			s.execute("UPDATE services SET deleted = true, deleted_at = now()");
			s.execute(insert);
			assertThat(failsWithUniqueViolation(s, "INSERT INTO volume_types (name) VALUES ('__DEFAULT__')")).isTrue();
		}
	}

	/** The standalone runner reads its settings from arguments and prints the version; bad input exits non-zero. */
	@Test
	void mainRunsFromArguments() throws Exception {
		try (PostgresDatabase db = TestServices.emptyPostgresDatabase()) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			int status = MigrateMain.run(new String[] { "--url=" + db.jdbcUrl(), "--user=" + db.username(),
					"--password=" + db.password() }, Map.of(), new PrintStream(out), new PrintStream(err));
			assertThat(status).isZero();
			assertThat(out.toString(StandardCharsets.UTF_8)).contains("schema version " + latestVersion(db));

			status = MigrateMain.run(new String[] {}, Map.of(), new PrintStream(out), new PrintStream(err));
			assertThat(status).isEqualTo(2);
			status = MigrateMain.run(new String[] { "--url=jdbc:postgresql://127.0.0.1:1/none" }, Map.of(),
					new PrintStream(out), new PrintStream(err));
			assertThat(status).isEqualTo(1);
		}
	}

	private static boolean failsWithUniqueViolation(Statement s, String sql) throws Exception {
		try {
			s.execute(sql);
			return false;
		}
		catch (java.sql.SQLException ex) {
			return "23505".equals(ex.getSQLState());
		}
	}

	private static String latestVersion(PostgresDatabase db) {
		Flyway flyway = Flyway.configure().dataSource(db.dataSource()).locations(MigrateMain.LOCATION).load();
		return flyway.info().current().getVersion().getVersion();
	}

	private static List<String> tables(PostgresDatabase db) throws Exception {
		List<String> names = new ArrayList<>();
		try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(
						"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
			while (rs.next()) {
				names.add(rs.getString(1));
			}
		}
		return names;
	}

}
