package io.basalt.scheduler.manager;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The scheduler's writes to {@code volumes}: single conditional statements guarded by the expected status, so a
 * redelivered or late message changes nothing once the volume has moved on. The scheduler never loads volume
 * entities.
 * <p>
 * {@code status_reason} is written when the column exists (checked once, lazily); without it only the status
 * changes and the reason is in the log. Thread-safe.
 */
public class VolumeStateStore {

	private static final Logger log = LoggerFactory.getLogger(VolumeStateStore.class);

	/** The longest reason stored; longer ones are cut. */
	static final int MAX_REASON = 2000;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private volatile Boolean statusReasonColumn;

	public VolumeStateStore(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records the chosen host of a volume still waiting for one ({@code creating}, no host yet).
	 * @return false if the volume is gone, no longer {@code creating}, or already placed
	 */
	public boolean claimHost(String volumeId, String host) {
		Timestamp now = now();
		String reset = hasStatusReason() ? ", status_reason = NULL" : "";
		return this.jdbc.update("UPDATE volumes SET host = ?, scheduled_at = ?, updated_at = ?" + reset
				+ " WHERE id = ? AND status = 'creating' AND host IS NULL AND NOT deleted", host, now, now,
				uuid(volumeId)) == 1;
	}

	/** Puts a volume still {@code creating} into {@code error}. */
	public boolean markError(String volumeId, String reason) {
		return setStatus(volumeId, "creating", "error", reason);
	}

	/** Puts a volume still {@code extending} back to {@code available} (the extend was refused). */
	public boolean rejectExtend(String volumeId, String reason, int delta) {
		// The api-service took quota for the extra GiB when it accepted the extend: give it back in the same
		// statement that puts the volume back, so neither happens without the other.
		Timestamp now = now();
		Integer changed = this.jdbc.queryForObject("""
				WITH v AS (
				    UPDATE volumes SET status = 'available', status_reason = ?, updated_at = ?
				    WHERE id = ? AND status = 'extending' AND NOT deleted
				    RETURNING project_id, use_quota, volume_type_id
				), l AS (
				    -- lock the usage rows in resource order, as the api's quota engine does (no deadlock)
				    SELECT u.id FROM quota_usages u JOIN v ON u.project_id = v.project_id
				    JOIN volume_types t ON t.id = v.volume_type_id
				    WHERE v.use_quota AND u.resource IN ('gigabytes', 'gigabytes_' || t.name)
				    ORDER BY u.resource FOR UPDATE OF u
				), q AS (
				    UPDATE quota_usages u SET in_use = GREATEST(u.in_use - ?, 0), updated_at = ?
				    FROM l WHERE u.id = l.id
				    RETURNING u.id
				)
				SELECT count(*)::int FROM v""", Integer.class, truncate(reason), now, uuid(volumeId), delta, now);
		return changed != null && changed == 1;
	}

	private boolean setStatus(String volumeId, String expected, String status, String reason) {
		Timestamp now = now();
		if (hasStatusReason()) {
			return this.jdbc.update("""
					UPDATE volumes SET status = ?, status_reason = ?, updated_at = ?
					WHERE id = ? AND status = ? AND NOT deleted""", status, truncate(reason), now, uuid(volumeId),
					expected) == 1;
		}
		return this.jdbc.update("""
				UPDATE volumes SET status = ?, updated_at = ?
				WHERE id = ? AND status = ? AND NOT deleted""", status, now, uuid(volumeId), expected) == 1;
	}

	/** Whether {@code volumes.status_reason} exists (looked up once). */
	boolean hasStatusReason() {
		Boolean known = this.statusReasonColumn;
		if (known == null) {
			Integer count = this.jdbc.queryForObject("""
					SELECT count(*) FROM information_schema.columns
					WHERE table_schema = current_schema() AND table_name = 'volumes'
					  AND column_name = 'status_reason'""", Integer.class);
			known = count != null && count > 0;
			if (!known) {
				log.warn("volumes.status_reason does not exist; scheduling errors are only logged");
			}
			this.statusReasonColumn = known;
		}
		return known;
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

	private static UUID uuid(String volumeId) {
		return UUID.fromString(volumeId);
	}

	static String truncate(String reason) {
		if (reason == null || reason.length() <= MAX_REASON) {
			return reason;
		}
		return reason.substring(0, MAX_REASON - 3) + "...";
	}

}
