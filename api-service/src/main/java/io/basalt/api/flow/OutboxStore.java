package io.basalt.api.flow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code outbox} table: casts written in the transaction of the change they announce, marked sent once the
 * broker took them. Thread-safe.
 */
@Repository
class OutboxStore {

	private final JdbcTemplate jdbc;

	OutboxStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes a pending cast; returns its id. */
	long stage(String exchange, String topic, String method, String version, String payload, Instant now) {
		Long id = this.jdbc.queryForObject("""
				INSERT INTO outbox (created_at, exchange, topic, method, version, payload, attempts)
				VALUES (?, ?, ?, ?, ?, ?::jsonb, 0) RETURNING id""", Long.class, Timestamp.from(now), exchange, topic,
				method, version, payload);
		return (id != null) ? id : -1L;
	}

	void markSent(long id, Instant now) {
		this.jdbc.update("UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?", Timestamp.from(now),
				id);
	}

	/** Marks several rows sent at once (rows already ended are left alone). */
	void markSent(List<Long> ids, Instant now) {
		this.jdbc.update("""
				UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ANY(?) AND sent_at IS NULL""",
				Timestamp.from(now), ids.toArray(Long[]::new));
	}

	/** Ends a row without sending it (the change it announced was reverted). */
	void cancel(long id, String reason, Instant now) {
		this.jdbc.update("UPDATE outbox SET sent_at = ?, last_error = ? WHERE id = ? AND sent_at IS NULL",
				Timestamp.from(now), "cancelled: " + reason, id);
	}

	void failed(long id, String error, Instant nextAttempt) {
		this.jdbc.update("""
				UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?""", error,
				Timestamp.from(nextAttempt), id);
	}

	/**
	 * Deletes up to {@code limit} rows that ended (sent or cancelled) before {@code before}, oldest first; returns
	 * how many. Rows never sent are kept whatever their age: they are the ones an operator must see.
	 */
	int purgeEnded(Instant before, int limit) {
		return this.jdbc.update("""
				DELETE FROM outbox WHERE id IN (
				    SELECT id FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ? ORDER BY sent_at LIMIT ?)""",
				Timestamp.from(before), limit);
	}

	/**
	 * Locks up to {@code limit} unsent casts of {@code method} older than {@code olderThan} that are due, skipping
	 * rows another relay holds (so several API replicas can relay at once). Needs a transaction.
	 */
	List<Pending> claimDue(String method, Instant olderThan, Instant now, int limit) {
		return this.jdbc.query("""
				SELECT id, payload::text, attempts FROM outbox
				WHERE sent_at IS NULL AND method = ? AND created_at < ?
				  AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
				ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""",
				(rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getInt(3)), method,
				Timestamp.from(olderThan), Timestamp.from(now), limit);
	}

	/**
	 * An unsent cast.
	 * @param id the row id
	 * @param payload the JSON payload
	 * @param attempts sends tried so far
	 */
	record Pending(long id, String payload, int attempts) {
	}

}
