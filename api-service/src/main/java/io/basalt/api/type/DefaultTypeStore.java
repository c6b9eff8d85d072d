package io.basalt.api.type;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Per-project default volume types (API 3.62) over {@link DefaultTypeRepository}; callers see records, not
 * entities. Thread-safe.
 */
@Component
public class DefaultTypeStore {

	private final DefaultTypeRepository repository;

	private final Clock clock;

	public DefaultTypeStore(DefaultTypeRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/** A project's default type: its project id and the type's id. */
	public record DefaultType(String projectId, String volumeTypeId) {
	}

	/** Sets (or replaces) the default type of {@code projectId}. */
	@Transactional
	public DefaultType set(String projectId, String volumeTypeId) {
		UUID typeId = UUID.fromString(volumeTypeId);
		DefaultTypeEntity row = this.repository.findById(projectId).orElse(null);
		if (row == null) {
			this.repository.save(new DefaultTypeEntity(projectId, typeId, this.clock.instant()));
		}
		else {
			row.changeType(typeId, this.clock.instant());
		}
		return new DefaultType(projectId, volumeTypeId);
	}

	@Transactional(readOnly = true)
	public Optional<DefaultType> find(String projectId) {
		return this.repository.findById(projectId).map(DefaultTypeStore::record);
	}

	/** Every project's default, by project id. */
	@Transactional(readOnly = true)
	public List<DefaultType> findAll() {
		return this.repository.findAllByOrderByProjectIdAsc().stream().map(DefaultTypeStore::record).toList();
	}

	/** Whether some project has {@code volumeTypeId} as its default. */
	@Transactional(readOnly = true)
	public boolean isDefaultOfAProject(String volumeTypeId) {
		return this.repository.existsByVolumeTypeId(UUID.fromString(volumeTypeId));
	}

	/** Unsets the default of {@code projectId}; false when it had none. */
	@Transactional
	public boolean unset(String projectId) {
		if (!this.repository.existsById(projectId)) {
			return false;
		}
		this.repository.deleteById(projectId);
		return true;
	}

	private static DefaultType record(DefaultTypeEntity e) {
		return new DefaultType(e.projectId(), e.volumeTypeId().toString());
	}

}
