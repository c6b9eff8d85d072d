package io.basalt.api.type;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.basalt.api.web.Timestamps;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code volume_type_encryption}: one live row per type. Thread-safe. */
@Repository
class EncryptionStore {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	EncryptionStore(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The live encryption of {@code typeId} as Cinder's row view (every column), or an empty map. */
	Map<String, Object> find(String typeId) {
		List<Map<String, Object>> rows = this.jdbc.query("""
				SELECT volume_type_id, encryption_id, key_size, provider, control_location, cipher, deleted,
				       created_at, updated_at, deleted_at
				FROM volume_type_encryption WHERE volume_type_id = ? AND NOT deleted""", (rs, i) -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("volume_type_id", rs.getString(1));
			row.put("encryption_id", rs.getString(2));
			int keySize = rs.getInt(3);
			row.put("key_size", rs.wasNull() ? null : keySize);
			row.put("provider", rs.getString(4));
			row.put("control_location", rs.getString(5));
			row.put("cipher", rs.getString(6));
			row.put("deleted", rs.getBoolean(7));
			row.put("created_at", Timestamps.format(Timestamps.instant(rs.getTimestamp(8))));
			row.put("updated_at", Timestamps.format(Timestamps.instant(rs.getTimestamp(9))));
			row.put("deleted_at", Timestamps.format(Timestamps.instant(rs.getTimestamp(10))));
			return row;
		}, UUID.fromString(typeId));
		return rows.isEmpty() ? Map.of() : rows.get(0);
	}

	/** Inserts the encryption of {@code typeId}; returns its id. */
	String insert(String typeId, Map<String, Object> values) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volume_type_encryption (encryption_id, volume_type_id, provider, cipher, key_size,
				    control_location, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""", id, UUID.fromString(typeId),
				values.get("provider"), values.get("cipher"), values.get("key_size"), values.get("control_location"),
				now());
		return id.toString();
	}

	/** Sets the given columns of the live encryption of {@code typeId}; false if it has none. */
	boolean update(String typeId, Map<String, Object> values) {
		StringBuilder sql = new StringBuilder("UPDATE volume_type_encryption SET updated_at = ?");
		List<Object> args = new java.util.ArrayList<>(List.of(now()));
		for (String column : List.of("provider", "cipher", "key_size", "control_location")) {
			if (values.containsKey(column)) {
				sql.append(", ").append(column).append(" = ?");
				args.add(values.get(column));
			}
		}
		sql.append(" WHERE volume_type_id = ? AND NOT deleted");
		args.add(UUID.fromString(typeId));
		return this.jdbc.update(sql.toString(), args.toArray()) > 0;
	}

	/** Soft-deletes the live encryption of {@code typeId}; false if it has none. */
	boolean delete(String typeId) {
		Timestamp now = now();
		return this.jdbc.update("""
				UPDATE volume_type_encryption SET deleted = true, deleted_at = ?, updated_at = ?
				WHERE volume_type_id = ? AND NOT deleted""", now, now, UUID.fromString(typeId)) > 0;
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

}
