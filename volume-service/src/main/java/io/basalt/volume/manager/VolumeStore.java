package io.basalt.volume.manager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import io.basalt.common.message.MessageField;
import io.basalt.common.message.VolumeMessageSql;
import io.basalt.common.quota.QuotaLedger;
import io.basalt.common.state.Transition;
import io.basalt.common.state.VolumeStatus;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads and changes {@code volumes} rows for the volume manager. Every change is one {@code UPDATE} guarded by
 * the status (and host) it expects, so it is cheap, atomic and idempotent: a redelivered message finds the row
 * already moved on and changes nothing (the methods then return false). Every change bumps {@code version} (the
 * row's update counter) and {@code updated_at}.
 * <p>
 * Thread-safe and stateless.
 */
public class VolumeStore {

	/** The longest reason stored; longer ones are cut. */
	static final int MAX_REASON = 1000;

	private static final String COLUMNS = "id, size, status, host, provider_location, deleted, name_id, snapshot_id, source_volid";

	private final JdbcTemplate jdbc;

	private final Duration messageTtl;

	/**
	 * @param jdbc the database
	 * @param messageTtl how long the user messages this store records are kept ({@code basalt.message.ttl})
	 */
	public VolumeStore(JdbcTemplate jdbc, Duration messageTtl) {
		this.jdbc = jdbc;
		this.messageTtl = messageTtl;
	}

	/**
	 * A create that failed for good: {@code creating} on {@code host} → {@code error} with the reason, and the
	 * user message {@code schedule allocate volume: An unknown error occurred.} (Cinder's event
	 * {@code VOLUME_VOLUME_001_001}) for the volume's project, in one statement: a redelivered failure that
	 * changes no row records no second message.
	 * @param requestId the create's request id, or null
	 * @return whether this call moved the row
	 */
	public boolean markCreateFailed(String id, String host, String reason, String requestId, Instant now) {
		Transition<VolumeStatus> t = VolumeStatus.CREATE_FAILED;
		Object[] update = { t.toWire(), ts(now), clip(reason), UUID.fromString(id), t.fromWire(), host };
		Integer changed = this.jdbc.queryForObject(VolumeMessageSql.statement("""
				UPDATE volumes SET status = ?, updated_at = ?, version = version + 1, status_reason = ?
				WHERE id = ? AND status = ? AND host IS NOT DISTINCT FROM ? AND NOT deleted
				RETURNING id, project_id"""), Integer.class, VolumeMessageSql.parameters(update, requestId,
				MessageField.Action.SCHEDULE_ALLOCATE_VOLUME, MessageField.Detail.UNKNOWN_ERROR, now,
				this.messageTtl));
		return changed != null && changed == 1;
	}

	/** The row, deleted or not; empty if there is none (or the id is not a UUID). */
	public Optional<VolumeRecord> find(String id) {
		UUID uuid = uuidOrNull(id);
		if (uuid == null) {
			return Optional.empty();
		}
		List<VolumeRecord> rows = this.jdbc.query("SELECT " + COLUMNS + " FROM volumes WHERE id = ?",
				VolumeStore::map, uuid);
		return rows.stream().findFirst();
	}

	/**
	 * {@code creating} on {@code host} → {@code available}, with where the backend keeps it. Returns the row's
	 * {@code created_at} (for the create → available latency, read by the same statement) when this call moved the
	 * row, else empty.
	 */
	public Optional<Instant> markAvailable(String id, String host, String providerLocation, Instant now) {
		List<Instant> createdAt = this.jdbc.query("""
				UPDATE volumes SET status = ?, provider_location = ?, launched_at = ?, updated_at = ?,
				       version = version + 1
				WHERE id = ? AND status = ? AND host = ? AND NOT deleted
				RETURNING created_at""", (rs, i) -> rs.getTimestamp(1).toInstant(), VolumeStatus.CREATED.toWire(),
				providerLocation, ts(now), ts(now), UUID.fromString(id), VolumeStatus.CREATED.fromWire(), host);
		return createdAt.stream().findFirst();
	}

	/** {@code creating} on {@code host} → still {@code creating} with no host, for the scheduler to place again. */
	public boolean releaseForReschedule(String id, String host, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET host = NULL, scheduled_at = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND status = ? AND host = ? AND NOT deleted""", ts(now), ts(now),
				UUID.fromString(id), VolumeStatus.CREATING.wire(), host) == 1;
	}

	/** {@code expectedStatus} (on {@code host}, which may be null) → {@code newStatus}, with the reason. */
	public boolean markFailed(String id, String expectedStatus, String host, String newStatus, String reason,
			Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET status = ?, updated_at = ?, version = version + 1, status_reason = ?
				WHERE id = ? AND status = ? AND host IS NOT DISTINCT FROM ? AND NOT deleted""", newStatus, ts(now),
				clip(reason), UUID.fromString(id), expectedStatus, host) == 1;
	}

	/** A reason short enough for the column's readers (the API shows it whole). */
	static String clip(String reason) {
		if (reason == null || reason.length() <= MAX_REASON) {
			return reason;
		}
		return reason.substring(0, MAX_REASON - 1) + "…";
	}

	/**
	 * {@code deleting} → soft-deleted ({@code deleted}, {@code deleted_at}, status {@code deleted}), and the
	 * project's quota usage ({@code volumes}, {@code gigabytes} and their per-type twins) given back, in one
	 * statement so that neither can happen without the other. Quota is released here, when the volume is
	 * really gone, as Cinder's volume manager does. The usage rows are locked in resource order first (CTE
	 * {@code l}), the order the api's quota engine locks them in: an unordered {@code UPDATE ... FROM} deadlocked
	 * with concurrent creates and deletes of the same project under load, leaving volumes in {@code deleting}.
	 */
	public boolean markDeleted(String id, Instant now) {
		Transition<VolumeStatus> t = VolumeStatus.DELETED_BY_BACKEND;
		Integer deleted = this.jdbc.queryForObject("""
				WITH v AS (
				    UPDATE volumes SET status = ?, deleted = true, deleted_at = ?, terminated_at = ?,
				           updated_at = ?, version = version + 1
				    WHERE id = ? AND status = ? AND NOT deleted
				    RETURNING project_id, size, use_quota, volume_type_id
				), """ + QuotaLedger.inUseChange(QuotaLedger.volumeDeltas("v")) + """

				SELECT count(*)::int FROM v""", Integer.class, t.toWire(), ts(now), ts(now), ts(now),
				UUID.fromString(id), t.fromWire(), ts(now));
		return deleted != null && deleted == 1;
	}

	/**
	 * {@code extending} on {@code host} → {@code error_extending} with the reason, the size unchanged, and the
	 * {@code delta} GiB of quota the api-service took for the extend given back in the same statement
	 * ({@link QuotaLedger#gigabytesDeltas}; Cinder rolls the extend's reservation back when the driver fails).
	 */
	public boolean markExtendFailed(String id, String host, String reason, int delta, String requestId,
			Instant now) {
		Transition<VolumeStatus> t = VolumeStatus.EXTEND_FAILED;
		Object[] update = { t.toWire(), clip(reason), ts(now), UUID.fromString(id), t.fromWire(), host,
				Math.max(delta, 0), ts(now) };
		Integer changed = this.jdbc.queryForObject("""
				WITH v AS (
				    UPDATE volumes SET status = ?, status_reason = ?, extend_to_size = NULL, updated_at = ?,
				           version = version + 1
				    WHERE id = ? AND status = ? AND host = ? AND NOT deleted
				    RETURNING id, project_id, use_quota, volume_type_id
				), """ + QuotaLedger.inUseChange(QuotaLedger.gigabytesDeltas("v")) + ", " + VolumeMessageSql.cte()
				+ "\nSELECT count(*)::int FROM v", Integer.class,
				VolumeMessageSql.parameters(update, requestId, MessageField.Action.EXTEND_VOLUME,
						MessageField.Detail.DRIVER_FAILED_EXTEND, now, this.messageTtl));
		return changed != null && changed == 1;
	}

	/**
	 * The size the api-service accepted the volume's extend for ({@code extend_to_size}, written when it moved the
	 * volume to {@code extending}), or empty when none is recorded.
	 */
	public OptionalInt extendTarget(String id) {
		List<Integer> rows = this.jdbc.query("SELECT extend_to_size FROM volumes WHERE id = ? AND NOT deleted",
				(rs, row) -> (Integer) rs.getObject("extend_to_size"), UUID.fromString(id));
		return (rows.isEmpty() || rows.get(0) == null) ? OptionalInt.empty() : OptionalInt.of(rows.get(0));
	}

	/** {@code extending} → {@code available} with the new size. */
	public boolean markExtended(String id, int newSize, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET status = ?, size = ?, extend_to_size = NULL, updated_at = ?,
				       version = version + 1
				WHERE id = ? AND status = ? AND NOT deleted""", VolumeStatus.EXTENDED.toWire(), newSize, ts(now),
				UUID.fromString(id), VolumeStatus.EXTENDED.fromWire()) == 1;
	}

	static VolumeRecord map(ResultSet rs, int row) throws SQLException {
		return new VolumeRecord(rs.getString("id"), rs.getInt("size"), rs.getString("status"), rs.getString("host"),
				rs.getString("provider_location"), rs.getBoolean("deleted"), rs.getString("name_id"),
				rs.getString("snapshot_id"), rs.getString("source_volid"));
	}

	static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

	static UUID uuidOrNull(String id) {
		try {
			return (id != null) ? UUID.fromString(id) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
