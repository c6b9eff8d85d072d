package io.basalt.scheduler.manager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.basalt.common.message.MessageField;
import io.basalt.common.message.VolumeMessageSql;
import io.basalt.common.quota.QuotaLedger;
import io.basalt.common.state.VolumeStatus;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The scheduler's writes to {@code volumes}: single conditional statements guarded by the expected status, so a
 * redelivered or late message changes nothing once the volume has moved on. The scheduler never loads volume
 * entities.
 * <p>
 * Failures carry their reason in {@code status_reason}, and a create that fails records a user message (kept for
 * {@code messageTtl}) in the same statement. Thread-safe.
 */
public class VolumeStateStore {

	/** The longest reason stored; longer ones are cut. */
	static final int MAX_REASON = 2000;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Duration messageTtl;

	public VolumeStateStore(JdbcTemplate jdbc, Clock clock, Duration messageTtl) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.messageTtl = messageTtl;
	}

	/**
	 * Records the chosen host of a volume still waiting for one ({@code creating}, no host yet), and the zone of
	 * that host's backend as the volume's (as Cinder's {@code volume_update_db}: it differs from the row's only when
	 * the api left the zone to the scheduler, among the volume type's {@code RESKEY:availability_zones}).
	 * @param availabilityZone the backend's zone, or null to keep the row's
	 * @return false if the volume is gone, no longer {@code creating}, or already placed
	 */
	public boolean claimHost(String volumeId, String host, String availabilityZone) {
		Timestamp now = now();
		return this.jdbc.update("""
				UPDATE volumes SET host = ?, availability_zone = COALESCE(?, availability_zone), scheduled_at = ?,
				       updated_at = ?, status_reason = NULL, version = version + 1
				WHERE id = ? AND status = ? AND host IS NULL AND NOT deleted""", host, availabilityZone, now, now,
				uuid(volumeId), VolumeStatus.CREATING.wire()) == 1;
	}

	/**
	 * The host of a volume that is still {@code creating} but was already placed (by an earlier delivery of the
	 * same create, possibly on a scheduler that died before it sent the create on), or null.
	 */
	public String placedHostIfCreating(String volumeId) {
		List<String> hosts = this.jdbc.queryForList("""
				SELECT host FROM volumes WHERE id = ? AND status = ? AND host IS NOT NULL AND NOT deleted""",
				String.class, uuid(volumeId), VolumeStatus.CREATING.wire());
		return hosts.isEmpty() ? null : hosts.get(0);
	}

	/**
	 * Puts a volume still {@code creating} into {@code error} and records the user message
	 * {@code schedule allocate volume: <detail>} for its project, in one statement.
	 * @param requestId the request id the message names (the create's), or null
	 * @return false (and no message) if the volume is gone or no longer {@code creating}
	 */
	public boolean markError(String volumeId, String reason, String requestId, MessageField.Detail detail) {
		Instant now = this.clock.instant();
		Object[] update = { VolumeStatus.CREATE_FAILED.toWire(), truncate(reason), Timestamp.from(now),
				uuid(volumeId), VolumeStatus.CREATE_FAILED.fromWire() };
		Integer changed = this.jdbc.queryForObject(VolumeMessageSql.statement("""
				UPDATE volumes SET status = ?, status_reason = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND status = ? AND NOT deleted
				RETURNING id, project_id"""), Integer.class, VolumeMessageSql.parameters(update, requestId,
				MessageField.Action.SCHEDULE_ALLOCATE_VOLUME, detail, now, this.messageTtl));
		return changed != null && changed == 1;
	}

	/**
	 * Puts a volume still {@code extending} back to {@code available} (the extend was refused) and records the user
	 * message {@code extend volume: Could not find any available weighted backend.}, as Cinder's scheduler does.
	 */
	public boolean rejectExtend(String volumeId, String reason, int delta, String requestId) {
		// The api-service took quota for the extra GiB when it accepted the extend: give it back in the same
		// statement that puts the volume back, so neither happens without the other.
		Instant at = this.clock.instant();
		Timestamp now = Timestamp.from(at);
		Object[] update = { VolumeStatus.EXTEND_REFUSED.toWire(), truncate(reason), now, uuid(volumeId),
				VolumeStatus.EXTEND_REFUSED.fromWire(), delta, now };
		Integer changed = this.jdbc.queryForObject("""
				WITH v AS (
				    UPDATE volumes SET status = ?, status_reason = ?, updated_at = ?, version = version + 1
				    WHERE id = ? AND status = ? AND NOT deleted
				    RETURNING id, project_id, use_quota, volume_type_id
				), """ + QuotaLedger.inUseChange(QuotaLedger.gigabytesDeltas("v")) + ", " + VolumeMessageSql.cte()
				+ "\nSELECT count(*)::int FROM v", Integer.class,
				VolumeMessageSql.parameters(update, requestId, MessageField.Action.EXTEND_VOLUME,
						MessageField.Detail.NO_BACKEND_AVAILABLE, at, this.messageTtl));
		return changed != null && changed == 1;
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
