package io.basalt.common.volume;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.basalt.common.message.MessageField;
import io.basalt.common.message.VolumeMessageSql;
import io.basalt.common.quota.QuotaLedger;
import io.basalt.common.state.MigrationStatus;
import io.basalt.common.state.VolumeStatus;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one owner of a volume migration's row changes after the API started it ({@code migration_status}
 * {@code starting}): the source backend takes it ({@code migrating}), and it ends in {@code success} (the row
 * swapped to the destination: {@code host}, Cinder's {@code _name_id}, {@code provider_location}, and the new type
 * of a retype) or in {@code error} (the row left on its old backend, its status back to what it was before a
 * retype ({@code retyping}) or a locked migration ({@code maintenance}), the per-type quota a retype moved to the
 * new type moved back, and a user message) — each one guarded {@code UPDATE}, so a redelivered or stale message
 * changes nothing. Used by the scheduler (no valid destination) and the volume service (the copy and the swap).
 * <p>
 * Thread-safe and stateless.
 */
public class MigrationStore {

	/** {@code status = CASE WHEN status = ANY(held) THEN COALESCE(previous_status, available) ELSE status END}. */
	private static final String RESTORE_HELD_STATUS = """
			status = CASE WHEN status = ANY(?) THEN COALESCE(previous_status, ?) ELSE status END""";

	private static final String[] HELD = VolumeStatus.wires(VolumeStatus.MIGRATION_HELD);

	private static final String AVAILABLE = VolumeStatus.AVAILABLE.wire();

	/** The longest reason stored. */
	private static final int MAX_REASON = 1000;

	private final JdbcTemplate jdbc;

	private final Duration messageTtl;

	public MigrationStore(JdbcTemplate jdbc, Duration messageTtl) {
		this.jdbc = jdbc;
		this.messageTtl = messageTtl;
	}

	/** {@code starting} on {@code sourceHost} → {@code migrating}; false if the row is elsewhere or moved on. */
	public boolean start(String volumeId, String sourceHost, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET migration_status = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND migration_status = ? AND host = ? AND NOT deleted""",
				MigrationStatus.MIGRATING.wire(), Timestamp.from(now), UUID.fromString(volumeId),
				MigrationStatus.STARTING.wire(), sourceHost) == 1;
	}

	/**
	 * {@code migrating} on {@code sourceHost} → {@code success} on {@code destinationHost}, stored as
	 * {@code nameId}, with the new type when {@code newTypeId} is not null, and the status from before the
	 * migration.
	 */
	public boolean complete(String volumeId, String sourceHost, String destinationHost, String nameId,
			String providerLocation, String newTypeId, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET migration_status = ?, migration_new_type_id = NULL, host = ?, name_id = ?,
				       provider_location = ?,
				       volume_type_id = COALESCE(?::uuid, volume_type_id),
				""" + RESTORE_HELD_STATUS + """
				, updated_at = ?, version = version + 1
				WHERE id = ? AND migration_status = ? AND host = ? AND NOT deleted""", MigrationStatus.SUCCESS.wire(),
				destinationHost, UUID.fromString(nameId), providerLocation,
				(newTypeId != null) ? UUID.fromString(newTypeId) : null, HELD, AVAILABLE, Timestamp.from(now),
				UUID.fromString(volumeId), MigrationStatus.MIGRATING.wire(), sourceHost) == 1;
	}

	/**
	 * A migration in one of {@code fromStatuses} on {@code sourceHost} → {@code error}, as the class says, in one
	 * statement; the user message is {@code action}/{@code detail}.
	 * @param newTypeId the retype's new type (its quota is moved back to the volume's type), or null
	 * @return whether this call moved the row
	 */
	public boolean fail(String volumeId, String sourceHost, List<String> fromStatuses, String newTypeId,
			String reason, String requestId, MessageField.Action action, MessageField.Detail detail, Instant now) {
		Timestamp ts = Timestamp.from(now);
		UUID newType = (newTypeId != null) ? UUID.fromString(newTypeId) : null;
		Object[] update = { MigrationStatus.ERROR.wire(), clip(reason), HELD, AVAILABLE, ts,
				UUID.fromString(volumeId), fromStatuses.toArray(String[]::new), sourceHost, newType, ts };
		Integer changed = this.jdbc.queryForObject("""
				WITH v AS (
				    UPDATE volumes SET migration_status = ?, migration_new_type_id = NULL, status_reason = ?,
				""" + RESTORE_HELD_STATUS + """
				, updated_at = ?, version = version + 1
				    WHERE id = ? AND migration_status = ANY(?) AND host = ? AND NOT deleted
				    RETURNING id, project_id, use_quota, size, volume_type_id
				), """ + QuotaLedger.inUseChange(QuotaLedger.retypeBackDeltas("v")) + ", " + VolumeMessageSql.cte()
				+ "\nSELECT count(*)::int FROM v", Integer.class,
				VolumeMessageSql.parameters(update, requestId, action, detail, now, this.messageTtl));
		return changed != null && changed == 1;
	}

	private static String clip(String reason) {
		return (reason == null || reason.length() <= MAX_REASON) ? reason : reason.substring(0, MAX_REASON - 1) + "…";
	}

}
