package io.basalt.common.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ServiceRegistry} against a real, migrated PostgreSQL database (one per class, emptied per test). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceRegistryIT {

	private PostgresDatabase db;

	private JdbcTemplate jdbc;

	private MutableClock clock;

	private ServiceRegistry registry;

	@BeforeAll
	void createDatabase() {
		this.db = TestServices.postgresDatabase();
		this.jdbc = new JdbcTemplate(this.db.dataSource());
	}

	@BeforeEach
	void setUp() {
		this.jdbc.update("DELETE FROM services");
		this.clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
		this.registry = new ServiceRegistry(this.jdbc, this.clock,
				new BasaltServiceProperties("node1", "zone-a", Duration.ofSeconds(10), Duration.ofSeconds(60),
						Duration.ofSeconds(1)));
	}

	@AfterAll
	void dropDatabase() {
		this.db.close();
	}

	@Test
	void registerInsertsARowPerHostAndBinary() {
		this.registry.register("basalt-volume", "node1@fake", "basalt-volume", "3.0");
		this.registry.register("basalt-volume", "node1@file", "basalt-volume", "3.0");

		assertThat(this.jdbc.queryForList(
				"SELECT host, availability_zone, rpc_current_version FROM services WHERE \"binary\" = 'basalt-volume' ORDER BY host"))
			.extracting(r -> r.get("host") + "/" + r.get("availability_zone") + "/" + r.get("rpc_current_version"))
			.containsExactly("node1@fake/zone-a/3.0", "node1@file/zone-a/3.0");
	}

	@Test
	void heartbeatBumpsUpdatedAtAndReportCount() {
		this.registry.register("basalt-scheduler", "node1", "basalt-scheduler", "3.0");
		this.clock.advance(Duration.ofSeconds(10));
		this.registry.heartbeat();
		this.clock.advance(Duration.ofSeconds(10));
		this.registry.heartbeat();

		Map<String, Object> row = this.jdbc.queryForMap("SELECT report_count, updated_at FROM services WHERE host = 'node1'");
		assertThat(row.get("report_count")).isEqualTo(2);
		assertThat(((java.sql.Timestamp) row.get("updated_at")).toInstant())
			.isEqualTo(Instant.parse("2026-11-22T10:00:20Z"));
	}

	@Test
	void registeringAgainRevivesTheSameRowInsteadOfAddingOne() {
		this.registry.register("basalt-scheduler", "node1", "basalt-scheduler", "3.0");
		this.clock.advance(Duration.ofMinutes(5));
		this.registry.register("basalt-scheduler", "node1", "basalt-scheduler", "3.1");

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM services", Integer.class)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT rpc_current_version FROM services", String.class)).isEqualTo("3.1");
	}

	@Test
	void unregisteredRowsAreNoLongerBumped() {
		var registration = this.registry.register("basalt-scheduler", "node1", "basalt-scheduler", "3.0");
		this.registry.unregister(registration);
		this.registry.heartbeat();

		assertThat(this.jdbc.queryForObject("SELECT report_count FROM services", Integer.class)).isZero();
	}

	/** A clock the test moves by hand. */
	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration d) {
			this.now = this.now.plus(d);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
