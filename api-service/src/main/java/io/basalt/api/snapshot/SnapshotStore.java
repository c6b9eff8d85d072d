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
import io.basalt.api.web.Timestamps;

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
		UUID uuid = uuid(id);
		if (uuid == null) {
			return Optional.empty();
		}
		List<SnapshotRecord> rows = (scope != null)
				? this.jdbc.query(SELECT + " WHERE s.id = ? AND NOT s.deleted AND s.project_id = ?", this::map, uuid,
						scope)
				: this.jdbc.query(SELECT + " WHERE s.id = ? AND NOT s.deleted", this::map, uuid);
		return rows.isEmpty() ? Optional.empty() : Optional.of(withMetadata(rows).get(0));
	}

	/** Newest first, after {@code marker} (created_at, id), filtered by the given equality filters. */
	List<SnapshotRecord> list(String scope, Map<String, String> filters, String marker, int limit, int offset) {
		StringBuilder where = new StringBuilder(" WHERE NOT s.deleted");
		List<Object> args = new ArrayList<>();
		if (scope != null) {
			where.append(" AND s.project_id = ?");
			args.add(scope);
		}
		filters.forEach((key, value) -> {
			switch (key) {
				case "name" -> where.append(" AND s.display_name = ?");
				case "status" -> where.append(" AND s.status = ?");
				case "volume_id" -> where.append(" AND s.volume_id::text = ?");
				default -> {
					return;
				}
			}
			args.add(value);
		});
		if (marker != null) {
			where.append(" AND (s.created_at, s.id) < (SELECT created_at, id FROM snapshots WHERE id = ?)");
			args.add(uuid(marker));
		}
		return withMetadata(this.jdbc.query(SELECT + where + " ORDER BY s.created_at DESC, s.id DESC LIMIT " + limit
				+ " OFFSET " + offset, this::map, args.toArray()));
	}

	boolean exists(String id, String scope) {
		return find(id, scope).isPresent();
	}

	void insert(SnapshotRecord s, String volumeTypeId) {
		this.jdbc.update("""
				INSERT INTO snapshots (id, volume_id, project_id, user_id, display_name, display_description, status,
				    progress, volume_size, volume_type_id, use_quota, created_at, deleted, version)
				VALUES (?, ?, ?, ?, ?, ?, ?, '0%', ?, ?, true, ?, false, 0)""", UUID.fromString(s.id()),
				UUID.fromString(s.volumeId()), s.projectId(), s.userId(), s.name(), s.description(), s.status(),
				s.size(), uuid(volumeTypeId), Timestamps.sql(s.createdAt()));
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

	boolean transition(String id, List<String> from, String status, Instant now) {
		return this.jdbc.update("""
				UPDATE snapshots SET status = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted AND status = ANY(?)""", status, Timestamp.from(now), UUID.fromString(id),
				from.toArray(String[]::new)) > 0;
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

	static UUID uuid(String text) {
		if (text == null || text.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
