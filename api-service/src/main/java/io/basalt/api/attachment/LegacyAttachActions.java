package io.basalt.api.attachment;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.attachment.AttachmentStore.Connection;
import io.basalt.api.volume.AttachActions;
import io.basalt.api.volume.VolumeRecord;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;
import io.basalt.api.web.Uuids;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.volume.ConnectionInfo;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The legacy attach actions of Cinder Zed ({@code volume/api.py} {@code attach}, {@code detach},
 * {@code initialize_connection}, {@code terminate_connection}, with the record keeping of the manager's
 * {@code attach_volume}/{@code detach_volume}), backed by the attachment records. Thread-safe.
 */
@Component
class LegacyAttachActions implements AttachActions {

	private static final Logger log = LoggerFactory.getLogger(LegacyAttachActions.class);

	/**
	 * The statuses a detach may end (the attach/detach states and {@code available}), in the order Cinder's
	 * message names them.
	 */
	static final List<String> DETACHABLE = List.of(VolumeStatus.AVAILABLE.wire(), VolumeStatus.IN_USE.wire(),
			VolumeStatus.ATTACHING.wire(), VolumeStatus.DETACHING.wire(), VolumeStatus.RESERVED.wire());

	/** The statuses os-attach accepts, in the order Cinder's message names them. */
	private static final List<String> ATTACHABLE = List.of(VolumeStatus.AVAILABLE.wire(),
			VolumeStatus.ATTACHING.wire(), VolumeStatus.RESERVED.wire(), VolumeStatus.IN_USE.wire());

	private final AttachmentStore store;

	private final VolumeRpcApi volumeRpc;

	private final Clock clock;

	LegacyAttachActions(AttachmentStore store, VolumeRpcApi volumeRpc, Clock clock) {
		this.store = store;
		this.volumeRpc = volumeRpc;
		this.clock = clock;
	}

	@Override
	public void attach(ApiRequest req, VolumeRecord v, Map<String, Object> args) {
		RequestBodies.onlyKeys(args, Set.of("instance_uuid", "host_name", "mountpoint", "mode"));
		String instance = RequestBodies.string(args, "instance_uuid", 0, Integer.MAX_VALUE, false);
		if (instance != null && Uuids.parse(instance) == null) {
			throw RequestBodies.invalid("instance_uuid", instance, "'" + instance + "' is not a 'uuid'");
		}
		String host = RequestBodies.string(args, "host_name", 0, 255, false);
		String mountpoint = RequestBodies.string(args, "mountpoint", 0, Integer.MAX_VALUE, false);
		if (mountpoint == null) {
			throw RequestBodies.invalid("os-attach", args, "'mountpoint' is a required property");
		}
		String mode = RequestBodies.string(args, "mode", 0, Integer.MAX_VALUE, false);
		if (mode == null) {
			mode = "rw";
		}
		else if (!AttachmentStatuses.MODES.contains(mode)) {
			throw RequestBodies.invalid("mode", mode, "'" + mode + "' is not one of ['rw', 'ro']");
		}
		if (instance != null && host != null) {
			throw ApiException.badRequest("Invalid request to attach volume to an instance " + instance + " and a host "
					+ host + " simultaneously");
		}
		if (instance == null && host == null) {
			throw ApiException.badRequest("Invalid request to attach volume to an invalid target");
		}
		if (VolumeStatus.MAINTENANCE.is(v.status())) {
			throw invalid("The volume cannot be attached in maintenance mode.");
		}
		if ("True".equals(v.visibleAdminMetadata().get("readonly")) && !"ro".equals(mode)) {
			throw ApiException.badRequest("Invalid attaching mode '" + mode + "' for volume " + v.id() + ".");
		}
		for (AttachmentRecord a : this.store.ofVolume(v.id())) {
			boolean same = (instance != null) ? instance.equals(a.instanceUuid())
					: (a.instanceUuid() == null && host.equals(a.attachedHost()));
			if (same && AttachmentStatuses.ATTACHED.equals(a.attachStatus())) {
				// already tracked: Cinder's manager answers the existing attachment
				return;
			}
		}
		if (VolumeStatus.IN_USE.is(v.status()) && !v.multiattach()) {
			throw ApiException.badRequest("Error attaching volume - InvalidVolume: Invalid volume: volume is already "
					+ "attached and multiple attachments are not enabled");
		}
		if (!ATTACHABLE.contains(v.status())) {
			throw invalid("Volume status must be " + String.join(" or ", ATTACHABLE) + " to attach, but the status is "
					+ v.status() + ".");
		}
		this.store.insertAttached(v.id(), instance, new Connection(null, null, host, mountpoint, mode),
				this.clock.instant());
	}

	@Override
	public void detach(ApiRequest req, VolumeRecord v, Map<String, Object> args) {
		RequestBodies.onlyKeys(args, Set.of("attachment_id"));
		String attachmentId = RequestBodies.string(args, "attachment_id", 0, Integer.MAX_VALUE, false);
		if (attachmentId != null && Uuids.parse(attachmentId) == null) {
			throw RequestBodies.invalid("attachment_id", attachmentId, "'" + attachmentId + "' is not a 'uuid'");
		}
		detached(v, attachmentId);
	}

	@Override
	public void forceDetach(ApiRequest req, VolumeRecord v, Map<String, Object> args) {
		RequestBodies.onlyKeys(args, Set.of("connector", "attachment_id"));
		Object connector = args.get("connector");
		if (connector != null && !(connector instanceof String) && !(connector instanceof Map)) {
			throw RequestBodies.invalid("connector", connector, connector + " is not of type 'string', 'object', "
					+ "'null'");
		}
		String attachmentId = RequestBodies.string(args, "attachment_id", 0, Integer.MAX_VALUE, false);
		if (v.host() != null) {
			try {
				this.volumeRpc.terminateConnection(req.context(), v.host(), v.id(), connectorMap(connector), true);
			}
			catch (RpcException ex) {
				log.warn("terminate_connection of volume {} failed: {}", v.id(), ex.toString());
				throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR,
						"Unable to terminate volume connection from backend.");
			}
		}
		detached(v, (attachmentId != null && Uuids.parse(attachmentId) != null) ? attachmentId : null);
	}

	@Override
	public Map<String, Object> initializeConnection(ApiRequest req, VolumeRecord v, Map<String, Object> args) {
		Map<String, Object> connector = requiredConnector(args, "os-initialize_connection");
		if (VolumeStatus.MAINTENANCE.is(v.status())) {
			throw invalid("The volume connection cannot be initialized in maintenance mode.");
		}
		if (v.host() == null) {
			// Cinder casts to a host of None and answers 500 when the call times out; the volume was never
			// placed on a backend (its create failed before), so this is the request's fault: 400, no call.
			throw invalid("Volume " + v.id() + " is not on any backend (status " + v.status()
					+ "): it has no connection to initialize.");
		}
		ConnectionInfo info;
		try {
			info = this.volumeRpc.initializeConnection(req.context(), v.host(), v.id(), connector);
		}
		catch (RpcException ex) {
			log.warn("initialize_connection of volume {} failed: {}", v.id(), ex.toString());
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR,
					"Unable to fetch connection information from backend.");
		}
		if (info == null) {
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR,
					"Unable to fetch connection information from backend.");
		}
		Map<String, Object> nested = info.nested();
		@SuppressWarnings("unchecked")
		Map<String, Object> data = (Map<String, Object>) nested.get("data");
		String accessMode = v.visibleAdminMetadata().get("attached_mode");
		if (accessMode == null) {
			accessMode = "True".equals(v.visibleAdminMetadata().get("readonly")) ? "ro" : "rw";
		}
		data.put("access_mode", accessMode);
		data.putIfAbsent("qos_specs", null);
		data.putIfAbsent("encrypted", false);
		return Map.of("connection_info", nested);
	}

	@Override
	public void terminateConnection(ApiRequest req, VolumeRecord v, Map<String, Object> args) {
		Map<String, Object> connector = requiredConnector(args, "os-terminate_connection");
		if (v.host() == null) {
			return;
		}
		try {
			this.volumeRpc.terminateConnection(req.context(), v.host(), v.id(), connector, false);
		}
		catch (RpcException ex) {
			log.warn("terminate_connection of volume {} failed: {}", v.id(), ex.toString());
			throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR,
					"Unable to terminate volume connection from backend.");
		}
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Only volumes whose {@code attach_status} is not {@code detached} are looked up: a volume's attach_status is
	 * recomputed from its live attachments ({@link AttachmentStatuses#volumeState}) and is {@code attached}
	 * whenever one of them is, so a detached volume has none to show. This keeps the attachments query off the
	 * hot path of a volume's show (a status poll), where nearly every volume is detached.
	 */
	@Override
	public Map<String, List<Map<String, Object>>> shown(ApiRequest req, List<VolumeRecord> volumes) {
		List<String> volumeIds = volumes.stream()
			.filter(v -> !AttachmentStatuses.DETACHED.equals(v.attachStatus()))
			.map(VolumeRecord::id)
			.toList();
		if (volumeIds.isEmpty()) {
			return Map.of();
		}
		Map<String, List<Map<String, Object>>> shown = new LinkedHashMap<>();
		for (AttachmentRecord a : this.store.attachedOf(volumeIds)) {
			shown.computeIfAbsent(a.volumeId(), id -> new java.util.ArrayList<>())
				.add(AttachmentViews.ofVolume(a, req.isAdmin()));
		}
		return shown;
	}

	/**
	 * The manager's {@code detach_volume}: the named attachment (a missing one just recomputes the status), else
	 * the only one (several → 400), else none (the volume {@code available}).
	 */
	private void detached(VolumeRecord v, String attachmentId) {
		if (VolumeStatus.MAINTENANCE.is(v.status())) {
			throw invalid("The volume cannot be detached in maintenance mode.");
		}
		List<String> ids;
		if (attachmentId != null) {
			ids = List.of(attachmentId);
		}
		else {
			List<AttachmentRecord> live = this.store.ofVolume(v.id());
			if (live.size() > 1) {
				throw invalid("Detach volume failed: More than one attachment, but no attachment_id provided.");
			}
			ids = live.stream().map(AttachmentRecord::id).toList();
		}
		if (!this.store.detached(v.id(), ids, DETACHABLE, this.clock.instant())) {
			throw invalid("Volume status must be " + String.join(", ", DETACHABLE) + " to detach, but current "
					+ "status is: " + v.status() + ".");
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> connectorMap(Object connector) {
		return (connector instanceof Map) ? (Map<String, Object>) connector : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> requiredConnector(Map<String, Object> args, String action) {
		Object connector = args.get("connector");
		if (connector == null) {
			throw RequestBodies.invalid(action, args, "'connector' is a required property");
		}
		if (!(connector instanceof Map)) {
			throw RequestBodies.invalid("connector", connector, connector + " is not of type 'object'");
		}
		return (Map<String, Object>) connector;
	}

	private static ApiException invalid(String reason) {
		return ApiException.badRequest("Invalid volume: " + reason);
	}

}
