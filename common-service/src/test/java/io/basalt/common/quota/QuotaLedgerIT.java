package io.basalt.common.quota;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link QuotaLedger} on a real, migrated PostgreSQL database: the Java operations and the in-statement CTEs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuotaLedgerIT {

	private PostgresDatabase db;

	private JdbcTemplate jdbc;

	private TransactionTemplate tx;

	private QuotaLedger ledger;

	private UUID gold;

	private UUID silver;

	@BeforeAll
	void createDatabase() {
		this.db = TestServices.postgresDatabase();
		this.jdbc = new JdbcTemplate(this.db.dataSource());
		this.tx = new TransactionTemplate(new DataSourceTransactionManager(this.db.dataSource()));
		this.ledger = new QuotaLedger(this.jdbc, Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC));
	}

	@BeforeEach
	void empty() {
		this.jdbc.update("DELETE FROM reservations");
		this.jdbc.update("DELETE FROM quota_usages");
		this.jdbc.update("DELETE FROM volumes");
		this.jdbc.update("DELETE FROM volume_types WHERE name IN ('gold', 'silver')");
		this.gold = UUID.randomUUID();
		this.silver = UUID.randomUUID();
		this.jdbc.update("INSERT INTO volume_types (id, name, is_public) VALUES (?, 'gold', true)", this.gold);
		this.jdbc.update("INSERT INTO volume_types (id, name, is_public) VALUES (?, 'silver', true)", this.silver);
	}

	@AfterAll
	void dropDatabase() {
		this.db.close();
	}

	@Test
	void reserveCreatesMissingRowsAndCommitMovesTheAmountsToInUse() {
		List<String> ids = inTx(() -> this.ledger.reserve("p", Map.of("volumes", 1, "gigabytes", 10, "volumes_gold", 1,
				"backups", 0), Map.of("volumes", 10, "gigabytes", 100)));
		assertThat(ids).hasSize(3);
		assertThat(usage("p", "gigabytes")).containsExactly(0, 10);
		assertThat(usage("p", "volumes_gold")).containsExactly(0, 1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM quota_usages WHERE resource = 'backups'", Long.class))
			.isZero();

		inTx(() -> {
			this.ledger.commit(ids);
			return null;
		});
		assertThat(usage("p", "gigabytes")).containsExactly(10, 0);
		assertThat(usage("p", "volumes")).containsExactly(1, 0);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reservations", Long.class)).isZero();
	}

	@Test
	void rollbackGivesReservedAmountsBack() {
		List<String> ids = inTx(() -> this.ledger.reserve("p", Map.of("snapshots", 2), Map.of()));
		inTx(() -> {
			this.ledger.rollback(ids);
			this.ledger.rollback(ids);
			return null;
		});
		assertThat(usage("p", "snapshots")).containsExactly(0, 0);
	}

	@Test
	void overALimitNamesTheFirstResourceInResourceOrderAndChangesNothing() {
		setUsage("p", "gigabytes", 95);
		setUsage("p", "volumes", 10);
		assertThatThrownBy(() -> inTx(() -> this.ledger.reserve("p", Map.of("volumes", 1, "gigabytes", 10),
				Map.of("volumes", 10, "gigabytes", 100))))
			.isInstanceOfSatisfying(QuotaExceededException.class, ex -> {
				assertThat(ex.resource()).isEqualTo("gigabytes");
				assertThat(ex.delta()).isEqualTo(10);
				assertThat(ex.limit()).isEqualTo(100);
				assertThat(ex.consumed()).isEqualTo(95);
			});
		assertThat(usage("p", "gigabytes")).containsExactly(95, 0);
		// unlimited (-1) and a negative delta are never over
		inTx(() -> {
			this.ledger.consume(this.ledger.lockAndCheck("p", Map.of("volumes", 5, "gigabytes", -100),
					Map.of("volumes", -1, "gigabytes", 0)));
			return null;
		});
		assertThat(usage("p", "volumes")).containsExactly(15, 0);
		assertThat(usage("p", "gigabytes")).containsExactly(0, 0);
	}

	@Test
	void aDeletedVolumeGivesBackItsCountAndSizeAndThePerTypeTwinsInTheSameStatement() {
		UUID v = volume("p", 10, this.gold, true);
		setUsage("p", "volumes", 3);
		setUsage("p", "gigabytes", 25);
		setUsage("p", "volumes_gold", 2);
		setUsage("p", "gigabytes_gold", 5);
		setUsage("p", "volumes_silver", 1);

		assertThat(deleteVolume(v)).isEqualTo(1);
		assertThat(usage("p", "volumes")).containsExactly(2, 0);
		assertThat(usage("p", "gigabytes")).containsExactly(15, 0);
		assertThat(usage("p", "volumes_gold")).containsExactly(1, 0);
		assertThat(usage("p", "gigabytes_gold")).containsExactly(0, 0);
		assertThat(usage("p", "volumes_silver")).containsExactly(1, 0);
		// the guard did not match a second time: nothing given back twice
		assertThat(deleteVolume(v)).isZero();
		assertThat(usage("p", "volumes")).containsExactly(2, 0);
	}

	@Test
	void aVolumeOutsideQuotaGivesNothingBack() {
		UUID v = volume("p", 10, this.gold, false);
		setUsage("p", "volumes", 3);
		assertThat(deleteVolume(v)).isEqualTo(1);
		assertThat(usage("p", "volumes")).containsExactly(3, 0);
	}

	@Test
	void anExtendsGigabytesAndAFailedRetypesPerTypeQuotaGoBack() {
		UUID v = volume("p", 10, this.gold, true);
		setUsage("p", "gigabytes", 14);
		setUsage("p", "gigabytes_gold", 14);
		setUsage("p", "volumes", 1);
		Integer n = this.jdbc.queryForObject("WITH v AS (SELECT project_id, use_quota, volume_type_id FROM volumes "
				+ "WHERE id = ?), " + QuotaLedger.inUseChange(QuotaLedger.gigabytesDeltas("v"))
				+ "\nSELECT count(*)::int FROM q", Integer.class, v, 4, java.sql.Timestamp.from(Instant.now()));
		assertThat(n).isEqualTo(2);
		assertThat(usage("p", "gigabytes")).containsExactly(10, 0);
		assertThat(usage("p", "gigabytes_gold")).containsExactly(10, 0);

		// a retype gold → silver that failed: silver's usage back to gold
		setUsage("p", "volumes_gold", 0);
		setUsage("p", "gigabytes_gold", 0);
		setUsage("p", "volumes_silver", 1);
		setUsage("p", "gigabytes_silver", 10);
		this.jdbc.queryForObject("WITH v AS (SELECT project_id, size, use_quota, volume_type_id FROM volumes "
				+ "WHERE id = ?), " + QuotaLedger.inUseChange(QuotaLedger.retypeBackDeltas("v"))
				+ "\nSELECT count(*)::int FROM q", Integer.class, v, this.silver,
				java.sql.Timestamp.from(Instant.now()));
		assertThat(usage("p", "volumes_gold")).containsExactly(1, 0);
		assertThat(usage("p", "gigabytes_gold")).containsExactly(10, 0);
		assertThat(usage("p", "volumes_silver")).containsExactly(0, 0);
		assertThat(usage("p", "gigabytes_silver")).containsExactly(0, 0);
		assertThat(usage("p", "volumes")).containsExactly(1, 0);
	}

	private int deleteVolume(UUID id) {
		return this.jdbc.queryForObject("""
				WITH v AS (
				    UPDATE volumes SET deleted = true WHERE id = ? AND NOT deleted
				    RETURNING project_id, size, use_quota, volume_type_id
				), """ + QuotaLedger.inUseChange(QuotaLedger.volumeDeltas("v")) + "\nSELECT count(*)::int FROM v",
				Integer.class, id, java.sql.Timestamp.from(Instant.now()));
	}

	private UUID volume(String project, int size, UUID type, boolean useQuota) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, volume_type_id, use_quota, created_at,
				    deleted, version)
				VALUES (?, ?, 'u', ?, ?, ?, ?, now(), false, 0)""", id, project, size, "available", type, useQuota);
		return id;
	}

	private void setUsage(String project, String resource, int inUse) {
		this.jdbc.update("""
				INSERT INTO quota_usages (project_id, resource, in_use, reserved) VALUES (?, ?, ?, 0)
				ON CONFLICT (project_id, resource) DO UPDATE SET in_use = EXCLUDED.in_use""", project, resource, inUse);
	}

	private List<Integer> usage(String project, String resource) {
		return this.jdbc.queryForObject("SELECT in_use, reserved FROM quota_usages WHERE project_id = ? AND resource = ?",
				(rs, i) -> List.of(rs.getInt(1), rs.getInt(2)), project, resource);
	}

	private <T> T inTx(java.util.function.Supplier<T> work) {
		return this.tx.execute(status -> work.get());
	}

}
