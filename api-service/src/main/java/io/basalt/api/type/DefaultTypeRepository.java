package io.basalt.api.type;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** {@code default_volume_types} through Spring Data JPA, by project id. */
public interface DefaultTypeRepository extends JpaRepository<DefaultTypeEntity, String> {

	List<DefaultTypeEntity> findAllByOrderByProjectIdAsc();

	boolean existsByVolumeTypeId(UUID volumeTypeId);

	long deleteByVolumeTypeId(UUID volumeTypeId);

}
