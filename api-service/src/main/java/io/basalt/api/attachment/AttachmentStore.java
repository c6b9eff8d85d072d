package io.basalt.api.attachment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.basalt.api.attachment.AttachmentStatuses.VolumeState;
import io.basalt.api.web.Timestamps;
import io.basalt.api.web.Uuids;
import io.basalt.common.message.MessageField;
import io.basalt.common.message.VolumeMessageSql;
import io.basalt.common.state.AttachStatus;
import io.basalt.common.state.VolumeStatus;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code volume_attachments} rows and the volume status they imply. Every change that touches the volume
 * locks the volume row first ({@code FOR UPDATE}) and recomputes its status from its live attachments by
 * {@link AttachmentStatuses#volumeState} in the same transaction, so two concurrent attach/detach requests see
 * each other's rows. Thread-safe.
 */
@Repository
public class AttachmentStore {

	static final String SELECT = """
			SELECT a.id, a.volume_id, v.project_id, a.instance_uuid, a.attached_host, a.mountpoint, a.attach_status,
			       a.attach_mode, a.connector::text, a.connection_info::text, a.attach_time, a.detach_time, a.created_at
			FROM volume_attachments a JOIN volumes v ON v.id = a.volume_id
			WHERE NOT a.deleted AND NOT v.deleted""";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The volume statuses in which a second reserve by the same instance is let through (Cinder's re-attach). */
	private static final String[] SAME_INSTANCE_RESERVABLE = VolumeStatus
		.wires(java.util.EnumSet.of(VolumeStatus.IN_USE, VolumeStatus.RESERVED));

	private final JdbcTemplate jdbc;

	public AttachmentStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A live attachment of a live volume of {@code projectId} (any project when null). */
	public Optional<AttachmentRecord> find(String id, String projectId) {
		UUID uuid = Uuids.parse(id);
		if (uuid == null) {
			return Optional.empty();
		}
		List<AttachmentRecord> rows = (projectId != null)
				? this.jdbc.query(SELECT + " AND a.id = ? AND v.project_id = ?", AttachmentStore::row, uuid, projectId)
				: this.jdbc.query(SELECT + " AND a.id = ?", AttachmentStore::row, uuid);
		return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
	}

	/** The live attachments of a volume, oldest first. */
	public List<AttachmentRecord> ofVolume(String volumeId) {
		return this.jdbc.query(SELECT + " AND a.volume_id = ? ORDER BY a.created_at, a.id", AttachmentStore::row,
				UUID.fromString(volumeId));
	}

	/** The attached ({@code attached}) attachments of some volumes, oldest first (the volume view's list). */
	public List<AttachmentRecord> attachedOf(List<String> volumeIds) {
		if (volumeIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query(SELECT + " AND a.volume_id = ANY(?) AND a.attach_status = ?"
				+ " ORDER BY a.created_at, a.id", AttachmentStore::row,
				volumeIds.stream().map(UUID::fromString).toArray(UUID[]::new), AttachStatus.ATTACHED.wire());
	}

	/** A page of attachments: {@code where} and {@code args} are the filters (on {@code a} and {@code v}). */
	public List<AttachmentRecord> list(String where, List<Object> args, int limit, int offset) {
		List<Object> all = new ArrayList<>(args);
		all.add(limit);
		all.add(offset);
		return this.jdbc.query(SELECT + where + " ORDER BY a.created_at DESC, a.id DESC LIMIT ? OFFSET ?",
				AttachmentStore::row, all.toArray());
	}

	/**
	 * Reserves a volume for a new attachment ({@code _attachment_reserve}): the volume moves to {@code reserved}
	 * from one of {@code reservable}, or — already {@code in-use}/{@code reserved} with an attachment of the same
	 * instance (a migrating instance) — stays as it is; then the attachment is inserted {@code reserved}.
	 * @return the new attachment's id, or empty when the volume may not be reserved (nothing changed)
	 */
	@Transactional
	public Optional<String> reserve(String volumeId, String instanceUuid, List<String> reservable, Instant now) {
		UUID volume = UUID.fromString(volumeId);
		int moved = this.jdbc.update("""
				UPDATE volumes SET status = ?, previous_status = status, updated_at = ?, version = version + 1
				WHERE id = ? AND NOT deleted AND status = ANY(?)""", VolumeStatus.RESERVED.wire(), Timestamp.from(now),
				volume, reservable.toArray(String[]::new));
		if (moved == 0) {
			boolean sameInstance = instanceUuid != null && Boolean.TRUE.equals(this.jdbc.queryForObject("""
					SELECT EXISTS (SELECT 1 FROM volumes v JOIN volume_attachments a ON a.volume_id = v.id
					               WHERE v.id = ? AND NOT v.deleted AND v.status = ANY(?)
					                 AND NOT a.deleted AND a.instance_uuid = ?)""", Boolean.class,
					volume, SAME_INSTANCE_RESERVABLE, instanceUuid));
			if (!sameInstance) {
				return Optional.empty();
			}
		}
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volume_attachments (id, volume_id, instance_uuid, attach_status, volume_host, created_at)
				SELECT ?, id, ?, ?, host, ? FROM volumes WHERE id = ?""", id, instanceUuid, AttachStatus.RESERVED.wire(),
				Timestamp.from(now), volume);
		return Optional.of(id.toString());
	}

	/**
	 * Records a made connection ({@code volume_attached} with {@code mark_attached} false, or true for the legacy
	 * os-attach): the attachment gets the connector, connection info, host, mountpoint, mode and time and moves to
	 * {@code attaching} (or {@code attached}); the volume's {@code attached_mode} admin metadata is set and its
	 * status recomputed. Returns false (nothing changed) if the attachment is gone or in another status than
	 * {@code from}.
	 */
	@Transactional
	public boolean connected(String attachmentId, String volumeId, List<String> from, Connection connection,
			boolean attached, Instant now) {
		lockVolume(volumeId);
		int changed = this.jdbc.update("""
				UPDATE volume_attachments SET attach_status = ?, connector = ?::jsonb, connection_info = ?::jsonb,
				       attached_host = ?, mountpoint = ?, attach_mode = ?, attach_time = ?, updated_at = ?
				WHERE id = ? AND NOT deleted AND attach_status = ANY(?)""",
				attached ? AttachmentStatuses.ATTACHED : AttachmentStatuses.ATTACHING, json(connection.connector()),
				json(connection.connectionInfo()), connection.host(), connection.mountpoint(), connection.mode(),
				Timestamp.from(now), Timestamp.from(now), UUID.fromString(attachmentId), from.toArray(String[]::new));
		if (changed == 0) {
			return false;
		}
		this.jdbc.update("""
				INSERT INTO volume_admin_metadata (volume_id, key, value) VALUES (?, 'attached_mode', ?)
				ON CONFLICT (volume_id, key) DO UPDATE SET value = EXCLUDED.value""", UUID.fromString(volumeId),
				connection.mode());
		recount(volumeId, now);
		return true;
	}

	/** Inserts an attachment already {@code attached} (legacy os-attach) and recomputes the volume status. */
	@Transactional
	public String insertAttached(String volumeId, String instanceUuid, Connection connection, Instant now) {
		lockVolume(volumeId);
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volume_attachments (id, volume_id, instance_uuid, attach_status, volume_host, created_at)
				SELECT ?, id, ?, ?, host, ? FROM volumes WHERE id = ?""", id, instanceUuid, AttachStatus.RESERVED.wire(),
				Timestamp.from(now), UUID.fromString(volumeId));
		connected(id.toString(), volumeId, List.of(AttachmentStatuses.RESERVED), connection, true, now);
		return id.toString();
	}

	/** {@code os-complete}: the attachment {@code attached}, the volume {@code in-use}; false if it is gone. */
	@Transactional
	public boolean complete(String attachmentId, String volumeId, Instant now) {
		lockVolume(volumeId);
		int changed = this.jdbc.update("""
				UPDATE volume_attachments SET attach_status = ?, updated_at = ?,
				       attach_time = COALESCE(attach_time, ?)
				WHERE id = ? AND NOT deleted""", AttachStatus.ATTACHED.wire(), Timestamp.from(now), Timestamp.from(now),
				UUID.fromString(attachmentId));
		if (changed == 0) {
			return false;
		}
		recount(volumeId, now);
		return true;
	}

	/**
	 * Marks an attachment whose connection failed {@code error_attaching} and soft-deletes it (nothing is left
	 * reserved by it), recomputes the volume status and records the user message {@code action} /
	 * {@code detail} for the volume, all in one transaction.
	 */
	@Transactional
	public void failed(String attachmentId, String volumeId, MessageField.Action action, MessageField.Detail detail,
			String requestId, Duration messageTtl, Instant now) {
		lockVolume(volumeId);
		this.jdbc.update("""
				UPDATE volume_attachments SET attach_status = ?, deleted = true, deleted_at = ?,
				       updated_at = ?
				WHERE id = ? AND NOT deleted""", AttachStatus.ERROR_ATTACHING.wire(), Timestamp.from(now),
				Timestamp.from(now), UUID.fromString(attachmentId));
		recount(volumeId, now);
		message(volumeId, action, detail, requestId, messageTtl, now);
	}

	/** Records a user message about a volume (without a status change). */
	public void message(String volumeId, MessageField.Action action, MessageField.Detail detail, String requestId,
			Duration messageTtl, Instant now) {
		this.jdbc.queryForObject(VolumeMessageSql.statement("SELECT id, project_id FROM volumes WHERE id = ?"),
				Integer.class, VolumeMessageSql.parameters(new Object[] { UUID.fromString(volumeId) }, requestId, action,
						detail, now, messageTtl));
	}

	/**
	 * Detaches attachments ({@code finish_detach}): each {@code detached} and soft-deleted, then the volume status
	 * recomputed from those left; with no id given, a volume without attachments just becomes {@code available}
	 * and {@code detached} if its status is one of {@code detachable}.
	 * @param detachable the statuses the volume may be in, or null for any (an attachment delete, as Cinder's
	 * {@code finish_detach})
	 * @return whether the volume status was recomputed (false: it was gone or in none of {@code detachable})
	 */
	@Transactional
	public boolean detached(String volumeId, List<String> attachmentIds, List<String> detachable, Instant now) {
		String status = lockVolume(volumeId);
		if (status == null || (detachable != null && !detachable.contains(status))) {
			return false;
		}
		for (String id : attachmentIds) {
			this.jdbc.update("""
					UPDATE volume_attachments SET attach_status = ?, detach_time = ?, deleted = true,
					       deleted_at = ?, updated_at = ?
					WHERE id = ? AND volume_id = ? AND NOT deleted""", AttachStatus.DETACHED.wire(), Timestamp.from(now),
					Timestamp.from(now),
					Timestamp.from(now), UUID.fromString(id), UUID.fromString(volumeId));
		}
		recount(volumeId, now);
		return true;
	}

	/** The volume's status and attach_status from its live attachments (see {@link AttachmentStatuses}). */
	private void recount(String volumeId, Instant now) {
		List<String> live = this.jdbc.queryForList(
				"SELECT attach_status FROM volume_attachments WHERE volume_id = ? AND NOT deleted", String.class,
				UUID.fromString(volumeId));
		VolumeState state = AttachmentStatuses.volumeState(live);
		this.jdbc.update("""
				UPDATE volumes SET previous_status = status, status = ?, attach_status = ?, updated_at = ?,
				       version = version + 1
				WHERE id = ? AND NOT deleted""", state.status(), state.attachStatus(), Timestamp.from(now),
				UUID.fromString(volumeId));
		if (live.isEmpty()) {
			this.jdbc.update("DELETE FROM volume_admin_metadata WHERE volume_id = ? AND key = 'attached_mode'",
					UUID.fromString(volumeId));
		}
	}

	/** Locks the volume row; its status, or null when it is gone. */
	private String lockVolume(String volumeId) {
		List<String> status = this.jdbc.queryForList("SELECT status FROM volumes WHERE id = ? AND NOT deleted FOR UPDATE",
				String.class, UUID.fromString(volumeId));
		return status.isEmpty() ? null : status.get(0);
	}

	private static String json(Map<String, Object> value) {
		return (value == null) ? null : JSON.writeValueAsString(value);
	}

	private static Map<String, Object> map(String json) {
		return (json == null) ? null : new LinkedHashMap<>(JSON.readValue(json, MAP));
	}

	private static AttachmentRecord row(ResultSet rs, int i) throws SQLException {
		return new AttachmentRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), rs.getString(7), rs.getString(8), map(rs.getString(9)), map(rs.getString(10)),
				Timestamps.instant(rs.getTimestamp(11)), Timestamps.instant(rs.getTimestamp(12)),
				Timestamps.instant(rs.getTimestamp(13)));
	}

	/**
	 * What a made connection records on its attachment.
	 * @param connector the consumer's connector, or null (os-attach)
	 * @param connectionInfo the backend's answer (flat), or null (os-attach)
	 * @param host the consumer host, or null
	 * @param mountpoint the mount point, or null
	 * @param mode {@code rw} or {@code ro}
	 */
	public record Connection(Map<String, Object> connector, Map<String, Object> connectionInfo, String host,
			String mountpoint, String mode) {
	}

}
