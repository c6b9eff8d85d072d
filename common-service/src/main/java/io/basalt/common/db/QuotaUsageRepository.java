package io.basalt.common.db;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Quota usage rows. Reserving quota: {@link #ensureExists} for each resource, then {@link #lockByProjectId} (rows
 * locked FOR UPDATE in resource order, so concurrent reservations of one project serialize without deadlock),
 * check limits, bump {@code reserved}, all in one transaction.
 */
public interface QuotaUsageRepository extends JpaRepository<QuotaUsage, Long> {

	/** The project's usage rows, locked FOR UPDATE until the transaction ends; needs a transaction. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from QuotaUsage u where u.projectId = :projectId order by u.resource")
	List<QuotaUsage> lockByProjectId(String projectId);

	/** The project's usage rows, unlocked (for GET os-quota-sets?usage=true and limits). */
	List<QuotaUsage> findByProjectId(String projectId);

	Optional<QuotaUsage> findByProjectIdAndResource(String projectId, String resource);

	/** Creates the zero usage row if missing (race-free); returns 1 if created, 0 if it existed. */
	@Modifying
	@Query(value = """
			INSERT INTO quota_usages (project_id, resource, in_use, reserved, created_at)
			VALUES (:projectId, :resource, 0, 0, now())
			ON CONFLICT (project_id, resource) DO NOTHING""", nativeQuery = true)
	int ensureExists(String projectId, String resource);

}
