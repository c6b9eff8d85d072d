package io.basalt.api.attachment;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.web.Timestamps;

/**
 * Cinder Zed's attachment views ({@code api/v3/views/attachments.py}): the summary {@code id, status, instance,
 * volume_id}; the detail adds {@code attached_at}, {@code detached_at} ({@code ""} when unset), {@code attach_mode}
 * and {@code connection_info}. Also the volume view's {@code attachments} entries ({@code api/v3/views/volumes.py}
 * {@code _get_attachments}). Stateless.
 */
public final class AttachmentViews {

	private AttachmentViews() {
	}

	static Map<String, Object> summary(AttachmentRecord a) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", a.id());
		view.put("status", a.attachStatus());
		view.put("instance", a.instanceUuid());
		view.put("volume_id", a.volumeId());
		return view;
	}

	static Map<String, Object> detail(AttachmentRecord a) {
		Map<String, Object> view = summary(a);
		view.put("attached_at", normalized(a.attachTime()));
		view.put("detached_at", normalized(a.detachTime()));
		view.put("attach_mode", a.attachMode());
		view.put("connection_info", a.connectionInfo());
		return view;
	}

	static Map<String, Object> list(List<AttachmentRecord> attachments, boolean detail) {
		return Map.of("attachments",
				attachments.stream().map(a -> detail ? detail(a) : summary(a)).toList());
	}

	/**
	 * One entry of a volume's {@code attachments}: {@code id} is the volume's id (as Cinder), {@code host_name}
	 * only for admins.
	 */
	public static Map<String, Object> ofVolume(AttachmentRecord a, boolean admin) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", a.volumeId());
		view.put("attachment_id", a.id());
		view.put("volume_id", a.volumeId());
		view.put("server_id", a.instanceUuid());
		view.put("host_name", admin ? a.attachedHost() : null);
		view.put("device", a.mountpoint());
		view.put("attached_at", Timestamps.format(a.attachTime()));
		return view;
	}

	private static String normalized(Instant time) {
		return (time == null) ? "" : Timestamps.format(time);
	}

}
