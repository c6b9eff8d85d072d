package io.basalt.common.db;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Live volume types by id and name, and the types a project may see. */
public interface VolumeTypeRepository extends JpaRepository<VolumeType, UUID> {

	/** The name of the type every deployment has (Cinder's {@code default_volume_type}). */
	String DEFAULT_TYPE_NAME = "__DEFAULT__";

	Optional<VolumeType> findByIdAndDeletedFalse(UUID id);

	/** The live type of this name (names are unique among live types). */
	Optional<VolumeType> findByNameAndDeletedFalse(String name);

	List<VolumeType> findByDeletedFalseOrderByNameAsc();

	/** Public types plus the private ones shared with {@code projectId}. */
	@Query("""
			select distinct t from VolumeType t left join t.projects p
			where t.deleted = false and (t.isPublic = true or p = :projectId)
			order by t.name""")
	List<VolumeType> findVisibleTo(String projectId);

	long countByDeletedFalse();

}
