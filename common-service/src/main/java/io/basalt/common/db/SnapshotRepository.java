package io.basalt.common.db;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/** Snapshots by id, volume and project; filtered lists through {@link JpaSpecificationExecutor}. */
public interface SnapshotRepository extends JpaRepository<Snapshot, UUID>, JpaSpecificationExecutor<Snapshot> {

	Optional<Snapshot> findByIdAndDeletedFalse(UUID id);

	Optional<Snapshot> findByIdAndProjectIdAndDeletedFalse(UUID id, String projectId);

	/** Live snapshots of a volume (a volume with snapshots cannot be deleted without cascade). */
	List<Snapshot> findByVolumeIdAndDeletedFalse(UUID volumeId);

	long countByVolumeIdAndDeletedFalse(UUID volumeId);

	long countByProjectIdAndDeletedFalse(String projectId);

}
