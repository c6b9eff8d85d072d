package io.basalt.scheduler.manager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import io.basalt.common.message.MessageField;
import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link VolumeStateStore}'s refusal of an extend, against a real, migrated PostgreSQL database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumeStateStoreIT {

	private PostgresDatabase db;

	private JdbcTemplate jdbc;

	private VolumeStateStore store;

	@BeforeAll
	void createDatabase() {
		this.db = TestServices.postgresDatabase();
		this.jdbc = new JdbcTemplate(this.db.dataSource());
		this.store = new VolumeStateStore(this.jdbc,
				Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC), Duration.ofDays(30));
	}

	@AfterAll
	void dropDatabase() {
		this.db.close();
	}

	@Test
	void aRefusedExtendPutsTheVolumeBackAndGivesTheExtraGigabytesBackOnce() {
		UUID type = UUID.randomUUID();
		this.jdbc.update("INSERT INTO volume_types (id, name, is_public, deleted) VALUES (?, 'silver', true, false)",
				type);
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, host, volume_type_id)
				VALUES (?, 'p1', 'u1', 10, 'extending', 'n1@fake#pool', ?)""", id, type);
		for (String resource : new String[] { "volumes", "gigabytes", "volumes_silver", "gigabytes_silver" }) {
			this.jdbc.update("INSERT INTO quota_usages (project_id, resource, in_use, reserved) VALUES ('p1', ?, ?, 0)",
					resource, resource.startsWith("volumes") ? 1 : 30);
		}

		assertThat(this.store.rejectExtend(id.toString(), "No valid backend", 20, "req-x")).isTrue();
		assertThat(this.store.rejectExtend(id.toString(), "No valid backend", 20, "req-x")).isFalse();
		assertThat(this.jdbc.queryForList("SELECT event_id || ' ' || request_id FROM messages WHERE resource_uuid = ?",
				String.class, id.toString())).containsExactly("VOLUME_VOLUME_007_003 req-x");

		assertThat(this.jdbc.queryForObject("SELECT status || '/' || size || '/' || status_reason FROM volumes "
				+ "WHERE id = ?", String.class, id)).isEqualTo("available/10/No valid backend");
		assertThat(this.jdbc.queryForList("SELECT resource || '=' || in_use FROM quota_usages ORDER BY resource",
				String.class))
			.containsExactly("gigabytes=10", "gigabytes_silver=10", "volumes=1", "volumes_silver=1");
	}

	/** A create that fails puts the volume in error and records one user message, once however often it is told. */
	@Test
	void aFailedCreateRecordsOneUserMessage() {
		UUID type = UUID.randomUUID();
		this.jdbc.update("INSERT INTO volume_types (id, name, is_public, deleted) VALUES (?, 'gold', true, false)",
				type);
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, volume_type_id)
				VALUES (?, 'p2', 'u1', 1, 'creating', ?)""", id, type);

		assertThat(this.store.markError(id.toString(), "No valid backend was found.", "req-1",
				MessageField.Detail.NO_BACKEND_AVAILABLE)).isTrue();
		assertThat(this.store.markError(id.toString(), "No valid backend was found.", "req-1",
				MessageField.Detail.NO_BACKEND_AVAILABLE)).isFalse();

		assertThat(this.jdbc.queryForObject("SELECT status FROM volumes WHERE id = ?", String.class, id))
			.isEqualTo("error");
		assertThat(this.jdbc.queryForList("""
				SELECT project_id || ' ' || event_id || ' ' || request_id
				FROM messages WHERE resource_uuid = ?""", String.class, id.toString()))
			.containsExactly("p2 VOLUME_VOLUME_001_003 req-1");
		assertThat(this.jdbc.queryForObject("SELECT expires_at FROM messages WHERE resource_uuid = ?",
				java.sql.Timestamp.class, id.toString()).toInstant()).isEqualTo(Instant.parse("2026-12-22T12:00:00Z"));
	}

	/** Only a volume still creating and already placed has a placed host; claiming a host works once. */
	@Test
	void aPlacedVolumeStillCreatingNamesItsHost() {
		UUID type = UUID.randomUUID();
		this.jdbc.update("INSERT INTO volume_types (id, name, is_public, deleted) VALUES (?, 'bronze', true, false)",
				type);
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, volume_type_id)
				VALUES (?, 'p3', 'u1', 1, 'creating', ?)""", id, type);

		assertThat(this.store.placedHostIfCreating(id.toString())).isNull();
		assertThat(this.store.claimHost(id.toString(), "n1@fake#pool", "az2")).isTrue();
		assertThat(this.store.claimHost(id.toString(), "n2@fake#pool", "az3")).isFalse();
		assertThat(this.store.placedHostIfCreating(id.toString())).isEqualTo("n1@fake#pool");
		assertThat(this.jdbc.queryForObject("SELECT availability_zone FROM volumes WHERE id = ?", String.class, id))
			.as("the placed backend's zone is the volume's").isEqualTo("az2");
		UUID other = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, volume_type_id, availability_zone)
				VALUES (?, 'p3', 'u1', 1, 'creating', ?, 'az9')""", other, type);
		assertThat(this.store.claimHost(other.toString(), "n1@fake#pool", null)).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT availability_zone FROM volumes WHERE id = ?", String.class,
				other)).as("no zone given: the row's stays").isEqualTo("az9");
		this.jdbc.update("UPDATE volumes SET status = 'available' WHERE id = ?", id);
		assertThat(this.store.placedHostIfCreating(id.toString())).isNull();
		assertThat(this.store.placedHostIfCreating(UUID.randomUUID().toString())).isNull();
	}

}
