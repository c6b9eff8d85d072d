package io.basalt.api.type;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** {@code volume_types} (and their extra specs) through Spring Data JPA; live rows in creation order. */
public interface VolumeTypeRepository extends JpaRepository<VolumeTypeEntity, UUID> {

	Optional<VolumeTypeEntity> findByIdAndDeletedFalse(UUID id);

	Optional<VolumeTypeEntity> findByNameAndDeletedFalse(String name);

	List<VolumeTypeEntity> findByDeletedFalseOrderByCreatedAtAscIdAsc();

	List<VolumeTypeEntity> findByDeletedFalseAndIsPublicOrderByCreatedAtAscIdAsc(boolean isPublic);

	long countByDeletedFalse();

	/** Live types a non-admin of {@code projectId} sees: the public ones and the private ones granted to it. */
	@Query(value = """
			SELECT * FROM volume_types WHERE NOT deleted
			AND (is_public OR id IN (SELECT volume_type_id FROM volume_type_projects WHERE project_id = :projectId))
			ORDER BY created_at, id""", nativeQuery = true)
	List<VolumeTypeEntity> findVisible(@Param("projectId") String projectId);

}
