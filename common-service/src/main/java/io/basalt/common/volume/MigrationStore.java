package io.basalt.common.volume;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.basalt.common.message.MessageField;
import io.basalt.common.message.VolumeMessageSql;

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
				UPDATE volumes SET migration_status = 'migrating', updated_at = ?, version = version + 1
				WHERE id = ? AND migration_status = 'starting' AND host = ? AND NOT deleted""", Timestamp.from(now),
				UUID.fromString(volumeId), sourceHost) == 1;
	}

	/**
	 * {@code migrating} on {@code sourceHost} → {@code success} on {@code destinationHost}, stored as
	 * {@code nameId}, with the new type when {@code newTypeId} is not null, and the status from before the
	 * migration.
	 */
	public boolean complete(String volumeId, String sourceHost, String destinationHost, String nameId,
			String providerLocation, String newTypeId, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET migration_status = 'success', migration_new_type_id = NULL, host = ?, name_id = ?,
				       provider_location = ?,
				       volume_type_id = COALESCE(?::uuid, volume_type_id),
				       status = CASE WHEN status IN ('retyping', 'maintenance')
				                     THEN COALESCE(previous_status, 'available') ELSE status END,
				       updated_at = ?, version = version + 1
				WHERE id = ? AND migration_status = 'migrating' AND host = ? AND NOT deleted""", destinationHost,
				UUID.fromString(nameId), providerLocation, (newTypeId != null) ? UUID.fromString(newTypeId) : null,
				Timestamp.from(now), UUID.fromString(volumeId), sourceHost) == 1;
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
		Object[] update = { clip(reason), ts, UUID.fromString(volumeId), fromStatuses.toArray(String[]::new),
				sourceHost, newType, newType, ts };
		Integer changed = this.jdbc.queryForObject("""
				WITH v AS (
				    UPDATE volumes SET migration_status = 'error', migration_new_type_id = NULL, status_reason = ?,
				           status = CASE WHEN status IN ('retyping', 'maintenance')
				                         THEN COALESCE(previous_status, 'available') ELSE status END,
				           updated_at = ?, version = version + 1
				    WHERE id = ? AND migration_status = ANY(?) AND host = ? AND NOT deleted
				    RETURNING id, project_id, use_quota, size, volume_type_id
				), names AS (
				    SELECT o.name AS old_name, n.name AS new_name
				    FROM v JOIN volume_types o ON o.id = v.volume_type_id JOIN volume_types n ON n.id = ?::uuid
				), l AS (
				    SELECT u.id, u.resource FROM quota_usages u JOIN v ON u.project_id = v.project_id, names
				    WHERE v.use_quota AND ?::uuid IS NOT NULL AND u.resource IN ('volumes_' || names.old_name,
				          'gigabytes_' || names.old_name, 'volumes_' || names.new_name, 'gigabytes_' || names.new_name)
				    ORDER BY u.resource FOR UPDATE OF u
				), q AS (
				    UPDATE quota_usages u SET updated_at = ?, in_use = GREATEST(u.in_use
				        + CASE WHEN l.resource = 'volumes_' || names.new_name THEN -1
				               WHEN l.resource = 'gigabytes_' || names.new_name THEN -v.size
				               WHEN l.resource = 'volumes_' || names.old_name THEN 1
				               ELSE v.size END, 0)
				    FROM l, v, names WHERE u.id = l.id
				    RETURNING u.id
				), """ + VolumeMessageSql.cte() + "\nSELECT count(*)::int FROM v", Integer.class,
				VolumeMessageSql.parameters(update, requestId, action, detail, now, this.messageTtl));
		return changed != null && changed == 1;
	}

	private static String clip(String reason) {
		return (reason == null || reason.length() <= MAX_REASON) ? reason : reason.substring(0, MAX_REASON - 1) + "…";
	}

}
