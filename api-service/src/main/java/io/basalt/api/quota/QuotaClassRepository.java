package io.basalt.api.quota;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * {@code quota_classes} through Spring Data JPA (the os-quota-class-sets writes; the create path's limit lookup
 * stays one SQL query in {@link QuotaLimits}).
 */
public interface QuotaClassRepository extends JpaRepository<QuotaClassEntity, Long> {

	List<QuotaClassEntity> findByClassName(String className);

}
