package io.basalt.db.manage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.basalt.db.migrations.MigrateMain;
import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.TestServices;

/**
 * {@code basalt-manage quota check|sync} on a real, migrated PostgreSQL: drift made by hand in
 * {@code quota_usages} (too high, too low, per-type, a missing row) is reported by {@code check} and fixed by
 * {@code sync}, after which {@code check} finds nothing; other projects and resources are left alone.
 */
@Timeout(120)
class QuotaRecountIT {

	private PostgresDatabase db;

	private String gold;

	@BeforeEach
	void database() throws SQLException {
		this.db = TestServices.emptyPostgresDatabase();
		MigrateMain.migrate(this.db.jdbcUrl(), this.db.username(), this.db.password());
		UUID type = UUID.randomUUID();
		this.gold = type.toString();
		update("INSERT INTO volume_types (id, name, is_public) VALUES (?::uuid, 'gold', true)", this.gold);
	}

	@AfterEach
	void drop() {
		this.db.close();
	}

	@Test
	void checkReportsDriftAndSyncFixesItInOneGo() throws Exception {
		// p1: two gold volumes (10 + 5 GiB), one deleted volume (not counted), a snapshot of 10 GiB
		String v1 = volume("p1", 10, false);
		volume("p1", 5, false);
		volume("p1", 7, true);
		update("""
				INSERT INTO snapshots (id, volume_id, project_id, user_id, status, volume_size, volume_type_id,
				    use_quota, created_at, deleted, version)
				VALUES (?::uuid, ?::uuid, 'p1', 'u', 'available', 10, ?::uuid, true, now(), false, 0)""",
				UUID.randomUUID().toString(), v1, this.gold);
		// usages: volumes right, gigabytes too high (leak), snapshots too low, per-type volumes wrong,
		// gigabytes_gold missing; p2 has usage but no resources left; backups is not recounted
		usage("p1", "volumes", 2);
		usage("p1", "gigabytes", 40);
		usage("p1", "snapshots", 0);
		usage("p1", "volumes_gold", 3);
		usage("p1", "snapshots_gold", 1);
		usage("p1", "backups", 9);
		usage("p2", "volumes", 1);
		usage("p2", "gigabytes", 1);

		Result check = manage("quota", "check");
		assertThat(check.status()).isEqualTo(1);
		assertThat(check.out()).contains("DRIFT  p1  gigabytes: in_use 40, counted 25")
			.contains("DRIFT  p1  snapshots: in_use 0, counted 1")
			.contains("DRIFT  p1  volumes_gold: in_use 3, counted 2")
			.contains("DRIFT  p1  gigabytes_gold: in_use 0, counted 25")
			.contains("DRIFT  p2  volumes: in_use 1, counted 0")
			.contains("DRIFT  p2  gigabytes: in_use 1, counted 0")
			.contains("6 quota usage row(s) of all projects differ")
			.doesNotContain("backups")
			.doesNotContain("p1  volumes:");
		// check changes nothing
		assertThat(inUse("p1", "gigabytes")).isEqualTo(40);
		assertThat(inUse("p1", "gigabytes_gold")).isNull();

		Result projectOnly = manage("quota", "sync", "--project=p2");
		assertThat(projectOnly.status()).isZero();
		assertThat(projectOnly.out()).contains("2 row(s) fixed");
		assertThat(inUse("p2", "volumes")).isZero();
		assertThat(inUse("p1", "gigabytes")).isEqualTo(40);

		Result sync = manage("quota", "sync");
		assertThat(sync.status()).isZero();
		assertThat(sync.out()).contains("FIXED  p1  gigabytes: in_use 40, counted 25 -> in_use 25")
			.contains("4 row(s) fixed");
		assertThat(inUse("p1", "gigabytes")).isEqualTo(25);
		assertThat(inUse("p1", "gigabytes_gold")).isEqualTo(25);
		assertThat(inUse("p1", "snapshots")).isEqualTo(1);
		assertThat(inUse("p1", "volumes_gold")).isEqualTo(2);
		assertThat(inUse("p1", "backups")).isEqualTo(9);

		Result again = manage("quota", "check");
		assertThat(again.status()).isZero();
		assertThat(again.out()).contains("Quota usage of all projects matches the resources.");
	}

	@Test
	void badArgumentsAreAUsageError() throws Exception {
		assertThat(manage("quota").status()).isEqualTo(2);
		assertThat(manage("quota", "fix").status()).isEqualTo(2);
		assertThat(manage("quota", "check", "--bogus").status()).isEqualTo(2);
		assertThat(ManageMain.run(new String[] { "quota", "check" }, Map.of(), System.out, System.err)).isEqualTo(2);
	}

	record Result(int status, String out) {
	}

	private Result manage(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Map<String, String> env = Map.of("BASALT_DB_URL", this.db.jdbcUrl(), "BASALT_DB_USER", this.db.username(),
				"BASALT_DB_PASSWORD", this.db.password());
		int status = ManageMain.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		return new Result(status, out.toString(StandardCharsets.UTF_8));
	}

	private String volume(String project, int size, boolean deleted) throws SQLException {
		String id = UUID.randomUUID().toString();
		update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, volume_type_id, deleted)
				VALUES (?::uuid, ?, 'u', ?, ?, ?::uuid, ?)""", id, project, size, deleted ? "deleted" : "available",
				this.gold, deleted);
		return id;
	}

	private void usage(String project, String resource, int inUse) throws SQLException {
		update("INSERT INTO quota_usages (project_id, resource, in_use, reserved) VALUES (?, ?, ?, 0)", project,
				resource, inUse);
	}

	private Integer inUse(String project, String resource) throws SQLException {
		try (Connection c = this.db.dataSource().getConnection();
				PreparedStatement s = c.prepareStatement(
						"SELECT in_use FROM quota_usages WHERE project_id = ? AND resource = ?")) {
			s.setString(1, project);
			s.setString(2, resource);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next() ? rs.getInt(1) : null;
			}
		}
	}

	private void update(String sql, Object... args) throws SQLException {
		try (Connection c = this.db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
			for (int i = 0; i < args.length; i++) {
				s.setObject(i + 1, args[i]);
			}
			s.executeUpdate();
		}
	}

}
