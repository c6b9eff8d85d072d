package io.basalt.common.db;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;

/**
 * The transactional outbox. A relay claims due messages with {@link #lockDue} (FOR UPDATE SKIP LOCKED, so
 * several relays share the work), sends them, sets {@code sentAt}, and commits.
 */
public interface OutboxRepository extends JpaRepository<OutboxMessage, Long> {

	/** Unsent messages due at {@code now}, in id order, locked and skipping rows another relay holds. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@QueryHints(@QueryHint(name = "jakarta.persistence.lock.timeout", value = "-2"))
	@Query("""
			select m from OutboxMessage m
			where m.sentAt is null and (m.nextAttemptAt is null or m.nextAttemptAt <= :now)
			order by m.id""")
	List<OutboxMessage> lockDue(Instant now, Limit limit);

	long countBySentAtIsNull();

	/** Prunes messages sent before {@code cutoff}; returns how many. */
	@Modifying
	@Query("delete from OutboxMessage m where m.sentAt is not null and m.sentAt < :cutoff")
	int deleteSentBefore(Instant cutoff);

}
