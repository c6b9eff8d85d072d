package io.basalt.common.db;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Open quota reservations: by id for commit/rollback, by expiry for the sweeper. */
public interface ReservationRepository extends JpaRepository<Reservation, UUID> {

	List<Reservation> findByIdIn(Collection<UUID> ids);

	List<Reservation> findByProjectId(String projectId);

	/** Reservations past their expiry, oldest first, for the expiry sweeper to roll back. */
	List<Reservation> findByExpireBeforeOrderByExpireAsc(Instant now);

}
