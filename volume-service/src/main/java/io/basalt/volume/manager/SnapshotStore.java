package io.basalt.volume.manager;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.basalt.common.quota.QuotaLedger;
import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.Transition;
import io.basalt.common.state.VolumeStatus;

import org.springframework.jdbc.core.JdbcTemplate;

import static io.basalt.volume.manager.VolumeStore.ts;

/**
 * Reads and changes {@code snapshots} rows for the volume manager, with the same rules as {@link VolumeStore}:
 * single statements guarded by the expected status, bumping {@code version} and {@code updated_at}.
 * <p>
 * Thread-safe (stateless).
 */
public class SnapshotStore {

	private final JdbcTemplate jdbc;

	public SnapshotStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The snapshot with its volume, deleted or not; empty if there is none. */
	public Optional<SnapshotRecord> find(String id) {
		UUID uuid = VolumeStore.uuidOrNull(id);
		if (uuid == null) {
			return Optional.empty();
		}
		List<SnapshotRecord> rows = this.jdbc.query("""
				SELECT s.id AS snap_id, s.status AS snapshot_status, s.deleted AS snapshot_deleted,
				       v.id, v.size, v.status, v.host, v.provider_location, v.deleted, v.name_id,
				       v.snapshot_id, v.source_volid
				FROM snapshots s JOIN volumes v ON v.id = s.volume_id
				WHERE s.id = ?""", (rs, row) -> new SnapshotRecord(rs.getString("snap_id"),
				rs.getString("snapshot_status"), rs.getBoolean("snapshot_deleted"), VolumeStore.map(rs, row)), uuid);
		return rows.stream().findFirst();
	}

	/** The live snapshots of a volume in {@code deleting} (a cascading volume delete moved them there). */
	public List<String> deletingOf(String volumeId) {
		return this.jdbc.queryForList("""
				SELECT id::text FROM snapshots WHERE volume_id = ? AND status = ? AND NOT deleted
				ORDER BY created_at""", String.class, UUID.fromString(volumeId), SnapshotStatus.DELETING.wire());
	}

	/** {@code creating} → {@code available}, progress 100%. */
	public boolean markAvailable(String id, Instant now) {
		return this.jdbc.update("""
				UPDATE snapshots SET status = ?, progress = '100%', updated_at = ?, version = version + 1
				WHERE id = ? AND status = ? AND NOT deleted""", SnapshotStatus.CREATED.toWire(), ts(now),
				UUID.fromString(id), SnapshotStatus.CREATED.fromWire()) == 1;
	}

	/**
	 * Ends a revert in one statement: the volume {@code reverting} → {@code volumeStatus} ({@code available}, or
	 * {@code error} when the driver failed) and the snapshot {@code restoring} → {@code available} (Cinder's
	 * revert leaves the snapshot usable either way). Returns whether the volume row moved.
	 */
	public boolean endRevert(String volumeId, String snapshotId, String volumeStatus, Instant now) {
		Integer changed = this.jdbc.queryForObject("""
				WITH v AS (
				    UPDATE volumes SET status = ?, updated_at = ?, version = version + 1
				    WHERE id = ? AND status = ? AND NOT deleted RETURNING id
				), s AS (
				    UPDATE snapshots SET status = ?, updated_at = ?, version = version + 1
				    WHERE id = ? AND status = ? AND NOT deleted AND EXISTS (SELECT 1 FROM v) RETURNING id
				)
				SELECT (SELECT count(*) FROM v)::int + 0 * (SELECT count(*) FROM s)::int""", Integer.class,
				volumeStatus, ts(now), UUID.fromString(volumeId), VolumeStatus.REVERTING.wire(),
				SnapshotStatus.RESTORED.toWire(), ts(now), UUID.fromString(snapshotId),
				SnapshotStatus.RESTORED.fromWire());
		return changed != null && changed == 1;
	}

	/** {@code expectedStatus} → {@code newStatus}. */
	public boolean markFailed(String id, String expectedStatus, String newStatus, Instant now) {
		return this.jdbc.update("""
				UPDATE snapshots SET status = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND status = ? AND NOT deleted""", newStatus, ts(now), UUID.fromString(id),
				expectedStatus) == 1;
	}

	/**
	 * {@code deleting} → soft-deleted (status {@code deleted}), and the project's {@code snapshots} and
	 * {@code gigabytes} usage (and per-type twins) given back, in one statement.
	 */
	public boolean markDeleted(String id, Instant now) {
		Transition<SnapshotStatus> t = SnapshotStatus.DELETED_BY_BACKEND;
		Integer deleted = this.jdbc.queryForObject("""
				WITH s AS (
				    UPDATE snapshots SET status = ?, deleted = true, deleted_at = ?, updated_at = ?,
				           version = version + 1
				    WHERE id = ? AND status = ? AND NOT deleted
				    RETURNING project_id, volume_size, use_quota, volume_type_id
				), """ + QuotaLedger.inUseChange(QuotaLedger.snapshotDeltas("s")) + """

				SELECT count(*)::int FROM s""", Integer.class, t.toWire(), ts(now), ts(now), UUID.fromString(id),
				t.fromWire(), ts(now));
		return deleted != null && deleted == 1;
	}

}
