package io.basalt.api.volume;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.basalt.api.metadata.MetadataRows;
import io.basalt.api.web.Uuids;
import io.basalt.api.web.Timestamps;
import io.basalt.common.state.AttachStatus;
import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.Transition;
import io.basalt.common.state.VolumeStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code volumes} and {@code volume_metadata} over plain JDBC: one statement per read (type name joined, the
 * metadata of one volume in the same statement, metadata of a whole page in one more query), compare-and-set status
 * changes so that concurrent transitions cannot both win. Thread-safe.
 */
@Repository
public class VolumeStore {

	static final String SELECT = """
			SELECT v.id, v.project_id, v.user_id, v.display_name, v.display_description, v.size, v.status,
			       v.attach_status, v.migration_status, v.replication_status, v.availability_zone, v.host,
			       v.cluster_name, v.volume_type_id, t.name, v.snapshot_id, v.source_volid, v.group_id, v.bootable,
			       v.multiattach, v.use_quota, v.provider_id, v.created_at, v.updated_at, v.name_id
			FROM volumes v LEFT JOIN volume_types t ON t.id = v.volume_type_id""";

	/**
	 * {@link #SELECT} plus the volume's metadata keys and values (two arrays in key order) and its visible admin
	 * metadata (two more: {@code readonly} and {@code attached_mode}, the keys Cinder shows every reader), so that
	 * reading one volume — a status poll — is one statement.
	 */
	static final String SELECT_WITH_METADATA = SELECT.replace("\nFROM volumes v", """
			,
			       ARRAY(SELECT m.key FROM volume_metadata m WHERE m.volume_id = v.id ORDER BY m.key),
			       ARRAY(SELECT m.value FROM volume_metadata m WHERE m.volume_id = v.id ORDER BY m.key),
			       ARRAY(SELECT a.key FROM volume_admin_metadata a
			             WHERE a.volume_id = v.id AND a.key IN ('readonly', 'attached_mode') ORDER BY a.key),
			       ARRAY(SELECT a.value FROM volume_admin_metadata a
			             WHERE a.volume_id = v.id AND a.key IN ('readonly', 'attached_mode') ORDER BY a.key)
			FROM volumes v""");

	private static final String VISIBLE_ADMIN_METADATA = """
			SELECT volume_id, key, value FROM volume_admin_metadata
			WHERE volume_id = ANY(?) AND key IN ('readonly', 'attached_mode') ORDER BY key""";

	private final JdbcTemplate jdbc;

	public VolumeStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A live volume, of {@code projectId} unless it is null (admins). */
	public Optional<VolumeRecord> find(String id, String projectId) {
		UUID uuid = Uuids.parse(id);
		if (uuid == null) {
			return Optional.empty();
		}
		List<VolumeRecord> rows = (projectId != null)
				? this.jdbc.query(SELECT_WITH_METADATA + " WHERE v.id = ? AND NOT v.deleted AND v.project_id = ?",
						VolumeStore::mapWithMetadata, uuid, projectId)
				: this.jdbc.query(SELECT_WITH_METADATA + " WHERE v.id = ? AND NOT v.deleted",
						VolumeStore::mapWithMetadata, uuid);
		return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
	}

	/** A page of volumes for a built query. */
	public List<VolumeRecord> list(VolumeQuery query) {
		return withMetadata(this.jdbc.query(SELECT + query.whereOrderLimit(), VolumeStore::map,
				query.args().toArray()));
	}

	/** The sort-key values of a marker volume in scope, or empty if it is not visible. */
	public Optional<Object[]> markerValues(String markerId, String scopeProject, List<io.basalt.api.web.ListParams.SortKey> keys) {
		UUID uuid = Uuids.parse(markerId);
		if (uuid == null) {
			return Optional.empty();
		}
		int n = keys.size();
		String sql = "SELECT " + VolumeQuery.markerSelect(keys) + " FROM volumes v WHERE v.id = ? AND NOT v.deleted"
				+ ((scopeProject != null) ? " AND v.project_id = ?" : "");
		Object[] args = (scopeProject != null) ? new Object[] { uuid, scopeProject } : new Object[] { uuid };
		List<Object[]> rows = this.jdbc.query(sql, (rs, i) -> {
			Object[] values = new Object[n];
			for (int c = 0; c < n; c++) {
				values[c] = rs.getObject(c + 1);
			}
			return values;
		}, args);
		return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
	}

	/** The number of volumes matching a query's filters (paging ignored). */
	public int count(VolumeQuery query) {
		Integer n = this.jdbc.queryForObject("SELECT count(*) FROM volumes v" + query.where(), Integer.class,
				query.filterArgs().toArray());
		return (n != null) ? n : 0;
	}

	/** Inserts a new volume with its metadata. */
	public void insert(VolumeRecord v) {
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, display_name, display_description, size, status,
				    attach_status, availability_zone, volume_type_id, snapshot_id, source_volid, group_id, bootable,
				    multiattach, use_quota, created_at, deleted, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, 0)""", UUID.fromString(v.id()),
				v.projectId(), v.userId(), v.name(), v.description(), v.size(), v.status(), AttachStatus.DETACHED.wire(),
				v.availabilityZone(),
				UUID.fromString(v.volumeTypeId()), Uuids.parse(v.snapshotId()), Uuids.parse(v.sourceVolid()),
				Uuids.parse(v.groupId()), v.bootable(), v.multiattach(), v.useQuota(), Timestamps.sql(v.createdAt()));
		insertMetadata(v.id(), v.metadata());
	}

	/** Sets name, description (null = unchanged) and, when not null, replaces the metadata. */
	public void update(String id, String name, boolean setName, String description, boolean setDescription,
			Map<String, String> metadata, Instant now) {
		this.jdbc.update("""
				UPDATE volumes SET display_name = CASE WHEN ? THEN ? ELSE display_name END,
				       display_description = CASE WHEN ? THEN ? ELSE display_description END,
				       updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted""", setName, name, setDescription, description, Timestamp.from(now),
				UUID.fromString(id));
		if (metadata != null) {
			this.jdbc.update("DELETE FROM volume_metadata WHERE volume_id = ?", UUID.fromString(id));
			insertMetadata(id, metadata);
		}
	}

	/**
	 * Takes {@code transition} (a change the lifecycle table of {@link VolumeStatus} allows, checked when the
	 * {@link io.basalt.common.state.Transition} was built) if the live volume is in one of its from-statuses.
	 * Returns whether it moved.
	 */
	public boolean transition(String id, Transition<VolumeStatus> transition, Instant now) {
		return move(id, List.of(transition.fromWires()), transition.toWire(), now);
	}

	/**
	 * Moves a live volume to {@code status} if its status is one of {@code from} (any when {@code from} is
	 * empty: a forced delete, which the table allows from every live status).
	 */
	private boolean move(String id, List<String> from, String status, Instant now) {
		if (from.isEmpty()) {
			return this.jdbc.update("""
					UPDATE volumes SET status = ?, updated_at = ?, version = version + 1
					WHERE id = ? AND NOT deleted""", status, Timestamp.from(now), UUID.fromString(id)) > 0;
		}
		return this.jdbc.update("""
				UPDATE volumes SET status = ?, previous_status = status, updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted AND status = ANY(?)""", status, Timestamp.from(now), UUID.fromString(id),
				from.toArray(String[]::new)) > 0;
	}

	/**
	 * {@code from} → {@code extending} like {@link #transition}, recording {@code newSize} in
	 * {@code extend_to_size}: the volume service extends to that value, not to what the message says.
	 */
	public boolean transitionToExtending(String id, List<String> from, int newSize, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET status = ?, previous_status = status, extend_to_size = ?, updated_at = ?,
				       version = version + 1
				WHERE id = ? AND NOT deleted AND status = ANY(?)""", VolumeStatus.EXTENDING.wire(), newSize,
				Timestamp.from(now), UUID.fromString(id), from.toArray(String[]::new)) > 0;
	}

	/**
	 * {@code from} (any when empty) → {@code deleting} like {@link #transition}, and with {@code withoutSnapshots} only if the
	 * volume has no live snapshot (checked by the same statement, so a delete costs one round trip).
	 */
	public boolean transitionToDeleting(String id, List<String> from, boolean withoutSnapshots, Instant now) {
		if (!withoutSnapshots) {
			return move(id, from, VolumeStatus.DELETING.wire(), now);
		}
		return this.jdbc.update("""
				UPDATE volumes v SET status = ?, previous_status = status, updated_at = ?,
				       version = version + 1
				WHERE v.id = ? AND NOT v.deleted AND (cardinality(?::text[]) = 0 OR v.status = ANY(?::text[]))
				  AND NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.volume_id = v.id AND NOT s.deleted)""",
				VolumeStatus.DELETING.wire(), Timestamp.from(now), UUID.fromString(id), from.toArray(String[]::new),
				from.toArray(String[]::new)) > 0;
	}

	/**
	 * The volume side of a cascading delete, for a caller's transaction: {@code from} (any when empty) →
	 * {@code deleting} if no live snapshot of the volume is part of a group snapshot nor (unless {@code force}) in
	 * a status other than {@code available}, {@code error} or {@code deleting}; then its live snapshots →
	 * {@code deleting}. Returns whether the volume moved.
	 */
	public boolean transitionToDeletingWithSnapshots(String id, List<String> from, boolean force,
			Instant now) {
		int moved = this.jdbc.update("""
				UPDATE volumes v SET status = ?, previous_status = status, updated_at = ?,
				       version = version + 1
				WHERE v.id = ? AND NOT v.deleted AND (cardinality(?::text[]) = 0 OR v.status = ANY(?::text[]))
				  AND NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.volume_id = v.id AND NOT s.deleted
				                  AND (s.group_snapshot_id IS NOT NULL
				                       OR (NOT ? AND s.status <> ALL(?))))""",
				VolumeStatus.DELETING.wire(), Timestamp.from(now), UUID.fromString(id), from.toArray(String[]::new),
				from.toArray(String[]::new), force, SnapshotStatus.wires(SnapshotStatus.CASCADE_DELETABLE));
		if (moved == 0) {
			return false;
		}
		this.jdbc.update("""
				UPDATE snapshots SET status = ?, updated_at = ?, version = version + 1
				WHERE volume_id = ? AND NOT deleted""", SnapshotStatus.DELETE.toWire(), Timestamp.from(now),
				UUID.fromString(id));
		return true;
	}

	/** Sets the attach / migration status (admin reset); null arguments leave a column unchanged. */
	public void resetStatus(String id, String status, String attachStatus, String migrationStatus,
			boolean setMigration, Instant now) {
		this.jdbc.update("""
				UPDATE volumes SET status = COALESCE(?, status), attach_status = COALESCE(?, attach_status),
				       migration_status = CASE WHEN ? THEN ? ELSE migration_status END,
				       updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted""", status, attachStatus, setMigration, migrationStatus,
				Timestamp.from(now), UUID.fromString(id));
	}

	/** Soft-deletes a volume (and drops its metadata). */
	public boolean softDelete(String id, Instant now) {
		Timestamp ts = Timestamp.from(now);
		return this.jdbc.update("""
				UPDATE volumes SET deleted = true, deleted_at = ?, status = ?, terminated_at = ?,
				       updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted""", ts, VolumeStatus.DELETED.wire(), ts, ts, UUID.fromString(id)) > 0;
	}

	/** Whether a volume has live snapshots. */
	public boolean hasSnapshots(String id) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM snapshots WHERE volume_id = ? AND NOT deleted)", Boolean.class,
				UUID.fromString(id)));
	}

	/** The backends ({@code host@backend}) of the given live volumes (for scheduler hints). */
	public Map<String, String> hostsOf(List<String> ids, String projectId) {
		UUID[] uuids = ids.stream().map(Uuids::parse).filter(java.util.Objects::nonNull)
			.toArray(UUID[]::new);
		Map<String, String> hosts = new HashMap<>();
		this.jdbc.query("SELECT id, host FROM volumes WHERE id = ANY(?) AND NOT deleted AND project_id = ?",
				rs -> {
					hosts.put(rs.getString(1), rs.getString(2));
				}, uuids, projectId);
		return hosts;
	}

	/** Count, total size and merged metadata (key → values) of a project's (or all) volumes. */
	public Summary summary(VolumeQuery query) {
		Object[] args = query.filterArgs().toArray();
		Summary totals = this.jdbc.queryForObject(
				"SELECT count(*), COALESCE(sum(v.size), 0) FROM volumes v" + query.where(),
				(rs, i) -> new Summary(rs.getInt(1), rs.getLong(2), new LinkedHashMap<>()), args);
		this.jdbc.query("SELECT DISTINCT m.key, m.value FROM volume_metadata m JOIN volumes v ON v.id = m.volume_id"
				+ query.where() + " ORDER BY 1, 2", rs -> {
					totals.metadata().computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
				}, args);
		return totals;
	}

	/**
	 * The summary of volumes.
	 * @param count how many
	 * @param size total GiB
	 * @param metadata every key with its distinct values
	 */
	public record Summary(int count, long size, Map<String, List<String>> metadata) {
	}

	private void insertMetadata(String id, Map<String, String> metadata) {
		if (metadata == null || metadata.isEmpty()) {
			return;
		}
		UUID uuid = UUID.fromString(id);
		this.jdbc.batchUpdate("INSERT INTO volume_metadata (volume_id, key, value) VALUES (?, ?, ?)",
				metadata.entrySet().stream().map(e -> new Object[] { uuid, e.getKey(), e.getValue() }).toList());
	}

	private List<VolumeRecord> withMetadata(List<VolumeRecord> rows) {
		if (rows.isEmpty()) {
			return rows;
		}
		List<String> ids = rows.stream().map(VolumeRecord::id).toList();
		Map<String, Map<String, String>> metadata = MetadataRows.of(this.jdbc, MetadataRows.Table.VOLUME, ids);
		Map<String, Map<String, String>> admin = new HashMap<>();
		this.jdbc.query(VISIBLE_ADMIN_METADATA, rs -> {
			admin.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
		}, (Object) ids.stream().map(UUID::fromString).toArray(UUID[]::new));
		return rows.stream()
			.map(r -> r.withMetadata(metadata.getOrDefault(r.id(), Map.of()))
				.withVisibleAdminMetadata(admin.getOrDefault(r.id(), Map.of())))
			.toList();
	}

	static VolumeRecord map(ResultSet rs, int row) throws SQLException {
		return new VolumeRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
				rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16),
				rs.getString(17), rs.getString(18), rs.getBoolean(19), rs.getBoolean(20), rs.getBoolean(21),
				rs.getString(22), Timestamps.instant(rs.getTimestamp(23)), Timestamps.instant(rs.getTimestamp(24)),
				null).withNameId(rs.getString(25));
	}

	/** A row of {@link #SELECT_WITH_METADATA}. */
	static VolumeRecord mapWithMetadata(ResultSet rs, int row) throws SQLException {
		return map(rs, row).withMetadata(pairs(rs, 26)).withVisibleAdminMetadata(pairs(rs, 28));
	}

	/** The map of a key array at {@code column} and its value array at the next column. */
	private static Map<String, String> pairs(ResultSet rs, int column) throws SQLException {
		String[] keys = (String[]) rs.getArray(column).getArray();
		String[] values = (String[]) rs.getArray(column + 1).getArray();
		Map<String, String> pairs = new LinkedHashMap<>();
		for (int i = 0; i < keys.length; i++) {
			pairs.put(keys[i], values[i]);
		}
		return pairs;
	}

}
