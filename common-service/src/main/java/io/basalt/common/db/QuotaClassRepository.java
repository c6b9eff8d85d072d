package io.basalt.common.db;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Quota class limits; class {@value #DEFAULT_CLASS} holds the defaults. */
public interface QuotaClassRepository extends JpaRepository<QuotaClass, Long> {

	String DEFAULT_CLASS = "default";

	List<QuotaClass> findByClassName(String className);

	Optional<QuotaClass> findByClassNameAndResource(String className, String resource);

}
