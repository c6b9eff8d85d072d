package io.basalt.api.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.basalt.rpc.EncodedCast;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.Target;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code outbox} table: casts written, encoded as they go on the wire, in the transaction of the change they
 * announce, marked sent once the broker took them. Thread-safe.
 */
@Repository
class OutboxStore {

	private final JdbcTemplate jdbc;

	OutboxStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Writes a pending cast (in the caller's transaction); returns its id. */
	long stage(EncodedCast cast, Instant now) {
		Target t = cast.target();
		Long id = this.jdbc.queryForObject("""
				INSERT INTO outbox (created_at, exchange, topic, server, fanout, method, version, namespace, body,
				                    attempts)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0) RETURNING id""", Long.class, Timestamp.from(now), t.exchange(),
				t.topic(), t.server(), t.fanout(), cast.method(), (t.version() != null) ? t.version().toString() : null,
				t.namespace(), cast.body());
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

	void failed(long id, String error, Instant nextAttempt) {
		this.jdbc.update("""
				UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?""", error,
				Timestamp.from(nextAttempt), id);
	}

	/**
	 * Deletes up to {@code limit} rows that were sent before {@code before}, oldest first; returns
	 * how many. Rows never sent are kept whatever their age: they are the ones an operator must see.
	 */
	int purgeEnded(Instant before, int limit) {
		return this.jdbc.update("""
				DELETE FROM outbox WHERE id IN (
				    SELECT id FROM outbox WHERE sent_at IS NOT NULL AND sent_at < ? ORDER BY sent_at LIMIT ?)""",
				Timestamp.from(before), limit);
	}

	/**
	 * Locks up to {@code limit} unsent casts, whatever their method, older than {@code olderThan} that are due,
	 * skipping rows another relay holds (so several API replicas can relay at once). Needs a transaction.
	 */
	List<Pending> claimDue(Instant olderThan, Instant now, int limit) {
		return this.jdbc.query("""
				SELECT id, exchange, topic, server, fanout, method, version, namespace, body, attempts FROM outbox
				WHERE sent_at IS NULL AND created_at < ?
				  AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
				ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED""", (rs, i) -> {
					String version = rs.getString(7);
					Target target = new Target(rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
							(version != null) ? RpcVersion.parse(version) : null, rs.getString(8));
					return new Pending(rs.getLong(1), new EncodedCast(target, rs.getString(6), rs.getString(9)),
							rs.getInt(10));
				}, Timestamp.from(olderThan), Timestamp.from(now), limit);
	}

	/**
	 * An unsent cast.
	 * @param id the row id
	 * @param cast the cast as it was encoded when its change committed
	 * @param attempts sends tried so far
	 */
	record Pending(long id, EncodedCast cast, int attempts) {
	}

}
