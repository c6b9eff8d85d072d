package io.basalt.api.group;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.basalt.api.web.Timestamps;
import io.basalt.api.web.Uuids;
import io.basalt.common.quota.QuotaLedger;
import io.basalt.common.state.AttachStatus;
import io.basalt.common.state.GroupStatus;
import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.VolumeStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code groups} and {@code group_volume_types} over plain JDBC. Status changes are single statements guarded by
 * the statuses they leave. Thread-safe.
 */
@Repository
public class GroupStore {

	private static final String COLUMNS = """
			id::text, project_id, user_id, name, description, status, availability_zone, host, group_type_id::text,
			group_snapshot_id::text, source_group_id::text, created_at""";

	private final JdbcTemplate jdbc;

	public GroupStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A live group, of {@code projectScope} only unless it is null (admins). */
	public Optional<GroupRecord> find(String id, String projectScope) {
		UUID uuid = Uuids.parse(id);
		if (uuid == null) {
			return Optional.empty();
		}
		List<GroupRecord> found = (projectScope == null) ? query("id = ?", uuid)
				: query("id = ? AND project_id = ?", uuid, projectScope);
		return found.stream().findFirst();
	}

	/** Live groups, newest first; of {@code projectScope} only unless it is null. */
	public List<GroupRecord> list(String projectScope) {
		return (projectScope == null) ? query("TRUE") : query("project_id = ?", projectScope);
	}

	private List<GroupRecord> query(String condition, Object... args) {
		List<GroupRecord> rows = this.jdbc.query("SELECT " + COLUMNS + " FROM groups WHERE NOT deleted AND "
				+ condition + " ORDER BY created_at DESC, id", (rs, i) -> new GroupRecord(rs.getString(1),
						rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
						rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
						Timestamps.instant(rs.getTimestamp(12)), null),
				args);
		if (rows.isEmpty()) {
			return rows;
		}
		Map<String, List<String>> types = new HashMap<>();
		this.jdbc.query("""
				SELECT group_id::text, volume_type_id::text FROM group_volume_types
				WHERE group_id = ANY (?) ORDER BY position""", rs -> {
			types.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
		}, (Object) rows.stream().map(r -> UUID.fromString(r.id())).toArray(UUID[]::new));
		return rows.stream()
			.map(r -> new GroupRecord(r.id(), r.projectId(), r.userId(), r.name(), r.description(), r.status(),
					r.availabilityZone(), r.host(), r.groupTypeId(), r.groupSnapshotId(), r.sourceGroupId(),
					r.createdAt(), types.get(r.id())))
			.toList();
	}

	public void insert(GroupRecord g) {
		UUID id = UUID.fromString(g.id());
		this.jdbc.update("""
				INSERT INTO groups (id, project_id, user_id, name, description, status, availability_zone, host,
				    group_type_id, group_snapshot_id, source_group_id, created_at, deleted)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false)""", id, g.projectId(), g.userId(), g.name(),
				g.description(), g.status(), g.availabilityZone(), g.host(), UUID.fromString(g.groupTypeId()),
				Uuids.parse(g.groupSnapshotId()), Uuids.parse(g.sourceGroupId()), Timestamps.sql(g.createdAt()));
		List<Object[]> types = new ArrayList<>();
		for (int i = 0; i < g.volumeTypeIds().size(); i++) {
			types.add(new Object[] { id, UUID.fromString(g.volumeTypeIds().get(i)), i });
		}
		this.jdbc.batchUpdate("INSERT INTO group_volume_types (group_id, volume_type_id, position) VALUES (?, ?, ?)",
				types);
	}

	/** Moves a live group to {@code status} if its status is one of {@code from} (any when empty). */
	public boolean transition(String id, List<String> from, String status, Instant now) {
		if (from.isEmpty()) {
			return this.jdbc.update("UPDATE groups SET status = ?, updated_at = ? WHERE id = ? AND NOT deleted",
					status, Timestamp.from(now), UUID.fromString(id)) == 1;
		}
		return this.jdbc.update("""
				UPDATE groups SET status = ?, updated_at = ? WHERE id = ? AND NOT deleted AND status = ANY (?)""",
				status, Timestamp.from(now), UUID.fromString(id), from.toArray(String[]::new)) == 1;
	}

	/** Sets name and description (null = unchanged). */
	public void rename(String id, String name, String description, Instant now) {
		this.jdbc.update("""
				UPDATE groups SET name = COALESCE(?, name), description = COALESCE(?, description), updated_at = ?
				WHERE id = ? AND NOT deleted""", name, description, Timestamp.from(now), UUID.fromString(id));
	}

	/** The ids of the group's live volumes, oldest first. */
	public List<String> volumeIds(String groupId) {
		return this.jdbc.queryForList("""
				SELECT id::text FROM volumes WHERE group_id = ? AND NOT deleted ORDER BY created_at, id""",
				String.class, UUID.fromString(groupId));
	}

	/** Whether the group has live group snapshots. */
	public boolean hasSnapshots(String groupId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM group_snapshots WHERE group_id = ? AND NOT deleted)", Boolean.class,
				UUID.fromString(groupId)));
	}

	/**
	 * The reason the group's volumes cannot all be deleted (one attached, in a transitional status, or with
	 * snapshots outside group snapshots), or null.
	 */
	public String undeletableVolume(String groupId) {
		List<String> reasons = this.jdbc.queryForList("""
				SELECT CASE WHEN v.attach_status = ? THEN 'Volume in group ' || g.id || ' is attached. Need to detach first.'
				            WHEN EXISTS (SELECT 1 FROM snapshots s WHERE s.volume_id = v.id AND NOT s.deleted
				                         AND s.group_snapshot_id IS NULL)
				              THEN 'Volume in group ' || g.id || ' still has dependent snapshots.'
				            ELSE 'Volume ' || v.id || ' status must be available or error, but current status is: '
				                 || v.status || '.' END
				FROM volumes v JOIN groups g ON g.id = v.group_id
				WHERE v.group_id = ? AND NOT v.deleted AND (v.attach_status = ?
				      OR v.status <> ALL(?)
				      OR EXISTS (SELECT 1 FROM snapshots s WHERE s.volume_id = v.id AND NOT s.deleted
				                 AND s.group_snapshot_id IS NULL))
				LIMIT 1""", String.class, AttachStatus.ATTACHED.wire(), UUID.fromString(groupId),
				AttachStatus.ATTACHED.wire(), VolumeStatus.wires(VolumeStatus.DELETABLE));
		return reasons.isEmpty() ? null : reasons.get(0);
	}

	/** The group ({@code available}/{@code error}) and all its volumes → {@code deleting}; whether it moved. */
	public boolean markDeleting(String groupId, boolean withVolumes, Instant now) {
		Timestamp ts = Timestamp.from(now);
		UUID id = UUID.fromString(groupId);
		boolean moved = this.jdbc.update("""
				UPDATE groups SET status = ?, updated_at = ?
				WHERE id = ? AND NOT deleted AND status = ANY(?)""", GroupStatus.DELETING.wire(), ts, id,
				GroupStatus.wires(GroupStatus.DELETABLE)) == 1;
		if (moved && withVolumes) {
			this.jdbc.update("""
					UPDATE volumes SET status = ?, updated_at = ?, version = version + 1
					WHERE group_id = ? AND NOT deleted""", VolumeStatus.DELETING.wire(), ts, id);
			// their group snapshots' snapshots go with the volumes (Cinder deletes them with the group)
			this.jdbc.update("""
					UPDATE snapshots SET status = ?, updated_at = ? WHERE NOT deleted
					AND volume_id IN (SELECT id FROM volumes WHERE group_id = ? AND NOT deleted)""",
					SnapshotStatus.DELETE.toWire(), ts, id);
		}
		return moved;
	}

	/** Soft-deletes an empty group that was never placed, giving its {@code groups} quota back. */
	public boolean deleteUnplaced(String groupId, Instant now) {
		Integer n = this.jdbc.queryForObject("""
				WITH g AS (
				    UPDATE groups SET status = ?, deleted = true, deleted_at = ?, updated_at = ?
				    WHERE id = ? AND NOT deleted AND host IS NULL RETURNING project_id
				), """ + QuotaLedger.inUseChange(QuotaLedger.countDelta("g", "groups")) + """

				SELECT count(*)::int FROM g""", Integer.class, GroupStatus.DELETED.wire(), Timestamp.from(now),
				Timestamp.from(now), UUID.fromString(groupId), Timestamp.from(now));
		return n != null && n == 1;
	}

	/** The live volumes among {@code ids} with their project, status, type, group and host: id → row. */
	public Map<String, VolumeRow> volumes(List<String> ids) {
		Map<String, VolumeRow> rows = new HashMap<>();
		this.jdbc.query("""
				SELECT id::text, project_id, status, volume_type_id::text, group_id::text, host FROM volumes
				WHERE id::text = ANY (?) AND NOT deleted""", rs -> {
			rows.put(rs.getString(1), new VolumeRow(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6)));
		}, (Object) ids.toArray(String[]::new));
		return rows;
	}

	/** The volumes of a source group, as sources of the volumes of a new group. */
	public List<VolumeSource> sourcesOfGroup(String groupId) {
		return this.jdbc.query("""
				SELECT v.id::text, NULL, v.size, v.volume_type_id::text, t.name FROM volumes v
				JOIN volume_types t ON t.id = v.volume_type_id
				WHERE v.group_id = ? AND NOT v.deleted ORDER BY v.created_at, v.id""",
				(rs, i) -> new VolumeSource(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
						rs.getString(5)),
				UUID.fromString(groupId));
	}

	/** The snapshots of a group snapshot, as sources of the volumes of a new group. */
	public List<VolumeSource> sourcesOfGroupSnapshot(String groupSnapshotId) {
		return this.jdbc.query("""
				SELECT NULL, s.id::text, s.volume_size, s.volume_type_id::text, t.name FROM snapshots s
				JOIN volume_types t ON t.id = s.volume_type_id
				WHERE s.group_snapshot_id = ? AND NOT s.deleted ORDER BY s.created_at, s.id""",
				(rs, i) -> new VolumeSource(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
						rs.getString(5)),
				UUID.fromString(groupSnapshotId));
	}

	/** One {@code creating} volume per source, placed on the group's backend and in the group. */
	public void insertVolumes(GroupRecord group, List<VolumeSource> sources, String userId, Instant now) {
		List<Object[]> rows = new ArrayList<>();
		for (VolumeSource s : sources) {
			rows.add(new Object[] { UUID.randomUUID(), group.projectId(), userId, s.size(),
					VolumeStatus.CREATING.wire(), AttachStatus.DETACHED.wire(), group.availabilityZone(),
					group.host(), UUID.fromString(s.volumeTypeId()), Uuids.parse(s.snapshotId()),
					Uuids.parse(s.sourceVolid()), UUID.fromString(group.id()), Timestamp.from(now) });
		}
		this.jdbc.batchUpdate("""
				INSERT INTO volumes (id, project_id, user_id, size, status, attach_status, availability_zone, host,
				    volume_type_id, snapshot_id, source_volid, group_id, bootable, multiattach, use_quota,
				    created_at, scheduled_at, deleted, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, false, true, ?, now(), false, 0)""",
				rows);
	}

	/**
	 * A source of one volume of a group made from a source.
	 *
	 * @param sourceVolid the source volume, or null
	 * @param snapshotId the source snapshot, or null
	 * @param size GiB
	 * @param volumeTypeId the type of the new volume
	 * @param volumeTypeName its name (per-type quota)
	 */
	public record VolumeSource(String sourceVolid, String snapshotId, int size, String volumeTypeId,
			String volumeTypeName) {
	}

	/** What the group update checks of a volume. */
	public record VolumeRow(String id, String projectId, String status, String volumeTypeId, String groupId,
			String host) {
	}

}
