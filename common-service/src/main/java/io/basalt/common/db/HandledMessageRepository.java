package io.basalt.common.db;

import java.time.Instant;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The idempotency record of handled RPC messages. In the transaction that applies a message, call
 * {@link #markHandled}: 1 means first delivery (apply it), 0 means already handled (skip it).
 */
public interface HandledMessageRepository extends JpaRepository<HandledMessage, String> {

	@Modifying
	@Query(value = """
			INSERT INTO handled_messages (message_id, topic, method, handled_at)
			VALUES (:messageId, :topic, :method, :handledAt)
			ON CONFLICT (message_id) DO NOTHING""", nativeQuery = true)
	int markHandled(String messageId, String topic, String method, Instant handledAt);

	/** Prunes records older than {@code cutoff} (longer ago than any redelivery); returns how many. */
	@Modifying
	@Query("delete from HandledMessage h where h.handledAt < :cutoff")
	int deleteHandledBefore(Instant cutoff);

}
