package io.basalt.scheduler.sweep;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.basalt.common.scheduler.GroupSpec;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerHints;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.common.state.GroupStatus;
import io.basalt.common.state.MigrationStatus;
import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.VolumeStatus;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Finds and claims volumes and snapshots that have sat in {@code creating}, {@code deleting} (or, volumes,
 * {@code extending} and {@code reverting}) for too long, and groups and group snapshots in {@code creating} or
 * {@code deleting}. Claiming bumps
 * {@code updated_at} under {@code FOR UPDATE SKIP LOCKED}, so several schedulers sweeping at once never take
 * the same volume, and a claimed volume is not looked at again before another {@code stuckAfter} passes.
 * Thread-safe; runs off the scheduling path.
 */
public class StuckVolumeStore {

	/**
	 * Claims volumes in a status (parameters: status, cutoff, batch, now). Its {@code status = ? AND NOT deleted}
	 * lets it use {@code volumes_unsettled_idx} (V15) for every status the sweeper asks for, none of which is
	 * {@code available} or {@code in-use}: the look costs the volumes in that status, not the table.
	 */
	static final String CLAIM_VOLUMES = """
			WITH c AS (
			    SELECT id FROM volumes
			    WHERE status = ? AND NOT deleted AND COALESCE(updated_at, created_at) < ?
			    ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED
			)
			UPDATE volumes v SET updated_at = ?, version = v.version + 1 FROM c WHERE v.id = c.id
			RETURNING v.id, v.status, v.host, v.project_id, v.size, v.volume_type_id, v.availability_zone,
			          v.snapshot_id, v.source_volid""";

	/** Claims volumes in {@code extending} (parameters: status, cutoff, batch, now), on the same index. */
	static final String CLAIM_EXTENDING = """
			WITH c AS (
			    SELECT id FROM volumes
			    WHERE status = ? AND NOT deleted AND COALESCE(updated_at, created_at) < ?
			    ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED
			)
			UPDATE volumes v SET updated_at = ?, version = v.version + 1 FROM c WHERE v.id = c.id
			RETURNING v.id, v.host, v.size, v.extend_to_size""";

	private final JdbcTemplate jdbc;

	public StuckVolumeStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Claims up to {@code batch} volumes in {@code status} unchanged since before {@code cutoff}. */
	public List<StuckVolume> claim(String status, Instant cutoff, Instant now, int batch) {
		List<Map<String, Object>> rows = this.jdbc.queryForList(CLAIM_VOLUMES, status, Timestamp.from(cutoff), batch,
				Timestamp.from(now));
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<UUID, VolumeTypeSpec> types = types(rows);
		return rows.stream().map(r -> toStuckVolume(r, types)).toList();
	}

	/**
	 * Claims up to {@code batch} snapshots in {@code status} unchanged since before {@code cutoff}, with the host of
	 * their volume (the same claim rules as for volumes).
	 */
	public List<StuckSnapshot> claimSnapshots(String status, Instant cutoff, Instant now, int batch) {
		return this.jdbc.query("""
				WITH c AS (
				    SELECT id FROM snapshots
				    WHERE status = ? AND NOT deleted AND COALESCE(updated_at, created_at) < ?
				    ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED
				), claimed AS (
				    UPDATE snapshots s SET updated_at = ?, version = s.version + 1 FROM c WHERE s.id = c.id
				    RETURNING s.id, s.status, s.volume_id
				)
				SELECT claimed.id, claimed.status, v.host FROM claimed JOIN volumes v ON v.id = claimed.volume_id""",
				(rs, i) -> new StuckSnapshot(rs.getString(1), rs.getString(2), rs.getString(3)), status,
				Timestamp.from(cutoff), batch, Timestamp.from(now));
	}

	/**
	 * Claims up to {@code batch} volumes in {@code extending} unchanged since before {@code cutoff}, with the size
	 * their extend was accepted for (the same claim rules as for the other statuses).
	 */
	public List<StuckExtend> claimExtending(Instant cutoff, Instant now, int batch) {
		return this.jdbc.query(CLAIM_EXTENDING,
				(rs, i) -> new StuckExtend(rs.getString(1), rs.getString(2), rs.getInt(3),
						(Integer) rs.getObject(4)),
				VolumeStatus.EXTENDING.wire(), Timestamp.from(cutoff), batch, Timestamp.from(now));
	}

	/**
	 * Claims up to {@code batch} volumes in {@code reverting} unchanged since before {@code cutoff}, with the
	 * snapshot in {@code restoring} they are reverted to (the same claim rules as for the other statuses).
	 */
	public List<StuckRevert> claimReverting(Instant cutoff, Instant now, int batch) {
		return this.jdbc.query("""
				WITH c AS (
				    SELECT id FROM volumes
				    WHERE status = ? AND NOT deleted AND COALESCE(updated_at, created_at) < ?
				    ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED
				), claimed AS (
				    UPDATE volumes v SET updated_at = ?, version = v.version + 1 FROM c WHERE v.id = c.id
				    RETURNING v.id, v.host
				)
				SELECT claimed.id, claimed.host,
				       (SELECT s.id FROM snapshots s WHERE s.volume_id = claimed.id AND s.status = ?
				          AND NOT s.deleted ORDER BY s.created_at DESC LIMIT 1)
				FROM claimed""", (rs, i) -> new StuckRevert(rs.getString(1), rs.getString(2), rs.getString(3)),
				VolumeStatus.REVERTING.wire(), Timestamp.from(cutoff), batch, Timestamp.from(now),
				SnapshotStatus.RESTORING.wire());
	}

	/** Claims up to {@code batch} groups in {@code status} unchanged since before {@code cutoff}. */
	public List<StuckGroup> claimGroups(String status, Instant cutoff, Instant now, int batch) {
		return this.jdbc.query("""
				WITH c AS (
				    SELECT id FROM groups
				    WHERE status = ? AND NOT deleted AND COALESCE(updated_at, created_at) < ?
				    ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED
				)
				UPDATE groups g SET updated_at = ? FROM c WHERE g.id = c.id
				RETURNING g.id, g.status, g.host, (g.group_snapshot_id IS NOT NULL OR g.source_group_id IS NOT NULL)""",
				(rs, i) -> new StuckGroup(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
				status, Timestamp.from(cutoff), batch, Timestamp.from(now));
	}

	/**
	 * Claims up to {@code batch} group snapshots in {@code status} unchanged since before {@code cutoff}, with the
	 * host of their group.
	 */
	public List<StuckGroup> claimGroupSnapshots(String status, Instant cutoff, Instant now, int batch) {
		return this.jdbc.query("""
				WITH c AS (
				    SELECT id FROM group_snapshots
				    WHERE status = ? AND NOT deleted AND COALESCE(updated_at, created_at) < ?
				    ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED
				), claimed AS (
				    UPDATE group_snapshots s SET updated_at = ? FROM c WHERE s.id = c.id
				    RETURNING s.id, s.status, s.group_id
				)
				SELECT claimed.id, claimed.status, g.host FROM claimed JOIN groups g ON g.id = claimed.group_id""",
				(rs, i) -> new StuckGroup(rs.getString(1), rs.getString(2), rs.getString(3), false), status,
				Timestamp.from(cutoff), batch, Timestamp.from(now));
	}

	/**
	 * The scheduler's request to place group {@code groupId}, built as the api builds it (the group type's specs,
	 * every volume type of the group in order, the first as the request's type), or null if the group or its
	 * types are gone.
	 */
	public RequestSpec groupRequest(String groupId) {
		UUID id = UUID.fromString(groupId);
		List<Map<String, Object>> groups = this.jdbc.queryForList(
				"SELECT project_id, availability_zone, group_type_id FROM groups WHERE id = ? AND NOT deleted", id);
		if (groups.isEmpty()) {
			return null;
		}
		Map<String, Object> group = groups.get(0);
		UUID groupType = (UUID) group.get("group_type_id");
		Map<String, String> groupSpecs = new LinkedHashMap<>();
		this.jdbc.query("SELECT key, value FROM group_type_specs WHERE group_type_id = ? ORDER BY key",
				rs -> {
					groupSpecs.put(rs.getString(1), rs.getString(2));
				}, groupType);
		List<Map<String, Object>> typeRows = this.jdbc.queryForList(
				"SELECT volume_type_id FROM group_volume_types WHERE group_id = ? ORDER BY position", id);
		if (typeRows.isEmpty()) {
			return null;
		}
		Map<UUID, VolumeTypeSpec> types = types(typeRows);
		List<VolumeTypeSpec> ordered = typeRows.stream().map(r -> types.get((UUID) r.get("volume_type_id"))).toList();
		GroupSpec spec = new GroupSpec(groupId, groupType.toString(), groupSpecs, ordered);
		return new RequestSpec(null, (String) group.get("project_id"), 0, ordered.get(0),
				(String) group.get("availability_zone"), null, null, SchedulerHints.NONE, spec);
	}

	/**
	 * Up to {@code batch} volumes whose migration has been {@code starting} since before {@code cutoff} (no
	 * scheduler or source backend took it). Not claimed: ending one is a guarded {@code UPDATE} that only one
	 * sweeper wins.
	 */
	public List<StuckMigration> startingMigrations(Instant cutoff, int batch) {
		return migrations(MigrationStatus.STARTING, cutoff, batch);
	}

	/**
	 * Up to {@code batch} volumes whose migration has been {@code migrating} (the source backend copying) since
	 * before {@code cutoff}; not claimed, as for {@link #startingMigrations}.
	 */
	public List<StuckMigration> migratingMigrations(Instant cutoff, int batch) {
		return migrations(MigrationStatus.MIGRATING, cutoff, batch);
	}

	private List<StuckMigration> migrations(MigrationStatus status, Instant cutoff, int batch) {
		return this.jdbc.query("""
				SELECT id, host, migration_new_type_id FROM volumes
				WHERE migration_status = ? AND NOT deleted AND COALESCE(updated_at, created_at) < ?
				ORDER BY updated_at LIMIT ?""",
				(rs, i) -> new StuckMigration(rs.getString(1), rs.getString(2), rs.getString(3)), status.wire(),
				Timestamp.from(cutoff), batch);
	}

	/**
	 * Moves up to {@code batch} groups unchanged in {@code updating} since before {@code cutoff} to {@code error}
	 * and returns them (their {@code host} may be null). The volumes to add and remove travel only in the
	 * {@code update_group} cast, so the work cannot be sent again; the api's update changes no volume before the
	 * volume service applies it, so there is nothing to undo on them. One statement under
	 * {@code FOR UPDATE SKIP LOCKED}: several sweepers never end the same group, and a volume service that applies
	 * the update afterwards finds the group no longer {@code updating} and changes nothing.
	 */
	public List<StuckGroup> failUpdatingGroups(Instant cutoff, Instant now, int batch) {
		return this.jdbc.query("""
				WITH c AS (
				    SELECT id FROM groups
				    WHERE status = ? AND NOT deleted AND COALESCE(updated_at, created_at) < ?
				    ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED
				)
				UPDATE groups g SET status = ?, updated_at = ? FROM c WHERE g.id = c.id AND g.status = ?
				RETURNING g.id, g.host""",
				(rs, i) -> new StuckGroup(rs.getString(1), GroupStatus.ERROR.wire(), rs.getString(2), false),
				GroupStatus.UPDATING.wire(), Timestamp.from(cutoff), batch, GroupStatus.ERROR.wire(),
				Timestamp.from(now), GroupStatus.UPDATING.wire());
	}

	/** Takes the host away from a {@code creating} volume whose backend is gone, so that it is placed again. */
	public boolean release(String volumeId, String host, String reason, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET host = NULL, status_reason = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND status = ? AND host = ? AND NOT deleted""", reason, Timestamp.from(now),
				UUID.fromString(volumeId), VolumeStatus.CREATING.wire(), host) == 1;
	}

	private Map<UUID, VolumeTypeSpec> types(List<Map<String, Object>> rows) {
		UUID[] ids = rows.stream().map(r -> (UUID) r.get("volume_type_id")).distinct().toArray(UUID[]::new);
		Map<UUID, String> names = new HashMap<>();
		Map<UUID, Map<String, String>> specs = new HashMap<>();
		this.jdbc.query("""
				SELECT t.id, t.name, s.key, s.value FROM volume_types t
				LEFT JOIN volume_type_extra_specs s ON s.volume_type_id = t.id
				WHERE t.id = ANY (?)""", rs -> {
			UUID id = (UUID) rs.getObject("id");
			names.put(id, rs.getString("name"));
			Map<String, String> m = specs.computeIfAbsent(id, k -> new LinkedHashMap<>());
			if (rs.getString("key") != null) {
				m.put(rs.getString("key"), rs.getString("value"));
			}
		}, (Object) ids);
		Map<UUID, VolumeTypeSpec> types = new HashMap<>();
		names.forEach((id, name) -> types.put(id, new VolumeTypeSpec(id.toString(), name, specs.get(id))));
		return types;
	}

	private static StuckVolume toStuckVolume(Map<String, Object> r, Map<UUID, VolumeTypeSpec> types) {
		String id = r.get("id").toString();
		RequestSpec spec = new RequestSpec(id, (String) r.get("project_id"), ((Number) r.get("size")).intValue(),
				types.get((UUID) r.get("volume_type_id")), (String) r.get("availability_zone"),
				str(r.get("snapshot_id")), str(r.get("source_volid")), SchedulerHints.NONE);
		return new StuckVolume(id, (String) r.get("status"), (String) r.get("host"), spec);
	}

	private static String str(Object value) {
		return (value != null) ? value.toString() : null;
	}

}
