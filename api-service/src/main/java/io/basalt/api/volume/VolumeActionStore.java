package io.basalt.api.volume;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.basalt.common.state.AttachStatus;
import io.basalt.common.state.MigrationStatus;
import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.state.WireStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The guarded statements of the volume actions that are not plain status moves ({@link VolumeStore#transition}
 * does those): each one checks its precondition in its own {@code WHERE}, so that of two concurrent actions only
 * one wins and the loser sees {@code false}. Thread-safe.
 */
@Repository
class VolumeActionStore {

	/** Migration statuses a detach may start from (Cinder's {@code AVAILABLE_MIGRATION_STATUS}). */
	static final String MIGRATION_IDLE = "(migration_status IS NULL OR migration_status = ANY(?))";

	/** The bind value of {@link #MIGRATION_IDLE}'s parameter: {@link MigrationStatus#IDLE}. */
	private static final String[] IDLE = WireStatus.wires(MigrationStatus.IDLE);

	private final JdbcTemplate jdbc;

	VolumeActionStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Sets {@code bootable} unless the volume is in {@code maintenance}; returns whether it was set. */
	boolean setBootable(String id, boolean bootable, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET bootable = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted AND status <> ?""", bootable, Timestamp.from(now),
				UUID.fromString(id), VolumeStatus.MAINTENANCE.wire()) > 0;
	}

	/** {@code in-use}, {@code attached} and not migrating → {@code detaching}; returns whether it moved. */
	boolean beginDetaching(String id, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET status = ?, previous_status = status, updated_at = ?,
				       version = version + 1
				WHERE id = ? AND NOT deleted AND status = ? AND attach_status = ? AND """
				+ MIGRATION_IDLE, VolumeStatus.BEGIN_DETACHING.toWire(), Timestamp.from(now), UUID.fromString(id),
				VolumeStatus.BEGIN_DETACHING.fromWire(), AttachStatus.ATTACHED.wire(), IDLE) > 0;
	}

	/**
	 * {@code os-unreserve}: {@code attaching} → {@code in-use} if the volume has live attachments (not detached,
	 * not in error), else {@code available}; returns whether it moved.
	 */
	boolean unreserve(String id, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes v SET status = CASE WHEN EXISTS (SELECT 1 FROM volume_attachments a
				                                    WHERE a.volume_id = v.id AND NOT a.deleted
				                                      AND a.attach_status NOT LIKE 'error%') THEN ?
				                              ELSE ? END,
				       previous_status = status, updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted AND status = ?""", VolumeStatus.IN_USE.wire(), VolumeStatus.AVAILABLE.wire(),
				Timestamp.from(now), UUID.fromString(id), VolumeStatus.ATTACHING.wire()) > 0;
	}

	/**
	 * Sets the admin metadata {@code key} of a volume whose status is {@code status}, in one statement: the volume
	 * row is share-locked and its status re-checked, so a concurrent status change either waits or wins; returns
	 * whether it was written.
	 */
	boolean setAdminMetadataIfStatus(String id, String status, String key, String value) {
		return this.jdbc.update("""
				INSERT INTO volume_admin_metadata (volume_id, key, value)
				SELECT id, ?, ? FROM volumes WHERE id = ? AND NOT deleted AND status = ? FOR SHARE
				ON CONFLICT (volume_id, key) DO UPDATE SET value = EXCLUDED.value""", key, value, UUID.fromString(id),
				status) > 0;
	}

	/**
	 * Changes the type of a volume whose status is one of {@code statuses}, that is not migrating and whose type is
	 * still {@code fromTypeId}; returns whether it changed. The status is left as it was ({@code previous_status}
	 * records it, as Cinder's retype does).
	 */
	boolean retype(String id, String fromTypeId, String toTypeId, List<String> statuses, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET volume_type_id = ?, previous_status = status, updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted AND status = ANY(?) AND volume_type_id IS NOT DISTINCT FROM ?::uuid
				  AND """ + MIGRATION_IDLE, UUID.fromString(toTypeId), Timestamp.from(now), UUID.fromString(id),
				statuses.toArray(String[]::new), (fromTypeId != null) ? UUID.fromString(fromTypeId) : null, IDLE) > 0;
	}

	/**
	 * Starts a migration (Cinder's conditional update of {@code migrate_volume} / {@code retype}): status in
	 * {@code statuses}, no active migration, no live snapshot, not already on {@code destinationBackend}'s backend
	 * (when given), of type {@code typeId} (when given) → {@code migration_status = 'starting'},
	 * {@code previous_status} = the status, and the status {@code newStatus} (when given; {@code maintenance} only
	 * from {@code available}, as Cinder's {@code lock_volume}), with {@code newTypeId}, a retype's target type, kept
	 * beside it (the sweeper needs it to end a migration that never starts). Returns whether the row moved.
	 */
	boolean startMigration(String id, List<String> statuses, String typeId, String destinationBackend,
			String newStatus, String newTypeId, Instant now) {
		return this.jdbc.update("""
				UPDATE volumes SET migration_status = ?, previous_status = status, migration_new_type_id = ?::uuid,
				       status = CASE WHEN ?::text IS NULL THEN status
				                     WHEN ?::text = ? AND status <> ? THEN status ELSE ? END,
				       updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted AND status = ANY(?) AND host IS NOT NULL
				  AND (?::uuid IS NULL OR volume_type_id = ?::uuid)
				  AND (?::text IS NULL OR split_part(host, '#', 1) <> ?)
				  AND NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.volume_id = volumes.id AND NOT s.deleted)
				  AND """ + MIGRATION_IDLE, MigrationStatus.STARTING.wire(), uuid(newTypeId), newStatus, newStatus,
				VolumeStatus.MAINTENANCE.wire(), VolumeStatus.AVAILABLE.wire(), newStatus, Timestamp.from(now),
				UUID.fromString(id), statuses.toArray(String[]::new), uuid(typeId), uuid(typeId), destinationBackend,
				destinationBackend, IDLE) > 0;
	}

	/**
	 * Starts a revert (3.40): the volume {@code available} and not migrating → {@code reverting}, and the
	 * snapshot {@code available} → {@code restoring}, both or neither. Returns whether both moved.
	 */
	boolean startRevert(String volumeId, String snapshotId, Instant now) {
		Integer moved = this.jdbc.queryForObject("""
				WITH s AS (
				    SELECT id FROM snapshots WHERE id = ? AND volume_id = ? AND status = ? AND NOT deleted
				    FOR UPDATE
				), v AS (
				    UPDATE volumes SET status = ?, previous_status = status, updated_at = ?,
				           version = version + 1
				    WHERE id = ? AND NOT deleted AND status = ? AND EXISTS (SELECT 1 FROM s)
				      AND """ + MIGRATION_IDLE + """

				    RETURNING id
				), u AS (
				    UPDATE snapshots SET status = ?, updated_at = ?, version = version + 1
				    WHERE id IN (SELECT id FROM s) AND EXISTS (SELECT 1 FROM v) RETURNING id
				)
				SELECT (SELECT count(*) FROM u)::int""", Integer.class, UUID.fromString(snapshotId),
				UUID.fromString(volumeId), SnapshotStatus.RESTORE.fromWire(), VolumeStatus.REVERT.toWire(),
				Timestamp.from(now), UUID.fromString(volumeId), VolumeStatus.REVERT.fromWire(), IDLE,
				SnapshotStatus.RESTORE.toWire(), Timestamp.from(now));
		return moved != null && moved == 1;
	}

	/** The newest live snapshot of a volume: its id and {@code volume_size}, or null when it has none. */
	String[] latestSnapshot(String volumeId) {
		List<String[]> rows = this.jdbc.query("""
				SELECT id::text, volume_size FROM snapshots WHERE volume_id = ? AND NOT deleted
				ORDER BY created_at DESC, id DESC LIMIT 1""",
				(rs, i) -> new String[] { rs.getString(1), Integer.toString(rs.getInt(2)) }, UUID.fromString(volumeId));
		return rows.isEmpty() ? null : rows.get(0);
	}

	private static UUID uuid(String id) {
		return (id != null) ? UUID.fromString(id) : null;
	}

}
