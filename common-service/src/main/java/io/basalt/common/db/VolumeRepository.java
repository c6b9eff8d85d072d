package io.basalt.common.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Volumes: by id, filtered lists through {@link JpaSpecificationExecutor} with {@link VolumeSpecifications}, and
 * guarded status changes for the state machine.
 */
public interface VolumeRepository extends JpaRepository<Volume, UUID>, JpaSpecificationExecutor<Volume> {

	Optional<Volume> findByIdAndDeletedFalse(UUID id);

	/** A live volume of one project (what a non-admin may see). */
	Optional<Volume> findByIdAndProjectIdAndDeletedFalse(UUID id, String projectId);

	long countByProjectIdAndDeletedFalse(String projectId);

	/** Whether any live volume uses the type (a type in use cannot be deleted or have its specs changed). */
	boolean existsByVolumeTypeIdAndDeletedFalse(UUID volumeTypeId);

	/** Live volumes on a backend: {@code hostPrefix} is {@code host@backend} (matches every pool of it). */
	@Query("select v from Volume v where v.deleted = false and (v.host = :hostPrefix or v.host like concat(:hostPrefix, '#%'))")
	List<Volume> findOnBackend(String hostPrefix);

	/** Live volumes in one of the statuses, e.g. those stuck in {@code creating} when a service restarts. */
	List<Volume> findByStatusInAndDeletedFalse(Collection<String> statuses);

	/**
	 * Compare-and-set of the status: changes it only if the live volume is in one of {@code expected}. Returns
	 * the number of rows changed (0 or 1). The schema's trigger bumps {@code version}, so loaded entities go stale.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("""
			update Volume v set v.status = :status, v.updatedAt = :now
			where v.id = :id and v.deleted = false and v.status in :expected""")
	int updateStatusIf(UUID id, Collection<String> expected, String status, Instant now);

}
