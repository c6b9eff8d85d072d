package io.basalt.scheduler.sweep;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/** {@link StuckVolumeStore} against a real, migrated PostgreSQL database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StuckVolumeStoreIT {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private PostgresDatabase db;

	private JdbcTemplate jdbc;

	private StuckVolumeStore store;

	private UUID goldType;

	@BeforeAll
	void createDatabase() {
		this.db = TestServices.postgresDatabase();
		this.jdbc = new JdbcTemplate(this.db.dataSource());
		this.store = new StuckVolumeStore(this.jdbc);
		this.goldType = UUID.randomUUID();
		this.jdbc.update("INSERT INTO volume_types (id, name, is_public, deleted) VALUES (?, 'gold', true, false)",
				this.goldType);
		this.jdbc.update("INSERT INTO volume_type_extra_specs (volume_type_id, key, value) VALUES (?, ?, ?)",
				this.goldType, "volume_backend_name", "fast");
	}

	@AfterAll
	void dropDatabase() {
		this.db.close();
	}

	@BeforeEach
	void empty() {
		this.jdbc.update("DELETE FROM snapshots");
		this.jdbc.update("DELETE FROM volumes");
		this.jdbc.update("DELETE FROM group_snapshots");
		this.jdbc.update("DELETE FROM group_volume_types");
		this.jdbc.update("DELETE FROM groups");
	}

	@Test
	void findsMigrationsStartingSinceBeforeTheCutoffWithTheirRetypeTarget() {
		UUID stuck = insert("retyping", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));
		this.jdbc.update("UPDATE volumes SET migration_status = 'starting', migration_new_type_id = ? WHERE id = ?",
				this.goldType, stuck);
		UUID recent = insert("available", "n@fast#p", NOW.minus(Duration.ofSeconds(5)));
		this.jdbc.update("UPDATE volumes SET migration_status = 'starting' WHERE id = ?", recent);
		UUID migrating = insert("available", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));
		this.jdbc.update("UPDATE volumes SET migration_status = 'migrating' WHERE id = ?", migrating);

		assertThat(this.store.startingMigrations(NOW.minus(Duration.ofMinutes(2)), 10))
			.containsExactly(new StuckMigration(stuck.toString(), "n@fast#p", this.goldType.toString()));
	}

	@Test
	void findsMigrationsMigratingSinceBeforeTheCutoff() {
		UUID stuck = insert("maintenance", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));
		this.jdbc.update("UPDATE volumes SET migration_status = 'migrating', migration_new_type_id = ? WHERE id = ?",
				this.goldType, stuck);
		UUID recent = insert("available", "n@fast#p", NOW.minus(Duration.ofSeconds(5)));
		this.jdbc.update("UPDATE volumes SET migration_status = 'migrating' WHERE id = ?", recent);
		UUID starting = insert("available", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));
		this.jdbc.update("UPDATE volumes SET migration_status = 'starting' WHERE id = ?", starting);

		assertThat(this.store.migratingMigrations(NOW.minus(Duration.ofMinutes(2)), 10))
			.containsExactly(new StuckMigration(stuck.toString(), "n@fast#p", this.goldType.toString()));
	}

	@Test
	void movesGroupsStuckInUpdatingToErrorOnce() {
		UUID type = UUID.randomUUID();
		this.jdbc.update("INSERT INTO group_types (id, name) VALUES (?, ?)", type, "gt-" + type);
		UUID stuck = group("updating", "n@fast", null, type, NOW.minus(Duration.ofMinutes(10)));
		UUID recent = group("updating", "n@fast", null, type, NOW.minus(Duration.ofSeconds(5)));
		UUID available = group("available", "n@fast", null, type, NOW.minus(Duration.ofMinutes(10)));

		Instant cutoff = NOW.minus(Duration.ofMinutes(2));
		assertThat(this.store.failUpdatingGroups(cutoff, NOW, 10))
			.containsExactly(new StuckGroup(stuck.toString(), "error", "n@fast", false));
		assertThat(this.store.failUpdatingGroups(cutoff, NOW, 10)).isEmpty();
		assertThat(this.jdbc.queryForList("SELECT status FROM groups WHERE id IN (?, ?, ?) ORDER BY status",
				String.class, stuck, recent, available)).containsExactly("available", "error", "updating");
	}

	@Test
	void claimsStuckRevertsOnceWithTheirRestoringSnapshot() {
		UUID stuck = insert("reverting", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));
		UUID restoring = snapshot(stuck, "restoring", NOW.minus(Duration.ofMinutes(10)));
		snapshot(stuck, "available", NOW.minus(Duration.ofMinutes(20)));
		UUID alone = insert("reverting", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));
		insert("reverting", "n@fast#p", NOW.minus(Duration.ofSeconds(5)));

		assertThat(this.store.claimReverting(NOW.minus(Duration.ofMinutes(2)), NOW, 10)).containsExactlyInAnyOrder(
				new StuckRevert(stuck.toString(), "n@fast#p", restoring.toString()),
				new StuckRevert(alone.toString(), "n@fast#p", null));
		assertThat(this.store.claimReverting(NOW.minus(Duration.ofMinutes(2)), NOW.plusSeconds(1), 10)).isEmpty();
	}

	@Test
	void claimsStuckGroupsAndGroupSnapshotsOnceWithTheGroupsHost() {
		UUID type = UUID.randomUUID();
		this.jdbc.update("INSERT INTO group_types (id, name) VALUES (?, ?)", type, "gt-" + type);
		UUID plain = group("creating", "n@fast", null, type, NOW.minus(Duration.ofMinutes(10)));
		UUID copy = group("creating", "n@fast", plain, type, NOW.minus(Duration.ofMinutes(10)));
		group("creating", "n@fast", null, type, NOW.minus(Duration.ofSeconds(5)));
		UUID deleting = group("deleting", null, null, type, NOW.minus(Duration.ofMinutes(10)));
		UUID snap = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO group_snapshots (id, project_id, group_id, group_type_id, status, created_at, updated_at)
				VALUES (?, 'p1', ?, ?, 'deleting', ?, ?)""", snap, plain, type,
				Timestamp.from(NOW.minus(Duration.ofMinutes(10))), Timestamp.from(NOW.minus(Duration.ofMinutes(10))));

		Instant cutoff = NOW.minus(Duration.ofMinutes(2));
		assertThat(this.store.claimGroups("creating", cutoff, NOW, 10)).containsExactlyInAnyOrder(
				new StuckGroup(plain.toString(), "creating", "n@fast", false),
				new StuckGroup(copy.toString(), "creating", "n@fast", true));
		assertThat(this.store.claimGroups("deleting", cutoff, NOW, 10))
			.containsExactly(new StuckGroup(deleting.toString(), "deleting", null, false));
		assertThat(this.store.claimGroupSnapshots("deleting", cutoff, NOW, 10))
			.containsExactly(new StuckGroup(snap.toString(), "deleting", "n@fast", false));
		assertThat(this.store.claimGroups("creating", cutoff, NOW.plusSeconds(1), 10)).isEmpty();
		assertThat(this.store.claimGroupSnapshots("deleting", cutoff, NOW.plusSeconds(1), 10)).isEmpty();
	}

	@Test
	void rebuildsTheRequestOfAnUnplacedGroupAsTheApiBuildsIt() {
		UUID type = UUID.randomUUID();
		this.jdbc.update("INSERT INTO group_types (id, name) VALUES (?, ?)", type, "gt-" + type);
		this.jdbc.update("INSERT INTO group_type_specs (group_type_id, key, value) VALUES (?, 'consistent', 'x')",
				type);
		UUID silver = UUID.randomUUID();
		this.jdbc.update("INSERT INTO volume_types (id, name, is_public, deleted) VALUES (?, ?, true, false)", silver,
				"silver-" + silver);
		UUID id = group("creating", null, null, type, NOW.minus(Duration.ofMinutes(10)));
		this.jdbc.update("INSERT INTO group_volume_types (group_id, volume_type_id, position) VALUES (?, ?, 0)", id,
				this.goldType);
		this.jdbc.update("INSERT INTO group_volume_types (group_id, volume_type_id, position) VALUES (?, ?, 1)", id,
				silver);

		var request = this.store.groupRequest(id.toString());

		assertThat(request.projectId()).isEqualTo("p1");
		assertThat(request.availabilityZone()).isEqualTo("nova");
		assertThat(request.volumeType().name()).isEqualTo("gold");
		assertThat(request.group().groupId()).isEqualTo(id.toString());
		assertThat(request.group().groupTypeId()).isEqualTo(type.toString());
		assertThat(request.group().groupSpecs()).containsExactly(java.util.Map.entry("consistent", "x"));
		assertThat(request.group().volumeTypes()).extracting(t -> t.id())
			.containsExactly(this.goldType.toString(), silver.toString());
		assertThat(request.group().volumeTypes().get(0).extraSpecs()).containsEntry("volume_backend_name", "fast");
		assertThat(this.store.groupRequest(UUID.randomUUID().toString())).isNull();
	}

	private UUID group(String status, String host, UUID source, UUID type, Instant updatedAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO groups (id, project_id, status, availability_zone, host, group_type_id, source_group_id,
				                    created_at, updated_at)
				VALUES (?, 'p1', ?, 'nova', ?, ?, ?, ?, ?)""", id, status, host, type, source,
				Timestamp.from(updatedAt), Timestamp.from(updatedAt));
		return id;
	}

	@Test
	void claimsOnlyVolumesUnchangedSinceTheCutoffAndRebuildsTheirRequestSpec() {
		UUID old = insert("creating", null, NOW.minus(Duration.ofMinutes(10)));
		insert("creating", null, NOW.minus(Duration.ofSeconds(5)));
		insert("available", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));

		List<StuckVolume> claimed = this.store.claim("creating", NOW.minus(Duration.ofMinutes(2)), NOW, 10);

		assertThat(claimed).singleElement().satisfies(v -> {
			assertThat(v.id()).isEqualTo(old.toString());
			assertThat(v.host()).isNull();
			assertThat(v.requestSpec().size()).isEqualTo(3);
			assertThat(v.requestSpec().projectId()).isEqualTo("p1");
			assertThat(v.requestSpec().availabilityZone()).isEqualTo("nova");
			assertThat(v.requestSpec().volumeType().name()).isEqualTo("gold");
			assertThat(v.requestSpec().volumeType().extraSpecs()).containsEntry("volume_backend_name", "fast");
		});
	}

	@Test
	void aClaimedVolumeIsNotClaimedAgainBeforeAnotherStuckAfter() {
		insert("deleting", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));

		assertThat(this.store.claim("deleting", NOW.minus(Duration.ofMinutes(2)), NOW, 10)).hasSize(1);
		assertThat(this.store.claim("deleting", NOW.minus(Duration.ofMinutes(2)), NOW.plusSeconds(1), 10)).isEmpty();
	}

	@Test
	void releaseTakesTheHostAwayOnlyFromACreatingVolumeOnThatHost() {
		UUID id = insert("creating", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));

		assertThat(this.store.release(id.toString(), "other@x#p", "gone", NOW)).isFalse();
		assertThat(this.store.release(id.toString(), "n@fast#p", "gone", NOW)).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT host FROM volumes WHERE id = ?", String.class, id)).isNull();
		assertThat(this.jdbc.queryForObject("SELECT status_reason FROM volumes WHERE id = ?", String.class, id))
			.isEqualTo("gone");
	}

	@Test
	void claimsStuckSnapshotsOnceWithTheirVolumesHost() {
		UUID volume = insert("available", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));
		UUID stuck = snapshot(volume, "creating", NOW.minus(Duration.ofMinutes(10)));
		snapshot(volume, "creating", NOW.minus(Duration.ofSeconds(5)));
		snapshot(volume, "available", NOW.minus(Duration.ofMinutes(10)));

		assertThat(this.store.claimSnapshots("creating", NOW.minus(Duration.ofMinutes(2)), NOW, 10))
			.containsExactly(new StuckSnapshot(stuck.toString(), "creating", "n@fast#p"));
		assertThat(this.store.claimSnapshots("creating", NOW.minus(Duration.ofMinutes(2)), NOW.plusSeconds(1), 10))
			.isEmpty();
	}

	@Test
	void claimsStuckExtendsOnceWithTheirAcceptedSize() {
		UUID stuck = insert("extending", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));
		this.jdbc.update("UPDATE volumes SET extend_to_size = 7 WHERE id = ?", stuck);
		insert("extending", "n@fast#p", NOW.minus(Duration.ofSeconds(5)));

		assertThat(this.store.claimExtending(NOW.minus(Duration.ofMinutes(2)), NOW, 10))
			.containsExactly(new StuckExtend(stuck.toString(), "n@fast#p", 3, 7));
		assertThat(this.store.claimExtending(NOW.minus(Duration.ofMinutes(2)), NOW.plusSeconds(1), 10)).isEmpty();
	}

	/**
	 * With thousands of settled volumes, the claims read the partial index of unsettled volumes (V15) rather than
	 * every live row: the sweeper's cost follows the volumes it looks for, not the table.
	 */
	@Test
	void claimsUseTheUnsettledIndexNotTheWholeTable() {
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, host, volume_type_id, created_at, updated_at)
				SELECT gen_random_uuid(), 'p1', 'u1', 1, 'available', 'n@fast#p', ?, now(), now()
				FROM generate_series(1, 5000)""", this.goldType);
		insert("creating", null, NOW.minus(Duration.ofMinutes(10)));
		insert("extending", "n@fast#p", NOW.minus(Duration.ofMinutes(10)));
		this.jdbc.execute("ANALYZE volumes");
		Timestamp cutoff = Timestamp.from(NOW.minus(Duration.ofMinutes(2)));
		Timestamp now = Timestamp.from(NOW);

		for (String status : List.of("creating", "deleting", "extending")) {
			assertThat(String.join("\n",
					this.jdbc.queryForList("EXPLAIN " + StuckVolumeStore.CLAIM_VOLUMES, String.class, status, cutoff,
							200, now)))
				.as("claim of %s", status)
				.contains("volumes_unsettled_idx")
				.doesNotContain("Seq Scan on volumes");
		}
		assertThat(String.join("\n",
				this.jdbc.queryForList("EXPLAIN " + StuckVolumeStore.CLAIM_EXTENDING, String.class, "extending", cutoff,
						200, now)))
			.contains("volumes_unsettled_idx")
			.doesNotContain("Seq Scan on volumes");
	}

	private UUID snapshot(UUID volume, String status, Instant updatedAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO snapshots (id, volume_id, project_id, user_id, status, volume_size, volume_type_id,
				                       created_at, updated_at)
				VALUES (?, ?, 'p1', 'u1', ?, 3, ?, ?, ?)""", id, volume, status, this.goldType,
				Timestamp.from(updatedAt), Timestamp.from(updatedAt));
		return id;
	}

	private UUID insert(String status, String host, Instant updatedAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, host, volume_type_id, availability_zone,
				                     created_at, updated_at)
				VALUES (?, 'p1', 'u1', 3, ?, ?, ?, 'nova', ?, ?)""", id, status, host, this.goldType,
				Timestamp.from(updatedAt), Timestamp.from(updatedAt));
		return id;
	}

}
