package io.basalt.api.transfer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.basalt.api.web.Uuids;
import io.basalt.api.web.Timestamps;
import io.basalt.common.state.VolumeStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code transfers}, and the row locks and ownership changes of an accept, over plain JDBC. The lock methods
 * need the caller's transaction. Thread-safe.
 */
@Repository
class TransferStore {

	private static final String SELECT = """
			SELECT id, volume_id, display_name, salt, crypt_hash, no_snapshots, source_project_id,
			       destination_project_id, accepted, created_at FROM transfers""";

	private final JdbcTemplate jdbc;

	TransferStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** An open transfer offered by {@code scope} (by any project when null). */
	Optional<TransferRecord> find(String id, String scope) {
		UUID uuid = Uuids.parse(id);
		if (uuid == null) {
			return Optional.empty();
		}
		return ((scope != null)
				? this.jdbc.query(SELECT + " WHERE id = ? AND NOT deleted AND source_project_id = ?", this::map, uuid,
						scope)
				: this.jdbc.query(SELECT + " WHERE id = ? AND NOT deleted", this::map, uuid))
			.stream()
			.findFirst();
	}

	/** The open transfer {@code id} of any project, locked {@code FOR UPDATE}. */
	Optional<TransferRecord> lock(String id) {
		UUID uuid = Uuids.parse(id);
		if (uuid == null) {
			return Optional.empty();
		}
		return this.jdbc.query(SELECT + " WHERE id = ? AND NOT deleted FOR UPDATE", this::map, uuid)
			.stream()
			.findFirst();
	}

	/** Open transfers, newest first, after {@code marker}; {@code name} filters by display name. */
	List<TransferRecord> list(String scope, Map<String, String> filters, String marker, int limit, int offset) {
		StringBuilder where = new StringBuilder(" WHERE NOT deleted");
		List<Object> args = new ArrayList<>();
		if (scope != null) {
			where.append(" AND source_project_id = ?");
			args.add(scope);
		}
		if (filters.containsKey("name")) {
			where.append(" AND display_name = ?");
			args.add(filters.get("name"));
		}
		if (filters.containsKey("volume_id")) {
			where.append(" AND volume_id::text = ?");
			args.add(filters.get("volume_id"));
		}
		if (marker != null) {
			where.append(" AND (created_at, id) < (SELECT created_at, id FROM transfers WHERE id = ?)");
			args.add(Uuids.parse(marker));
		}
		return this.jdbc.query(SELECT + where + " ORDER BY created_at DESC, id DESC LIMIT " + limit + " OFFSET "
				+ offset, this::map, args.toArray());
	}

	void insert(TransferRecord t) {
		this.jdbc.update("""
				INSERT INTO transfers (id, volume_id, display_name, salt, crypt_hash, no_snapshots, source_project_id,
				    accepted, created_at, deleted)
				VALUES (?, ?, ?, ?, ?, ?, ?, false, ?, false)""", UUID.fromString(t.id()), UUID.fromString(t.volumeId()),
				t.name(), t.salt(), t.cryptHash(), t.noSnapshots(), t.sourceProjectId(), Timestamps.sql(t.createdAt()));
	}

	/** Soft-deletes an open transfer; returns its volume id, or null if it was not open. */
	String delete(String id, Instant now) {
		List<String> rows = this.jdbc.queryForList("""
				UPDATE transfers SET deleted = true, deleted_at = ?, updated_at = ?
				WHERE id = ? AND NOT deleted RETURNING volume_id::text""", String.class, Timestamp.from(now),
				Timestamp.from(now), UUID.fromString(id));
		return rows.isEmpty() ? null : rows.get(0);
	}

	/** Closes an open transfer as accepted by {@code destination}. */
	void markAccepted(String id, String destination, Instant now) {
		this.jdbc.update("""
				UPDATE transfers SET deleted = true, deleted_at = ?, updated_at = ?, accepted = true,
				       destination_project_id = ?
				WHERE id = ? AND NOT deleted""", Timestamp.from(now), Timestamp.from(now), destination,
				UUID.fromString(id));
	}

	/** The volume of a transfer, locked {@code FOR UPDATE}; empty if it is gone. */
	Optional<Owned> lockVolume(String volumeId) {
		return this.jdbc.query("""
				SELECT v.id::text, v.project_id, v.status, v.size, v.use_quota, t.name
				FROM volumes v LEFT JOIN volume_types t ON t.id = v.volume_type_id
				WHERE v.id = ? AND NOT v.deleted FOR UPDATE OF v""",
				(rs, i) -> new Owned(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
						rs.getBoolean(5), rs.getString(6)),
				UUID.fromString(volumeId))
			.stream()
			.findFirst();
	}

	/** The live snapshots of a volume, locked {@code FOR UPDATE} in id order. */
	List<Owned> lockSnapshots(String volumeId) {
		return this.jdbc.query("""
				SELECT s.id::text, s.project_id, s.status, s.volume_size, s.use_quota, t.name
				FROM snapshots s LEFT JOIN volume_types t ON t.id = s.volume_type_id
				WHERE s.volume_id = ? AND NOT s.deleted ORDER BY s.id FOR UPDATE OF s""",
				(rs, i) -> new Owned(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
						rs.getBoolean(5), rs.getString(6)),
				UUID.fromString(volumeId));
	}

	/** Gives an {@code awaiting-transfer} volume (and, unless {@code volumeOnly}, its snapshots) to a project. */
	void moveVolume(String volumeId, String projectId, String userId, boolean volumeOnly, Instant now) {
		Timestamp ts = Timestamp.from(now);
		this.jdbc.update("""
				UPDATE volumes SET project_id = ?, user_id = ?, status = ?, previous_status = status,
				       updated_at = ?, version = version + 1
				WHERE id = ? AND status = ? AND NOT deleted""", projectId, userId,
				VolumeStatus.TRANSFERRED.toWire(), ts, UUID.fromString(volumeId), VolumeStatus.TRANSFERRED.fromWire());
		if (!volumeOnly) {
			this.jdbc.update("""
					UPDATE snapshots SET project_id = ?, user_id = ?, updated_at = ?, version = version + 1
					WHERE volume_id = ? AND NOT deleted""", projectId, userId, ts, UUID.fromString(volumeId));
		}
	}

	private TransferRecord map(ResultSet rs, int row) throws SQLException {
		return new TransferRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getBoolean(9),
				Timestamps.instant(rs.getTimestamp(10)));
	}

	/**
	 * A volume or snapshot changing hands, as an accept needs it.
	 * @param id its id
	 * @param projectId its owner
	 * @param status its status
	 * @param size GiB
	 * @param useQuota whether it counts against quota
	 * @param typeName its volume type's name, or null
	 */
	record Owned(String id, String projectId, String status, int size, boolean useQuota, String typeName) {
	}

}
