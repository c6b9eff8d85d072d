package io.basalt.bench.scale;

import java.time.Instant;
import java.util.UUID;

/**
 * Grows the preloaded volume rows to a size, straight into PostgreSQL with {@code COPY}: the columns the api's
 * {@code VolumeStore.insert} writes plus what the volume manager adds later (host, launched_at, the deletion
 * columns), the volumes' metadata, a snapshot (with metadata) of every fifth row, and each project's
 * {@code quota_usages} recomputed from the rows as {@code bin/basalt-manage quota check} counts them. Row {@code i}
 * is always the same volume, so growing from 10,000 to 100,000 adds rows 10,000..99,999 only.
 *
 * <p>The mix: every tenth row is deleted (soft, as the api leaves it), 1 % error, 0.1 % each of creating, deleting
 * and extending (updated now, so not yet stuck), the rest available; rows 0, 5, 10, ... (all available) have a
 * snapshot. Sizes 1..10 GiB.
 */
final class Preloader {

	/** Where row {@code i}'s timestamps start: fixed, so that the order never changes between runs. */
	static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

	private static final long VOLUME_HIGH = 0x5ca1e000_0000_4000L;

	private static final long SNAPSHOT_HIGH = 0x5ca1e5a0_0000_4000L;

	private final Psql psql;

	private final ScaleOptions options;

	Preloader(Psql psql, ScaleOptions options) {
		this.psql = psql;
		this.options = options;
	}

	static UUID volumeId(long i) {
		return new UUID(VOLUME_HIGH, 0x8000_0000_0000_0000L | i);
	}

	static String project(long i, int projects) {
		return String.format("scale-%02d", i % projects);
	}

	static String status(long i) {
		if (i % 10 == 9) {
			return "deleted";
		}
		if (i % 100 == 3) {
			return "error";
		}
		return switch ((int) (i % 1000)) {
			case 7 -> "creating";
			case 17 -> "deleting";
			case 27 -> "extending";
			default -> "available";
		};
	}

	static boolean hasSnapshot(long i) {
		return i % 5 == 0 && "available".equals(status(i));
	}

	/** Deletes every preloaded row (projects {@code scale-*}) and their quota usage. */
	void reset() {
		this.psql.run("""
				DELETE FROM snapshot_metadata WHERE snapshot_id IN (SELECT id FROM snapshots WHERE project_id LIKE 'scale-%');
				DELETE FROM snapshots WHERE project_id LIKE 'scale-%';
				DELETE FROM volume_metadata WHERE volume_id IN (SELECT id FROM volumes WHERE project_id LIKE 'scale-%');
				DELETE FROM volumes WHERE project_id LIKE 'scale-%';
				DELETE FROM quota_usages WHERE project_id LIKE 'scale-%';
				""");
	}

	/** Preloaded volume rows so far. */
	long count() {
		return Long.parseLong(this.psql.value("SELECT count(*) FROM volumes WHERE project_id LIKE 'scale-%'"));
	}

	/** Adds rows {@code from..to-1}, then refreshes quota usage and the planner's statistics. */
	void grow(long from, long to) {
		if (to <= from) {
			return;
		}
		String type = this.psql.value("SELECT id FROM volume_types WHERE name = '__DEFAULT__' AND NOT deleted");
		String now = Instant.now().toString();
		String host = this.options.host();
		int projects = this.options.projects();
		this.psql.copy("""
				volumes (id, project_id, user_id, display_name, size, status, attach_status, availability_zone, host,
				 volume_type_id, bootable, multiattach, use_quota, launched_at, terminated_at, created_at, updated_at,
				 deleted, deleted_at, version)""", sink -> {
			for (long i = from; i < to; i++) {
				String status = status(i);
				boolean deleted = "deleted".equals(status);
				Instant created = EPOCH.plusSeconds(i);
				String updated = switch (status) {
					case "creating", "deleting", "extending" -> now;
					default -> created.plusSeconds(60).toString();
				};
				sink.row(volumeId(i), project(i, projects), "scale", "scale-" + i, 1 + i % 10, status, "detached",
						"nova", host, type, "false", "false", "true",
						"creating".equals(status) ? null : created.plusSeconds(1),
						deleted ? created.plusSeconds(3600) : null, created, updated, deleted,
						deleted ? created.plusSeconds(3600) : null, 3);
			}
		});
		this.psql.copy("volume_metadata (volume_id, key, value)", sink -> {
			for (long i = from; i < to; i++) {
				sink.row(volumeId(i), "tier", (i % 3 == 0) ? "gold" : "silver");
				sink.row(volumeId(i), "owner", "team-" + (i % 17));
			}
		});
		this.psql.copy("""
				snapshots (id, volume_id, project_id, user_id, display_name, status, progress, volume_size,
				 volume_type_id, use_quota, created_at, updated_at, deleted, version)""", sink -> {
			for (long i = from; i < to; i++) {
				if (hasSnapshot(i)) {
					Instant created = EPOCH.plusSeconds(i).plusSeconds(120);
					sink.row(new UUID(SNAPSHOT_HIGH, 0x8000_0000_0000_0000L | i), volumeId(i), project(i, projects),
							"scale", "snap-" + i, "available", "100%", 1 + i % 10, type, "true", created,
							created.plusSeconds(10), "false", 2);
				}
			}
		});
		this.psql.copy("snapshot_metadata (snapshot_id, key, value)", sink -> {
			for (long i = from; i < to; i++) {
				if (hasSnapshot(i)) {
					sink.row(new UUID(SNAPSHOT_HIGH, 0x8000_0000_0000_0000L | i), "purpose", "backup");
				}
			}
		});
		refreshQuotaUsage();
		// what autovacuum does on its own some time after a bulk load: statistics and the visibility map
		this.psql.run("VACUUM (ANALYZE) volumes; VACUUM (ANALYZE) volume_metadata; VACUUM (ANALYZE) snapshots;");
	}

	/** {@code quota_usages} of the preloaded projects set to what their live rows use (as the api counts). */
	private void refreshQuotaUsage() {
		this.psql.run("""
				WITH v AS (
				    SELECT v.project_id, t.name AS type, count(*) AS n, sum(v.size) AS gb
				    FROM volumes v JOIN volume_types t ON t.id = v.volume_type_id
				    WHERE v.project_id LIKE 'scale-%' AND NOT v.deleted AND v.use_quota
				    GROUP BY v.project_id, t.name
				), s AS (
				    SELECT s.project_id, t.name AS type, count(*) AS n, sum(s.volume_size) AS gb
				    FROM snapshots s JOIN volume_types t ON t.id = s.volume_type_id
				    WHERE s.project_id LIKE 'scale-%' AND NOT s.deleted AND s.use_quota
				    GROUP BY s.project_id, t.name
				), usage AS (
				    SELECT project_id, 'volumes' AS resource, n AS in_use FROM v
				    UNION ALL SELECT project_id, 'volumes_' || type, n FROM v
				    UNION ALL SELECT project_id, 'snapshots', n FROM s
				    UNION ALL SELECT project_id, 'snapshots_' || type, n FROM s
				    UNION ALL SELECT project_id, 'gigabytes', gb FROM v
				    UNION ALL SELECT project_id, 'gigabytes', gb FROM s
				    UNION ALL SELECT project_id, 'gigabytes_' || type, gb FROM v
				    UNION ALL SELECT project_id, 'gigabytes_' || type, gb FROM s
				)
				INSERT INTO quota_usages (project_id, resource, in_use, reserved, created_at, updated_at)
				SELECT project_id, resource, sum(in_use), 0, now(), now() FROM usage GROUP BY project_id, resource
				ON CONFLICT (project_id, resource) DO UPDATE SET in_use = EXCLUDED.in_use, updated_at = now();
				""");
	}

}
