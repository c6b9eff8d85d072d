package io.basalt.volume.manager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.basalt.common.quota.QuotaLedger;
import io.basalt.common.state.GroupStatus;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The volume manager's reads and guarded writes of {@code groups} and {@code group_snapshots}: each change is one
 * statement guarded by the status (and, for groups, the backend) it expects, so a redelivered message changes
 * nothing. Thread-safe and stateless.
 */
public class GroupStore {

	private final JdbcTemplate jdbc;

	public GroupStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether the live group is in {@code status} and placed on {@code backend}. */
	public boolean isGroup(String groupId, String status, String backend) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				SELECT EXISTS (SELECT 1 FROM groups WHERE id = ? AND status = ? AND host = ? AND NOT deleted)""",
				Boolean.class, UUID.fromString(groupId), status, backend));
	}

	/** Moves a live group from {@code from} to {@code to}; whether it moved. */
	public boolean moveGroup(String groupId, String from, String to, Instant now) {
		return this.jdbc.update("UPDATE groups SET status = ?, updated_at = ? WHERE id = ? AND status = ? AND NOT deleted",
				to, ts(now), UUID.fromString(groupId), from) == 1;
	}

	/** The live volumes of a group in {@code status}, in creation order. */
	public List<String> volumesOf(String groupId, String status) {
		return this.jdbc.queryForList("""
				SELECT id::text FROM volumes WHERE group_id = ? AND status = ? AND NOT deleted ORDER BY created_at, id""",
				String.class, UUID.fromString(groupId), status);
	}

	/**
	 * {@code updating} → {@code available} (PostgreSQL runs every data-modifying CTE), with {@code add} volumes joined to the group (those in no group) and
	 * {@code remove} volumes taken out of it, in one statement.
	 */
	public boolean applyUpdate(String groupId, List<String> add, List<String> remove, Instant now) {
		UUID id = UUID.fromString(groupId);
		Integer moved = this.jdbc.queryForObject("""
				WITH g AS (
				    UPDATE groups SET status = ?, updated_at = ? WHERE id = ? AND status = ?
				    AND NOT deleted RETURNING id
				), a AS (
				    UPDATE volumes v SET group_id = g.id, updated_at = ?, version = version + 1 FROM g
				    WHERE v.id::text = ANY (?) AND v.group_id IS NULL AND NOT v.deleted RETURNING v.id
				), r AS (
				    UPDATE volumes v SET group_id = NULL, updated_at = ?, version = version + 1 FROM g
				    WHERE v.id::text = ANY (?) AND v.group_id = g.id AND NOT v.deleted RETURNING v.id
				)
				SELECT count(*)::int FROM g""",
				Integer.class, GroupStatus.AVAILABLE.wire(), ts(now), id, GroupStatus.UPDATING.wire(), ts(now),
				add.toArray(String[]::new), ts(now),
				remove.toArray(String[]::new));
		return moved != null && moved == 1;
	}

	/** {@code deleting} → soft-deleted, and the project's {@code groups} usage given back, in one statement. */
	public boolean markGroupDeleted(String groupId, Instant now) {
		Integer deleted = this.jdbc.queryForObject("""
				WITH g AS (
				    UPDATE groups SET status = ?, deleted = true, deleted_at = ?, updated_at = ?
				    WHERE id = ? AND status = ? AND NOT deleted RETURNING project_id
				), """ + QuotaLedger.inUseChange(QuotaLedger.countDelta("g", "groups")) + """

				SELECT count(*)::int FROM g""", Integer.class, GroupStatus.DELETED.wire(), ts(now), ts(now),
				UUID.fromString(groupId), GroupStatus.DELETING.wire(), ts(now));
		return deleted != null && deleted == 1;
	}

	/** Whether the live group snapshot is in {@code status} and its group placed on {@code backend}. */
	public boolean isGroupSnapshot(String groupSnapshotId, String status, String backend) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				SELECT EXISTS (SELECT 1 FROM group_snapshots s JOIN groups g ON g.id = s.group_id
				WHERE s.id = ? AND s.status = ? AND g.host = ? AND NOT s.deleted)""", Boolean.class,
				UUID.fromString(groupSnapshotId), status, backend));
	}

	/** The snapshots of a group snapshot in {@code status}. */
	public List<String> snapshotsOf(String groupSnapshotId, String status) {
		return this.jdbc.queryForList("""
				SELECT id::text FROM snapshots WHERE group_snapshot_id = ? AND status = ? AND NOT deleted
				ORDER BY created_at, id""", String.class, UUID.fromString(groupSnapshotId), status);
	}

	/** Moves a live group snapshot from {@code from} to {@code to} ({@code deleted} soft-deletes it). */
	public boolean moveGroupSnapshot(String groupSnapshotId, String from, String to, Instant now) {
		boolean gone = GroupStatus.DELETED.wire().equals(to);
		return this.jdbc.update("""
				UPDATE group_snapshots SET status = ?, updated_at = ?, deleted = ?,
				       deleted_at = CASE WHEN ? THEN ?::timestamptz END
				WHERE id = ? AND status = ? AND NOT deleted""", to, ts(now), gone, gone, ts(now),
				UUID.fromString(groupSnapshotId), from) == 1;
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

}
