package io.basalt.api.snapshot;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.basalt.api.metadata.MetadataRows;
import io.basalt.api.web.Uuids;
import io.basalt.api.web.ListParams;
import io.basalt.api.web.ListParams.SortKey;
import io.basalt.api.web.SortColumns;
import io.basalt.api.web.Timestamps;
import io.basalt.common.state.SnapshotStatus;

import io.basalt.common.state.Transition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code snapshots} and {@code snapshot_metadata} over plain JDBC. Thread-safe. */
@Repository
class SnapshotStore {

	private static final String SELECT = """
			SELECT s.id, s.volume_id, s.project_id, s.user_id, s.display_name, s.display_description, s.status,
			       s.progress, s.volume_size, t.name, s.group_snapshot_id, s.use_quota, s.created_at, s.updated_at, v.host
			FROM snapshots s JOIN volumes v ON v.id = s.volume_id LEFT JOIN volume_types t ON t.id = s.volume_type_id""";

	private final JdbcTemplate jdbc;

	SnapshotStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Optional<SnapshotRecord> find(String id, String scope) {
		UUID uuid = Uuids.parse(id);
		if (uuid == null) {
			return Optional.empty();
		}
		List<SnapshotRecord> rows = (scope != null)
				? this.jdbc.query(SELECT + " WHERE s.id = ? AND NOT s.deleted AND s.project_id = ?", this::map, uuid,
						scope)
				: this.jdbc.query(SELECT + " WHERE s.id = ? AND NOT s.deleted", this::map, uuid);
		return rows.isEmpty() ? Optional.empty() : Optional.of(withMetadata(rows).get(0));
	}

	/** API sort key → SQL expression (Cinder sorts by any column; {@code name} is {@code display_name}). */
	static final SortColumns SORT = new SortColumns(Map.ofEntries(Map.entry("id", "s.id"),
			Map.entry("name", "COALESCE(s.display_name, '')"), Map.entry("display_name", "COALESCE(s.display_name, '')"),
			Map.entry("description", "COALESCE(s.display_description, '')"),
			Map.entry("display_description", "COALESCE(s.display_description, '')"), Map.entry("status", "s.status"),
			Map.entry("size", "s.volume_size"), Map.entry("volume_size", "s.volume_size"),
			Map.entry("created_at", "s.created_at"), Map.entry("updated_at", "COALESCE(s.updated_at, s.created_at)"),
			Map.entry("volume_id", "s.volume_id"), Map.entry("project_id", "s.project_id"),
			Map.entry("user_id", "s.user_id"), Map.entry("progress", "COALESCE(s.progress, '')")));

	/**
	 * A page: scope, the given equality filters, after the marker (404 by the caller when empty) in the order of
	 * {@code params}' sort keys ({@code id} as the tie-breaker), limit and offset.
	 */
	Optional<List<SnapshotRecord>> list(String scope, ListParams params) {
		StringBuilder where = new StringBuilder(" WHERE NOT s.deleted");
		List<Object> args = new ArrayList<>();
		if (scope != null) {
			where.append(" AND s.project_id = ?");
			args.add(scope);
		}
		params.filters().forEach((key, value) -> {
			switch (key) {
				case "name", "display_name" -> where.append(" AND s.display_name = ?");
				case "status" -> where.append(" AND s.status = ?");
				case "volume_id" -> where.append(" AND s.volume_id::text = ?");
				default -> {
					return;
				}
			}
			args.add(value);
		});
		List<SortKey> keys = SORT.effective(params.sort());
		if (params.marker() != null) {
			Object[] values = markerValues(params.marker(), scope, keys);
			if (values == null) {
				return Optional.empty();
			}
			where.append(SORT.after(keys, values, args));
		}
		return Optional.of(withMetadata(
				this.jdbc.query(SELECT + where + SORT.orderLimit(keys, params), this::map, args.toArray())));
	}

	private Object[] markerValues(String marker, String scope, List<SortKey> keys) {
		UUID uuid = Uuids.parse(marker);
		if (uuid == null) {
			return null;
		}
		String sql = "SELECT " + SORT.select(keys) + " FROM snapshots s WHERE s.id = ? AND NOT s.deleted"
				+ ((scope != null) ? " AND s.project_id = ?" : "");
		Object[] args = (scope != null) ? new Object[] { uuid, scope } : new Object[] { uuid };
		List<Object[]> rows = this.jdbc.query(sql, (rs, i) -> {
			Object[] values = new Object[keys.size()];
			for (int c = 0; c < values.length; c++) {
				values[c] = rs.getObject(c + 1);
			}
			return values;
		}, args);
		return rows.isEmpty() ? null : rows.get(0);
	}

	void insert(SnapshotRecord s, String volumeTypeId) {
		this.jdbc.update("""
				INSERT INTO snapshots (id, volume_id, project_id, user_id, display_name, display_description, status,
				    progress, volume_size, volume_type_id, use_quota, created_at, deleted, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, '0%', ?, ?, true, ?, false, 0)""", UUID.fromString(s.id()),
				UUID.fromString(s.volumeId()), s.projectId(), s.userId(), s.name(), s.description(), s.status(),
				s.size(), Uuids.parse(volumeTypeId), Timestamps.sql(s.createdAt()));
		if (!s.metadata().isEmpty()) {
			this.jdbc.batchUpdate("INSERT INTO snapshot_metadata (snapshot_id, key, value) VALUES (?, ?, ?)",
					s.metadata().entrySet().stream()
						.map(e -> new Object[] { UUID.fromString(s.id()), e.getKey(), e.getValue() })
						.toList());
		}
	}

	void update(String id, String name, boolean setName, String description, boolean setDescription, Instant now) {
		this.jdbc.update("""
				UPDATE snapshots SET display_name = CASE WHEN ? THEN ? ELSE display_name END,
				       display_description = CASE WHEN ? THEN ? ELSE display_description END, updated_at = ?,
				       version = version + 1
				WHERE id = ? AND NOT deleted""", setName, name, setDescription, description, Timestamp.from(now),
				UUID.fromString(id));
	}

	/** Takes {@code transition} (one the snapshot lifecycle table allows) if the live snapshot is in a from-status. */
	boolean transition(String id, Transition<SnapshotStatus> transition, Instant now) {
		return this.jdbc.update("""
				UPDATE snapshots SET status = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted AND status = ANY(?)""", transition.toWire(), Timestamp.from(now),
				UUID.fromString(id), transition.fromWires()) > 0;
	}

	/** Sets the status unconditionally (admin {@code os-reset_status}). */
	boolean resetStatus(String id, String status, Instant now) {
		return this.jdbc.update("""
				UPDATE snapshots SET status = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted""", status, Timestamp.from(now), UUID.fromString(id)) > 0;
	}

	/** {@code from} → {@code status}, and the progress when not null ({@code os-update_snapshot_status}). */
	boolean updateStatus(String id, String from, String status, String progress, Instant now) {
		return this.jdbc.update("""
				UPDATE snapshots SET status = ?, progress = COALESCE(?, progress), updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted AND status = ?""", status, progress, Timestamp.from(now),
				UUID.fromString(id), from) > 0;
	}

	/** Any status → {@code deleting}, unless part of a group snapshot (force delete). */
	boolean forceDeleting(String id, Instant now) {
		return this.jdbc.update("""
				UPDATE snapshots SET status = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted AND group_snapshot_id IS NULL""", SnapshotStatus.DELETE.toWire(),
				Timestamp.from(now), UUID.fromString(id)) > 0;
	}

	private List<SnapshotRecord> withMetadata(List<SnapshotRecord> rows) {
		if (rows.isEmpty()) {
			return rows;
		}
		Map<String, Map<String, String>> metadata = MetadataRows.of(this.jdbc, MetadataRows.Table.SNAPSHOT,
				rows.stream().map(SnapshotRecord::id).toList());
		return rows.stream()
			.map(r -> new SnapshotRecord(r.id(), r.volumeId(), r.projectId(), r.userId(), r.name(), r.description(),
					r.status(), r.progress(), r.size(), r.volumeTypeName(), r.groupSnapshotId(), r.useQuota(),
					r.createdAt(), r.updatedAt(), r.volumeHost(), metadata.getOrDefault(r.id(), Map.of())))
			.toList();
	}

	private SnapshotRecord map(ResultSet rs, int row) throws SQLException {
		return new SnapshotRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11),
				rs.getBoolean(12), Timestamps.instant(rs.getTimestamp(13)), Timestamps.instant(rs.getTimestamp(14)),
				rs.getString(15), Map.of());
	}

}
