package io.basalt.api.type;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code default_volume_types}: one default volume type per project (API 3.62). Thread-safe. */
@Repository
public class DefaultTypeStore {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public DefaultTypeStore(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A project's default type: its project id and the type's id. */
	public record DefaultType(String projectId, String volumeTypeId) {
	}

	/** Sets (or replaces) the default type of {@code projectId}. */
	public DefaultType set(String projectId, String volumeTypeId) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.update("""
				INSERT INTO default_volume_types (project_id, volume_type_id, created_at) VALUES (?, ?, ?)
				ON CONFLICT (project_id) DO UPDATE SET volume_type_id = EXCLUDED.volume_type_id, updated_at = ?""",
				projectId, UUID.fromString(volumeTypeId), now, now);
		return new DefaultType(projectId, volumeTypeId);
	}

	public Optional<DefaultType> find(String projectId) {
		return this.jdbc
			.query("SELECT project_id, volume_type_id::text FROM default_volume_types WHERE project_id = ?",
					(rs, i) -> new DefaultType(rs.getString(1), rs.getString(2)), projectId)
			.stream()
			.findFirst();
	}

	/** Every project's default, by project id. */
	public List<DefaultType> findAll() {
		return this.jdbc.query(
				"SELECT project_id, volume_type_id::text FROM default_volume_types ORDER BY project_id",
				(rs, i) -> new DefaultType(rs.getString(1), rs.getString(2)));
	}

	/** Unsets the default of {@code projectId}; false when it had none. */
	public boolean unset(String projectId) {
		return this.jdbc.update("DELETE FROM default_volume_types WHERE project_id = ?", projectId) > 0;
	}

	/** Drops every project default naming {@code volumeTypeId} (the type is being deleted). */
	public void unsetType(String volumeTypeId) {
		this.jdbc.update("DELETE FROM default_volume_types WHERE volume_type_id = ?", UUID.fromString(volumeTypeId));
	}

}
