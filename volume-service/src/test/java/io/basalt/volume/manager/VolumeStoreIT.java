package io.basalt.volume.manager;

import java.time.Instant;
import java.util.UUID;

import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The quota side of {@link VolumeStore}'s guarded statements, against a real, migrated PostgreSQL database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolumeStoreIT {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private static final String HOST = "node1@fake#pool";

	private PostgresDatabase db;

	private JdbcTemplate jdbc;

	private VolumeStore store;

	private UUID gold;

	@BeforeAll
	void createDatabase() {
		this.db = TestServices.postgresDatabase();
		this.jdbc = new JdbcTemplate(this.db.dataSource());
		this.store = new VolumeStore(this.jdbc, java.time.Duration.ofDays(30));
		this.gold = UUID.randomUUID();
		this.jdbc.update("INSERT INTO volume_types (id, name, is_public, deleted) VALUES (?, 'gold', true, false)",
				this.gold);
	}

	@AfterAll
	void dropDatabase() {
		this.db.close();
	}

	@BeforeEach
	void empty() {
		this.jdbc.update("DELETE FROM messages");
		this.jdbc.update("DELETE FROM volumes");
		this.jdbc.update("DELETE FROM quota_usages");
	}

	@Test
	void aFailedExtendIsErrorExtendingAndGivesTheExtraGigabytesBack() {
		// a 10 GiB volume being extended to 25: the api-service took 15 GiB more when it accepted the extend
		String id = volume("extending", 10);
		this.jdbc.update("UPDATE volumes SET extend_to_size = 25 WHERE id = ?", UUID.fromString(id));
		usage("volumes", 1);
		usage("gigabytes", 25);
		usage("volumes_gold", 1);
		usage("gigabytes_gold", 25);

		assertThat(this.store.markExtendFailed(id, HOST, "extend failed: no room", 15, "req-e", NOW)).isTrue();
		assertThat(this.jdbc.queryForList("SELECT event_id || ' ' || request_id FROM messages WHERE resource_uuid = ?",
				String.class, id)).containsExactly("VOLUME_VOLUME_007_010 req-e");

		assertThat(column(id, "status")).isEqualTo("error_extending");
		assertThat(column(id, "status_reason")).isEqualTo("extend failed: no room");
		assertThat(column(id, "size")).isEqualTo("10");
		assertThat(this.store.extendTarget(id)).isEmpty();
		assertThat(inUse("gigabytes")).isEqualTo(10);
		assertThat(inUse("gigabytes_gold")).isEqualTo(10);
		assertThat(inUse("volumes")).isEqualTo(1);
		assertThat(inUse("volumes_gold")).isEqualTo(1);
	}

	/** A create that failed for good is an error with one user message for the project, however often told. */
	@Test
	void aFailedCreateIsAnErrorWithOneUserMessage() {
		String id = volume("creating", 1);

		assertThat(this.store.markCreateFailed(id, HOST, "create failed: injected", "req-7", NOW)).isTrue();
		assertThat(this.store.markCreateFailed(id, HOST, "create failed: injected", "req-7", NOW)).isFalse();

		assertThat(column(id, "status")).isEqualTo("error");
		assertThat(column(id, "status_reason")).isEqualTo("create failed: injected");
		assertThat(this.jdbc.queryForList("""
				SELECT project_id || ' ' || event_id || ' ' || request_id || ' ' || message_level
				FROM messages WHERE resource_uuid = ?""", String.class, id))
			.containsExactly("p1 VOLUME_VOLUME_001_001 req-7 ERROR");
		assertThat(this.jdbc.queryForObject("SELECT expires_at FROM messages WHERE resource_uuid = ?",
				java.sql.Timestamp.class, id).toInstant()).isEqualTo(NOW.plus(java.time.Duration.ofDays(30)));
	}

	@Test
	void aFailedExtendChangesNothingWhenTheRowMovedOn() {
		String id = volume("available", 10);
		usage("gigabytes", 25);

		assertThat(this.store.markExtendFailed(id, HOST, "late", 15, null, NOW)).isFalse();
		String other = volume("extending", 10);
		assertThat(this.store.markExtendFailed(other, "node2@fake#pool", "not mine", 15, null, NOW)).isFalse();

		assertThat(column(id, "status")).isEqualTo("available");
		assertThat(column(other, "status")).isEqualTo("extending");
		assertThat(inUse("gigabytes")).isEqualTo(25);
	}

	@Test
	void aDeleteGivesTheVolumesQuotaBack() {
		String id = volume("deleting", 10);
		usage("volumes", 2);
		usage("gigabytes", 30);
		usage("volumes_gold", 2);
		usage("gigabytes_gold", 30);

		assertThat(this.store.markDeleted(id, NOW)).isTrue();
		assertThat(this.store.markDeleted(id, NOW)).isFalse();

		assertThat(column(id, "status")).isEqualTo("deleted");
		assertThat(inUse("volumes")).isEqualTo(1);
		assertThat(inUse("gigabytes")).isEqualTo(20);
		assertThat(inUse("volumes_gold")).isEqualTo(1);
		assertThat(inUse("gigabytes_gold")).isEqualTo(20);
	}

	/** The accepted extend size is read from the row (not the message), and cleared once the extend is done. */
	@Test
	void theAcceptedExtendSizeComesFromTheRow() {
		String id = volume("extending", 10);
		assertThat(this.store.extendTarget(id)).isEmpty();
		this.jdbc.update("UPDATE volumes SET extend_to_size = 25 WHERE id = ?", UUID.fromString(id));
		assertThat(this.store.extendTarget(id)).hasValue(25);
		assertThat(this.store.extendTarget(UUID.randomUUID().toString())).isEmpty();

		assertThat(this.store.markExtended(id, 25, NOW)).isTrue();
		assertThat(column(id, "size")).isEqualTo("25");
		assertThat(this.store.extendTarget(id)).isEmpty();
	}

	/**
	 * Dead-lettered casts put their volume into the operation's error status with the reason (a create with its
	 * user message, an extend with its quota given back); a volume that moved on is left alone.
	 */
	@Test
	void deadLetteredCastsPutTheirVolumeIntoItsErrorStatus() {
		DeadLetteredWork work = new DeadLetteredWork(new BackendContext("node1@fake",
				org.mockito.Mockito.mock(io.basalt.volume.driver.VolumeDriver.class), this.store,
				new SnapshotStore(this.jdbc), null, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)));
		io.basalt.rpc.RequestContext ctx = new io.basalt.rpc.RequestContext("req-d", null, "u1", "p1",
				java.util.List.of("admin"), true);
		String creating = volume("creating", 1);
		String deleting = volume("deleting", 1);
		String extending = volume("extending", 10);
		String available = volume("available", 1);
		usage("gigabytes", 30);
		usage("gigabytes_gold", 30);

		work.record(ctx, "create_volume", args("volume_id", creating), "kept failing");
		work.record(ctx, "delete_volume", args("volume_id", deleting), "kept failing");
		work.record(ctx, "extend_volume", args("volume_id", extending).put("new_size", 25), "kept failing");
		work.record(ctx, "delete_volume", args("volume_id", available), "kept failing");
		work.record(ctx, "create_volume", args("volume_id", "not-a-uuid"), "kept failing");

		assertThat(column(creating, "status") + " " + column(creating, "status_reason")).isEqualTo("error kept failing");
		assertThat(column(deleting, "status")).isEqualTo("error_deleting");
		assertThat(column(extending, "status") + " " + column(extending, "size")).isEqualTo("error_extending 10");
		assertThat(inUse("gigabytes")).isEqualTo(15);
		assertThat(column(available, "status")).isEqualTo("available");
		assertThat(this.jdbc.queryForList("SELECT event_id FROM messages WHERE resource_uuid = ?", String.class,
				creating)).containsExactly("VOLUME_VOLUME_001_001");
	}

	private static tools.jackson.databind.node.ObjectNode args(String key, String value) {
		return tools.jackson.databind.json.JsonMapper.shared().createObjectNode().put(key, value);
	}

	private String volume(String status, int size) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, host, volume_type_id)
				VALUES (?, 'p1', 'u1', ?, ?, ?, ?)""", id, size, status, HOST, this.gold);
		return id.toString();
	}

	private void usage(String resource, int inUse) {
		this.jdbc.update("INSERT INTO quota_usages (project_id, resource, in_use, reserved) VALUES ('p1', ?, ?, 0)",
				resource, inUse);
	}

	private int inUse(String resource) {
		Integer n = this.jdbc.queryForObject(
				"SELECT in_use FROM quota_usages WHERE project_id = 'p1' AND resource = ?", Integer.class, resource);
		return (n != null) ? n : -1;
	}

	private String column(String id, String column) {
		return this.jdbc.queryForObject("SELECT " + column + "::text FROM volumes WHERE id = ?", String.class,
				UUID.fromString(id));
	}

}
