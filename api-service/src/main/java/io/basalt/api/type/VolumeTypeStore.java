package io.basalt.api.type;

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

/** {@code volume_types} and {@code volume_type_extra_specs} over plain JDBC. Thread-safe. */
@Repository
public class VolumeTypeStore {

	private static final String COLUMNS = "id, name, description, is_public, qos_specs_id";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public VolumeTypeStore(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Optional<VolumeType> findById(String id) {
		UUID uuid = Uuids.parse(id);
		return (uuid != null) ? one("id = ?", uuid) : Optional.empty();
	}

	public Optional<VolumeType> findByName(String name) {
		return one("name = ?", name);
	}

	/** By id if {@code nameOrId} is one, else by name. */
	public Optional<VolumeType> findByNameOrId(String nameOrId) {
		Optional<VolumeType> byId = findById(nameOrId);
		return byId.isPresent() ? byId : findByName(nameOrId);
	}

	/** Live types, optionally public ones only, ordered by name (two queries). */
	public List<VolumeType> findAll(Boolean isPublic) {
		return (isPublic != null) ? findWhere("is_public = ?", isPublic) : findWhere("TRUE");
	}

	private List<VolumeType> findWhere(String condition, Object... args) {
		List<Object[]> rows = this.jdbc.query("SELECT " + COLUMNS + " FROM volume_types WHERE NOT deleted AND "
				+ condition + " ORDER BY created_at, id", (rs, i) -> new Object[] { rs.getString(1),
						rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5) },
				args);
		Map<String, Map<String, String>> specs = new HashMap<>();
		this.jdbc.query("""
				SELECT s.volume_type_id, s.key, s.value FROM volume_type_extra_specs s
				JOIN volume_types t ON t.id = s.volume_type_id WHERE NOT t.deleted ORDER BY s.key""",
				rs -> {
					specs.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2),
							rs.getString(3));
				});
		List<VolumeType> types = new ArrayList<>();
		for (Object[] r : rows) {
			types.add(new VolumeType((String) r[0], (String) r[1], (String) r[2], (Boolean) r[3], (String) r[4],
					specs.get((String) r[0])));
		}
		return types;
	}

	public Map<String, String> extraSpecs(String typeId) {
		Map<String, String> specs = new LinkedHashMap<>();
		this.jdbc.query("SELECT key, value FROM volume_type_extra_specs WHERE volume_type_id = ? ORDER BY key",
				rs -> {
					specs.put(rs.getString(1), rs.getString(2));
				}, UUID.fromString(typeId));
		return specs;
	}

	public VolumeType insert(String name, String description, boolean isPublic, Map<String, String> extraSpecs) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volume_types (id, name, description, is_public, created_at, deleted)
				VALUES (?, ?, ?, ?, ?, false)""", id, name, description, isPublic, now());
		upsertSpecs(id.toString(), extraSpecs);
		return new VolumeType(id.toString(), name, description, isPublic, null, extraSpecs);
	}

	public void update(String id, String name, String description, Boolean isPublic) {
		this.jdbc.update("""
				UPDATE volume_types SET name = COALESCE(?, name), description = COALESCE(?, description),
				       is_public = COALESCE(?, is_public), updated_at = ? WHERE id = ? AND NOT deleted""", name,
				description, isPublic, now(), UUID.fromString(id));
	}

	public void softDelete(String id) {
		Timestamp now = now();
		this.jdbc.update("UPDATE volume_types SET deleted = true, deleted_at = ?, updated_at = ? WHERE id = ?", now,
				now, UUID.fromString(id));
	}

	public void upsertSpecs(String typeId, Map<String, String> specs) {
		if (specs == null || specs.isEmpty()) {
			return;
		}
		UUID id = UUID.fromString(typeId);
		List<Object[]> rows = specs.entrySet().stream().map(e -> new Object[] { id, e.getKey(), e.getValue() })
			.toList();
		this.jdbc.batchUpdate("""
				INSERT INTO volume_type_extra_specs (volume_type_id, key, value) VALUES (?, ?, ?)
				ON CONFLICT (volume_type_id, key) DO UPDATE SET value = EXCLUDED.value""", rows);
	}

	public boolean deleteSpec(String typeId, String key) {
		return this.jdbc.update("DELETE FROM volume_type_extra_specs WHERE volume_type_id = ? AND key = ?",
				UUID.fromString(typeId), key) > 0;
	}

	/** Whether a live volume uses the type. */
	public boolean inUse(String typeId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM volumes WHERE volume_type_id = ? AND NOT deleted)", Boolean.class,
				UUID.fromString(typeId)));
	}

	public int countLive() {
		Integer n = this.jdbc.queryForObject("SELECT count(*) FROM volume_types WHERE NOT deleted", Integer.class);
		return (n != null) ? n : 0;
	}

	private Optional<VolumeType> one(String condition, Object arg) {
		List<VolumeType> found = this.jdbc.query(
				"SELECT " + COLUMNS + " FROM volume_types WHERE NOT deleted AND " + condition,
				(rs, i) -> new VolumeType(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
						rs.getString(5), null),
				arg);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		VolumeType t = found.get(0);
		return Optional.of(new VolumeType(t.id(), t.name(), t.description(), t.isPublic(), t.qosSpecsId(),
				extraSpecs(t.id())));
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	/** Live types visible to a non-admin of {@code projectId}: the public ones and the private ones it was granted. */
	public List<VolumeType> findVisible(String projectId) {
		return findWhere("(is_public OR id IN (SELECT volume_type_id FROM volume_type_projects WHERE project_id = ?))",
				projectId);
	}

	/** Whether {@code projectId} was granted the private type {@code typeId}. */
	public boolean hasAccess(String typeId, String projectId) {
		UUID id = Uuids.parse(typeId);
		return id != null && Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM volume_type_projects WHERE volume_type_id = ? AND project_id = ?)",
				Boolean.class, id, projectId));
	}

	/** The projects granted {@code typeId}, in grant order. */
	public List<String> accessList(String typeId) {
		return this.jdbc.queryForList(
				"SELECT project_id FROM volume_type_projects WHERE volume_type_id = ? ORDER BY created_at, project_id",
				String.class, Uuids.parse(typeId));
	}

	/** Grants {@code projectId}; false when it already had access. */
	public boolean addAccess(String typeId, String projectId) {
		return this.jdbc.update("""
				INSERT INTO volume_type_projects (volume_type_id, project_id, created_at) VALUES (?, ?, ?)
				ON CONFLICT DO NOTHING""", Uuids.parse(typeId), projectId,
				java.sql.Timestamp.from(this.clock.instant())) == 1;
	}

	/** Revokes {@code projectId}; false when it had no access. */
	public boolean removeAccess(String typeId, String projectId) {
		return this.jdbc.update("DELETE FROM volume_type_projects WHERE volume_type_id = ? AND project_id = ?",
				Uuids.parse(typeId), projectId) == 1;
	}

}
