package io.basalt.api.message;

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

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code messages} over plain JDBC. Thread-safe. */
@Repository
class MessageStore {

	/** The list filters Cinder's {@code resource_filters.json} allows on messages, and their columns. */
	static final Map<String, String> FILTERS = Map.of("event_id", "event_id", "resource_type", "resource_type",
			"resource_uuid", "resource_uuid", "message_level", "message_level", "request_id", "request_id");

	private static final String SELECT = """
			SELECT id, project_id, request_id, resource_type, resource_uuid, event_id, action_id, detail_id,
			       message_level, created_at, expires_at FROM messages""";

	private final JdbcTemplate jdbc;

	MessageStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A message of {@code scope} (any project when null). */
	Optional<MessageRecord> find(String id, String scope) {
		UUID uuid = Uuids.parse(id);
		if (uuid == null) {
			return Optional.empty();
		}
		List<MessageRecord> rows = (scope != null)
				? this.jdbc.query(SELECT + " WHERE id = ? AND project_id = ?", this::map, uuid, scope)
				: this.jdbc.query(SELECT + " WHERE id = ?", this::map, uuid);
		return rows.stream().findFirst();
	}

	/** Newest first, after {@code marker}, filtered by equality on the {@link #FILTERS} columns. */
	List<MessageRecord> list(String scope, Map<String, String> filters, String marker, int limit, int offset) {
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> args = new ArrayList<>();
		if (scope != null) {
			where.append(" AND project_id = ?");
			args.add(scope);
		}
		filters.forEach((key, value) -> {
			String column = FILTERS.get(key);
			if (column != null) {
				where.append(" AND ").append(column).append(" = ?");
				args.add(value);
			}
		});
		if (marker != null) {
			where.append(" AND (created_at, id) < (SELECT created_at, id FROM messages WHERE id = ?)");
			args.add(Uuids.parse(marker));
		}
		return this.jdbc.query(SELECT + where + " ORDER BY created_at DESC, id DESC LIMIT " + limit + " OFFSET "
				+ offset, this::map, args.toArray());
	}

	boolean delete(String id) {
		return this.jdbc.update("DELETE FROM messages WHERE id = ?", UUID.fromString(id)) > 0;
	}

	/** Deletes the messages past their {@code expires_at}; returns how many. */
	int deleteExpired(Instant now) {
		return this.jdbc.update("DELETE FROM messages WHERE expires_at < ?", Timestamp.from(now));
	}

	private MessageRecord map(ResultSet rs, int row) throws SQLException {
		return new MessageRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
				Timestamps.instant(rs.getTimestamp(10)), Timestamps.instant(rs.getTimestamp(11)));
	}

}
