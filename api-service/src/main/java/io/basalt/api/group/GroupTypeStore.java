package io.basalt.api.group;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.basalt.api.web.Uuids;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code group_types} and {@code group_type_specs} over plain JDBC. Thread-safe. */
@Repository
public class GroupTypeStore {

	private static final String COLUMNS = "id::text, name, description, is_public";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public GroupTypeStore(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** A live group type by id, with its specs. */
	public Optional<GroupType> findById(String id) {
		UUID uuid = Uuids.parse(id);
		return (uuid != null) ? one("id = ?", uuid) : Optional.empty();
	}

	/** A live group type by id, else by name. */
	public Optional<GroupType> findByNameOrId(String nameOrId) {
		Optional<GroupType> byId = findById(nameOrId);
		return byId.isPresent() ? byId : one("name = ?", nameOrId);
	}

	/**
	 * Live group types, optionally of one visibility, sorted by {@code sortColumn} ({@code name},
	 * {@code created_at}, {@code id}, {@code description}, {@code is_public}; checked by the caller).
	 */
	public List<GroupType> findAll(Boolean isPublic, String sortColumn, boolean ascending) {
		String where = (isPublic != null) ? "is_public = ?" : "TRUE";
		Object[] args = (isPublic != null) ? new Object[] { isPublic } : new Object[0];
		List<GroupType> rows = this.jdbc.query("SELECT " + COLUMNS + " FROM group_types WHERE NOT deleted AND "
				+ where + " ORDER BY " + sortColumn + (ascending ? " ASC" : " DESC") + ", id", (rs, i) -> new GroupType(
						rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), null),
				args);
		Map<String, Map<String, String>> specs = new HashMap<>();
		this.jdbc.query("""
				SELECT s.group_type_id::text, s.key, s.value FROM group_type_specs s
				JOIN group_types t ON t.id = s.group_type_id WHERE NOT t.deleted ORDER BY s.key""",
				rs -> {
					specs.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
							rs.getString(3));
				});
		List<GroupType> types = new ArrayList<>(rows.size());
		for (GroupType t : rows) {
			types.add(new GroupType(t.id(), t.name(), t.description(), t.isPublic(), specs.get(t.id())));
		}
		return types;
	}

	/** The specs of a group type, by key. */
	public Map<String, String> specs(String id) {
		Map<String, String> specs = new LinkedHashMap<>();
		this.jdbc.query("SELECT key, value FROM group_type_specs WHERE group_type_id = ? ORDER BY key", rs -> {
			specs.put(rs.getString(1), rs.getString(2));
		}, UUID.fromString(id));
		return specs;
	}

	/** Whether a live group type other than {@code exceptId} has {@code name}. */
	public boolean nameTaken(String name, String exceptId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM group_types WHERE name = ? AND NOT deleted AND id::text <> ?)",
				Boolean.class, name, (exceptId != null) ? exceptId : ""));
	}

	public GroupType insert(String name, String description, boolean isPublic, Map<String, String> specs) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO group_types (id, name, description, is_public, created_at, deleted)
				VALUES (?, ?, ?, ?, ?, false)""", id, name, description, isPublic, now());
		upsertSpecs(id.toString(), specs);
		return new GroupType(id.toString(), name, description, isPublic, (specs != null) ? specs : Map.of());
	}

	public void update(String id, String name, String description, Boolean isPublic) {
		this.jdbc.update("""
				UPDATE group_types SET name = COALESCE(?, name), description = COALESCE(?, description),
				       is_public = COALESCE(?, is_public), updated_at = ? WHERE id = ? AND NOT deleted""", name,
				description, isPublic, now(), UUID.fromString(id));
	}

	/** Soft-deletes the type unless a live group uses it (one statement); whether it was deleted. */
	public boolean deleteUnused(String id) {
		Timestamp now = now();
		return this.jdbc.update("""
				UPDATE group_types SET deleted = true, deleted_at = ?, updated_at = ?
				WHERE id = ? AND NOT deleted
				  AND NOT EXISTS (SELECT 1 FROM groups WHERE group_type_id = ? AND NOT deleted)""", now, now,
				UUID.fromString(id), UUID.fromString(id)) == 1;
	}

	public void upsertSpecs(String id, Map<String, String> specs) {
		if (specs == null || specs.isEmpty()) {
			return;
		}
		UUID uuid = UUID.fromString(id);
		this.jdbc.batchUpdate("""
				INSERT INTO group_type_specs (group_type_id, key, value) VALUES (?, ?, ?)
				ON CONFLICT (group_type_id, key) DO UPDATE SET value = EXCLUDED.value""",
				specs.entrySet().stream().map(e -> new Object[] { uuid, e.getKey(), e.getValue() }).toList());
	}

	public boolean deleteSpec(String id, String key) {
		return this.jdbc.update("DELETE FROM group_type_specs WHERE group_type_id = ? AND key = ?",
				UUID.fromString(id), key) > 0;
	}

	private Optional<GroupType> one(String condition, Object arg) {
		List<GroupType> found = this.jdbc.query(
				"SELECT " + COLUMNS + " FROM group_types WHERE NOT deleted AND " + condition,
				(rs, i) -> new GroupType(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), null),
				arg);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		GroupType t = found.get(0);
		return Optional.of(new GroupType(t.id(), t.name(), t.description(), t.isPublic(), specs(t.id())));
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

}
