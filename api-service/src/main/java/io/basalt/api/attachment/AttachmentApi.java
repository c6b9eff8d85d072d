package io.basalt.api.attachment;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.basalt.api.attachment.AttachmentStore.Connection;
import io.basalt.api.volume.VolumeLookup;
import io.basalt.api.volume.VolumeRecord;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.common.message.MessageField;
import io.basalt.common.message.MessageProperties;
import io.basalt.common.volume.ConnectionInfo;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The attachment API of Cinder Zed's {@code volume/api.py} ({@code attachment_create}, {@code attachment_update},
 * {@code attachment_delete}) and {@code os-complete}: the database side here, the connection on the volume's
 * backend through {@link VolumeRpcApi} calls. A call that fails or times out leaves no reservation: the attachment
 * ends {@code error_attaching} (soft-deleted), the volume's status is recomputed, a user message is recorded, and
 * the caller gets Cinder's 500. Thread-safe.
 */
@Service
public class AttachmentApi {

	private static final Logger log = LoggerFactory.getLogger(AttachmentApi.class);

	private final AttachmentStore store;

	private final VolumeLookup volumes;

	private final VolumeRpcApi volumeRpc;

	private final MessageProperties messages;

	private final Clock clock;

	AttachmentApi(AttachmentStore store, VolumeLookup volumes, VolumeRpcApi volumeRpc, MessageProperties messages,
			Clock clock) {
		this.store = store;
		this.volumes = volumes;
		this.volumeRpc = volumeRpc;
		this.messages = messages;
		this.clock = clock;
	}

	/** Cinder's {@code VolumeAttachmentNotFound} for an id. */
	static ApiException notFound(String id) {
		return ApiException.notFound("Volume attachment could not be found with filter: attachment_id = " + id + ".");
	}

	/** An attachment visible to the caller (admins see every project's); 404 otherwise. */
	public AttachmentRecord get(ApiRequest req, String id) {
		return this.store.find(id, req.isAdmin() ? null : req.projectId()).orElseThrow(() -> notFound(id));
	}

	/**
	 * {@code attachment_create}: reserves the volume (400 with Cinder's text if it may not be), then, with a
	 * (non-empty) connector, connects it on the backend.
	 * @param mode the 3.54 {@code mode}, or null
	 */
	public AttachmentRecord create(ApiRequest req, String volumeId, String instanceUuid,
			Map<String, Object> connector, String mode) {
		VolumeRecord volume = this.volumes.get(volumeId, req.isAdmin() ? null : req.projectId());
		List<String> reservable = AttachmentStatuses.reservable(volume.multiattach());
		Optional<String> id = this.store.reserve(volume.id(), instanceUuid, reservable, this.clock.instant());
		if (id.isEmpty()) {
			String current = this.volumes.get(volumeId, null).status();
			throw ApiException.badRequest("Invalid volume: Volume " + volume.id() + " status must be "
					+ AttachmentStatuses.orList(reservable) + " to reserve, but the current status is " + current + ".");
		}
		// as Cinder's "if connector:": an empty connector (cinderclient sends {} without --connect) connects nothing
		if (connector != null && !connector.isEmpty()) {
			connect(req, volume, id.get(), connector, mode, MessageField.Action.UPDATE_ATTACHMENT,
					"Unable to create attachment for volume");
		}
		return this.store.find(id.get(), null).orElseThrow(() -> notFound(id.get()));
	}

	/** {@code attachment_update}: connects an attachment to {@code connector} on the backend. */
	public AttachmentRecord update(ApiRequest req, AttachmentRecord attachment, Map<String, Object> connector) {
		VolumeRecord volume = this.volumes.get(attachment.volumeId(), null);
		connect(req, volume, attachment.id(), connector, null, MessageField.Action.UPDATE_ATTACHMENT,
				"Unable to update attachment");
		return this.store.find(attachment.id(), null).orElseThrow(() -> notFound(attachment.id()));
	}

	/** {@code os-complete}: the attachment {@code attached}, the volume {@code in-use}. */
	public void complete(AttachmentRecord attachment) {
		if (!this.store.complete(attachment.id(), attachment.volumeId(), this.clock.instant())) {
			throw notFound(attachment.id());
		}
	}

	/**
	 * {@code attachment_delete}: a connected attachment is disconnected on the backend first (a failure there is
	 * Cinder's 500 and changes nothing); then it is detached and the volume status recomputed.
	 * @return the volume's attachments left
	 */
	public List<AttachmentRecord> delete(ApiRequest req, AttachmentRecord attachment) {
		VolumeRecord volume = this.volumes.get(attachment.volumeId(), null);
		if (!AttachmentStatuses.RESERVED.equals(attachment.attachStatus()) && volume.host() != null) {
			try {
				this.volumeRpc.attachmentDelete(req.context(), volume.host(), volume.id(), attachment.id(),
						attachment.connector());
			}
			catch (RpcException ex) {
				log.warn("attachment_delete {} of volume {} failed: {}", attachment.id(), volume.id(), ex.toString());
				throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "Unable to delete attachment ("
						+ ex.getMessage() + ").");
			}
		}
		this.store.detached(volume.id(), List.of(attachment.id()), null, this.clock.instant());
		return this.store.ofVolume(volume.id());
	}

	/**
	 * Connects attachment {@code id} of {@code volume} on its backend and records the connection; on a refused
	 * mode (400), a failed or timed-out call (500) the attachment ends {@code error_attaching} with a user message.
	 */
	private void connect(ApiRequest req, VolumeRecord volume, String id, Map<String, Object> connector,
			String requestedMode, MessageField.Action action, String failure) {
		String mode = mode(requestedMode, connector);
		if ("True".equals(volume.visibleAdminMetadata().get("readonly")) && !"ro".equals(mode)) {
			fail(req, volume, id, action, MessageField.Detail.VOLUME_ATTACH_MODE_INVALID);
			throw ApiException.badRequest("Invalid attaching mode '" + mode + "' for volume " + volume.id() + ".");
		}
		if (volume.host() == null) {
			fail(req, volume, id, action, MessageField.Detail.UNKNOWN_ERROR);
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, failure + " (volume " + volume.id()
					+ " has no backend).");
		}
		ConnectionInfo info;
		try {
			info = this.volumeRpc.attachmentUpdate(req.context(), volume.host(), volume.id(), connector, id);
		}
		catch (RpcException ex) {
			log.warn("attachment_update {} of volume {} failed: {}", id, volume.id(), ex.toString());
			fail(req, volume, id, action, MessageField.Detail.UNKNOWN_ERROR);
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, failure + " (" + ex.getMessage() + ").");
		}
		if (info == null) {
			fail(req, volume, id, action, MessageField.Detail.UNKNOWN_ERROR);
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, failure + ".");
		}
		Map<String, Object> connectionInfo = new java.util.LinkedHashMap<>(info.flattened());
		connectionInfo.put("attachment_id", id);
		connectionInfo.put("access_mode", mode);
		connectionInfo.putIfAbsent("encrypted", false);
		connectionInfo.putIfAbsent("qos_specs", null);
		Object host = connector.get("host");
		Object mountpoint = connector.get("mountpoint");
		Connection connection = new Connection(connector, connectionInfo, (host != null) ? host.toString() : null,
				(mountpoint != null) ? mountpoint.toString() : "na", mode);
		if (!this.store.connected(id, volume.id(), List.of(AttachmentStatuses.RESERVED, AttachmentStatuses.ATTACHING,
				AttachmentStatuses.ATTACHED), connection, false, this.clock.instant())) {
			throw notFound(id);
		}
	}

	private void fail(ApiRequest req, VolumeRecord volume, String id, MessageField.Action action,
			MessageField.Detail detail) {
		this.store.failed(id, volume.id(), action, detail, req.context().requestId(), this.messages.ttl(),
				this.clock.instant());
	}

	/** The mode: 3.54's {@code mode}, else the connector's {@code mode}, else {@code rw}. */
	static String mode(String requested, Map<String, Object> connector) {
		if (requested != null) {
			return requested;
		}
		Object mode = connector.get("mode");
		return (mode instanceof String s && AttachmentStatuses.MODES.contains(s)) ? s : "rw";
	}

}
