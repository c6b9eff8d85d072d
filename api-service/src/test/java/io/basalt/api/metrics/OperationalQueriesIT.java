package io.basalt.api.metrics;

import java.util.Map;
import java.util.UUID;

import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link OperationalQueries}' volume counts against a real, migrated PostgreSQL database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationalQueriesIT {

	private PostgresDatabase db;

	private JdbcTemplate jdbc;

	private OperationalQueries queries;

	@BeforeAll
	void createDatabase() {
		this.db = TestServices.postgresDatabase();
		this.jdbc = new JdbcTemplate(this.db.dataSource());
		this.queries = new OperationalQueries(this.jdbc);
		UUID type = this.jdbc.queryForObject("SELECT id FROM volume_types WHERE name = '__DEFAULT__'", UUID.class);
		insert(type, "available", false, 5000);
		insert(type, "in-use", false, 20);
		insert(type, "creating", false, 3);
		insert(type, "error", false, 2);
		insert(type, "error", true, 4);
		insert(type, "deleted", true, 50);
		this.jdbc.execute("ANALYZE volumes");
	}

	@AfterAll
	void dropDatabase() {
		this.db.close();
	}

	@Test
	void countsLiveVolumesByStatus() {
		assertThat(this.queries.volumesByStatus())
			.isEqualTo(Map.of("available", 5000L, "in-use", 20L, "creating", 3L, "error", 2L));
		assertThat(this.queries.unsettledVolumesByStatus()).isEqualTo(Map.of("creating", 3L, "error", 2L));
	}

	/** The gauge's frequent count reads the partial index of unsettled volumes (V15), not the table. */
	@Test
	void theUnsettledCountReadsOnlyTheUnsettledIndex() {
		String plan = String.join("\n", this.jdbc.queryForList("EXPLAIN " + OperationalQueries.UNSETTLED_BY_STATUS,
				String.class, OperationalQueries.SETTLED_STATUSES.toArray()));
		assertThat(plan).contains("volumes_unsettled_idx").doesNotContain("Seq Scan on volumes");
	}

	private void insert(UUID type, String status, boolean deleted, int n) {
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, volume_type_id, deleted)
				SELECT gen_random_uuid(), 'p1', 'u1', 1, ?, ?, ? FROM generate_series(1, ?)""", status, type, deleted,
				n);
	}

}
