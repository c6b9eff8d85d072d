package io.basalt.common.db;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;

/** Per-project quota limits. */
public interface QuotaRepository extends JpaRepository<Quota, Long> {

	List<Quota> findByProjectId(String projectId);

	Optional<Quota> findByProjectIdAndResource(String projectId, String resource);

	/** Reverts a project to the class defaults (DELETE /os-quota-sets/{project}). */
	@Modifying
	long deleteByProjectId(String projectId);

}
