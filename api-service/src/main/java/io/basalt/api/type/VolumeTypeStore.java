package io.basalt.api.type;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import io.basalt.api.web.Timestamps;
import io.basalt.api.web.Uuids;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Volume types: {@code volume_types} and {@code volume_type_extra_specs} over {@link VolumeTypeRepository} (JPA);
 * the access list ({@code volume_type_projects}) and the in-use check over JDBC. Thread-safe.
 */
@Repository
public class VolumeTypeStore {

	private final VolumeTypeRepository repository;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public VolumeTypeStore(VolumeTypeRepository repository, JdbcTemplate jdbc, Clock clock) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public Optional<VolumeType> findById(String id) {
		UUID uuid = Uuids.parse(id);
		return (uuid != null) ? this.repository.findByIdAndDeletedFalse(uuid).map(VolumeTypeEntity::toRecord)
				: Optional.empty();
	}

	@Transactional(readOnly = true)
	public Optional<VolumeType> findByName(String name) {
		return this.repository.findByNameAndDeletedFalse(name).map(VolumeTypeEntity::toRecord);
	}

	/** By id if {@code nameOrId} is one, else by name. */
	@Transactional(readOnly = true)
	public Optional<VolumeType> findByNameOrId(String nameOrId) {
		Optional<VolumeType> byId = findById(nameOrId);
		return byId.isPresent() ? byId : findByName(nameOrId);
	}

	/** Live types, optionally public ones only, in creation order. */
	@Transactional(readOnly = true)
	public List<VolumeType> findAll(Boolean isPublic) {
		List<VolumeTypeEntity> rows = (isPublic != null)
				? this.repository.findByDeletedFalseAndIsPublicOrderByCreatedAtAscIdAsc(isPublic)
				: this.repository.findByDeletedFalseOrderByCreatedAtAscIdAsc();
		return rows.stream().map(VolumeTypeEntity::toRecord).toList();
	}

	@Transactional(readOnly = true)
	public Map<String, String> extraSpecs(String typeId) {
		return this.repository.findById(UUID.fromString(typeId))
			.map(t -> (Map<String, String>) new TreeMap<>(t.extraSpecs()))
			.orElse(Map.of());
	}

	@Transactional
	public VolumeType insert(String name, String description, boolean isPublic, Map<String, String> extraSpecs) {
		VolumeTypeEntity row = new VolumeTypeEntity(UUID.randomUUID(), name, description, isPublic, extraSpecs,
				Timestamps.dbNow(this.clock));
		// flushed now: a duplicate name is the unique index's error here, not at commit
		return this.repository.saveAndFlush(row).toRecord();
	}

	@Transactional
	public void update(String id, String name, String description, Boolean isPublic) {
		this.repository.findByIdAndDeletedFalse(UUID.fromString(id))
			.ifPresent(t -> t.update(name, description, isPublic, Timestamps.dbNow(this.clock)));
		this.repository.flush();
	}

	@Transactional
	public void softDelete(String id) {
		this.repository.findById(UUID.fromString(id)).ifPresent(t -> t.softDelete(Timestamps.dbNow(this.clock)));
		this.repository.flush();
	}

	@Transactional
	public void upsertSpecs(String typeId, Map<String, String> specs) {
		if (specs == null || specs.isEmpty()) {
			return;
		}
		this.repository.findById(UUID.fromString(typeId)).ifPresent(t -> t.extraSpecs().putAll(specs));
		this.repository.flush();
	}

	@Transactional
	public boolean deleteSpec(String typeId, String key) {
		VolumeTypeEntity type = this.repository.findById(UUID.fromString(typeId)).orElse(null);
		if (type == null || !type.extraSpecs().containsKey(key)) {
			return false;
		}
		type.extraSpecs().remove(key);
		this.repository.flush();
		return true;
	}

	/** Whether a live volume uses the type. */
	public boolean inUse(String typeId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM volumes WHERE volume_type_id = ? AND NOT deleted)", Boolean.class,
				UUID.fromString(typeId)));
	}

	@Transactional(readOnly = true)
	public int countLive() {
		return (int) this.repository.countByDeletedFalse();
	}

	/** Live types visible to a non-admin of {@code projectId}: the public ones and the private ones it was granted. */
	@Transactional(readOnly = true)
	public List<VolumeType> findVisible(String projectId) {
		return this.repository.findVisible(projectId).stream().map(VolumeTypeEntity::toRecord).toList();
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
