package io.basalt.api.qos;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** {@code qos_specs} (and their keys) through Spring Data JPA; live rows only, as the API sees them. */
public interface QosSpecsRepository extends JpaRepository<QosSpecsEntity, UUID> {

	Optional<QosSpecsEntity> findByIdAndDeletedFalse(UUID id);

	boolean existsByNameAndDeletedFalse(String name);

	/** Newest first (Cinder's default sort), the id breaking ties. */
	List<QosSpecsEntity> findByDeletedFalseOrderByCreatedAtDescIdDesc();

}
