package io.basalt.api.group;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.basalt.api.web.Timestamps;
import io.basalt.api.web.Uuids;
import io.basalt.common.state.GroupStatus;
import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.VolumeStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code group_snapshots} and the member {@code snapshots} rows over plain JDBC; status changes are single
 * guarded statements. Thread-safe.
 */
@Repository
public class GroupSnapshotStore {

	private static final String COLUMNS = """
			id::text, project_id, user_id, group_id::text, group_type_id::text, name, description, status, created_at""";

	private final JdbcTemplate jdbc;

	public GroupSnapshotStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<GroupSnapshotRecord> find(String id, String projectScope) {
		UUID uuid = Uuids.parse(id);
		if (uuid == null) {
			return Optional.empty();
		}
		return ((projectScope == null) ? query("id = ?", uuid) : query("id = ? AND project_id = ?", uuid,
				projectScope)).stream().findFirst();
	}

	/** Live group snapshots, newest first, optionally of one project and one group. */
	public List<GroupSnapshotRecord> list(String projectScope, String groupId) {
		UUID group = (groupId != null) ? Uuids.parse(groupId) : null;
		if (groupId != null && group == null) {
			return List.of();
		}
		if (projectScope == null) {
			return (group == null) ? query("TRUE") : query("group_id = ?", group);
		}
		return (group == null) ? query("project_id = ?", projectScope)
				: query("project_id = ? AND group_id = ?", projectScope, group);
	}

	private List<GroupSnapshotRecord> query(String condition, Object... args) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM group_snapshots WHERE NOT deleted AND " + condition
				+ " ORDER BY created_at DESC, id", (rs, i) -> new GroupSnapshotRecord(rs.getString(1), rs.getString(2),
						rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
						rs.getString(8), Timestamps.instant(rs.getTimestamp(9))),
				args);
	}

	/**
	 * Inserts the group snapshot and one {@code creating} snapshot per live volume of the group (Cinder's
	 * {@code _create_group_snapshot} entries); returns how many snapshots were made.
	 */
	public int insert(GroupSnapshotRecord s) {
		Timestamp created = Timestamps.sql(s.createdAt());
		UUID id = UUID.fromString(s.id());
		this.jdbc.update("""
				INSERT INTO group_snapshots (id, project_id, user_id, group_id, group_type_id, name, description,
				    status, created_at, deleted)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, false)""", id, s.projectId(), s.userId(), UUID.fromString(s.groupId()),
				UUID.fromString(s.groupTypeId()), s.name(), s.description(), s.status(), created);
		return this.jdbc.update("""
				INSERT INTO snapshots (id, volume_id, project_id, user_id, display_name, display_description, status,
				    progress, volume_size, volume_type_id, group_snapshot_id, use_quota, created_at, deleted, version)
				SELECT gen_random_uuid(), v.id, v.project_id, ?, 'snapshot-' || v.id, ?, ?, '0%', v.size,
				       v.volume_type_id, ?, true, ?, false, 0
				FROM volumes v WHERE v.group_id = ? AND NOT v.deleted""", s.userId(), s.description(),
				SnapshotStatus.CREATING.wire(), id, created, UUID.fromString(s.groupId()));
	}

	/** The group snapshot and its snapshots → {@code deleting}, from {@code available}/{@code error}. */
	public boolean markDeleting(String id, Instant now) {
		Timestamp ts = Timestamp.from(now);
		UUID uuid = UUID.fromString(id);
		boolean moved = this.jdbc.update("""
				UPDATE group_snapshots SET status = ?, updated_at = ?
				WHERE id = ? AND NOT deleted AND status = ANY(?)""", GroupStatus.DELETING.wire(), ts, uuid,
				GroupStatus.wires(GroupStatus.DELETABLE)) == 1;
		if (moved) {
			this.jdbc.update("""
					UPDATE snapshots SET status = ?, updated_at = ?, version = version + 1
					WHERE group_snapshot_id = ? AND NOT deleted""", SnapshotStatus.DELETE.toWire(), ts, uuid);
		}
		return moved;
	}

	/** Moves a live group snapshot to {@code status} if in one of {@code from} (any when empty). */
	public boolean transition(String id, List<String> from, String status, Instant now) {
		if (from.isEmpty()) {
			return this.jdbc.update(
					"UPDATE group_snapshots SET status = ?, updated_at = ? WHERE id = ? AND NOT deleted", status,
					Timestamp.from(now), UUID.fromString(id)) == 1;
		}
		return this.jdbc.update("""
				UPDATE group_snapshots SET status = ?, updated_at = ?
				WHERE id = ? AND NOT deleted AND status = ANY (?)""", status, Timestamp.from(now), UUID.fromString(id),
				from.toArray(String[]::new)) == 1;
	}

	/** The snapshots' quota deltas of snapping every live volume of a group: [count, gigabytes] per type name. */
	public List<Object[]> volumeUsage(String groupId) {
		return this.jdbc.query("""
				SELECT t.name, count(*)::int, COALESCE(sum(v.size), 0)::int FROM volumes v
				JOIN volume_types t ON t.id = v.volume_type_id
				WHERE v.group_id = ? AND NOT v.deleted GROUP BY t.name ORDER BY t.name""",
				(rs, i) -> new Object[] { rs.getString(1), rs.getInt(2), rs.getInt(3) }, UUID.fromString(groupId));
	}

	/** Whether a live volume of the group is not {@code available}/{@code in-use}. */
	public String unsnappableVolume(String groupId) {
		List<String> found = this.jdbc.queryForList("""
				SELECT id::text || ' (' || status || ')' FROM volumes WHERE group_id = ? AND NOT deleted
				AND status <> ALL(?) LIMIT 1""", String.class, UUID.fromString(groupId),
				VolumeStatus.wires(VolumeStatus.SNAPPABLE));
		return found.isEmpty() ? null : found.get(0);
	}

}
