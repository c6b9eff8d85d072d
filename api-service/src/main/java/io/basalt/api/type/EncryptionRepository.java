package io.basalt.api.type;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** {@code volume_type_encryption} through Spring Data JPA. */
public interface EncryptionRepository extends JpaRepository<EncryptionEntity, UUID> {

	/** The live encryption of a type. */
	Optional<EncryptionEntity> findByVolumeTypeIdAndDeletedFalse(UUID volumeTypeId);

}
