package io.basalt.api.volume;

import java.util.List;
import java.util.Map;

import io.basalt.api.web.ApiRequest;

/**
 * The volume actions that work on attachment records ({@code os-attach}, {@code os-detach},
 * {@code os-force_detach}, {@code os-initialize_connection}, {@code os-terminate_connection}) and the
 * {@code attachments} list of the volume views. Implemented by the attachment package (which depends on this one),
 * so that the volume package does not depend on it. The caller has found the volume (404) and authorized the
 * action.
 */
public interface AttachActions {

	/** {@code os-attach {"instance_uuid"|"host_name", "mountpoint", "mode"?}}. */
	void attach(ApiRequest req, VolumeRecord volume, Map<String, Object> args);

	/** {@code os-detach {"attachment_id"?}}. */
	void detach(ApiRequest req, VolumeRecord volume, Map<String, Object> args);

	/** {@code os-force_detach {"connector"?, "attachment_id"?}} (admin). */
	void forceDetach(ApiRequest req, VolumeRecord volume, Map<String, Object> args);

	/** {@code os-initialize_connection {"connector"}}: the body {@code {"connection_info": ...}}. */
	Map<String, Object> initializeConnection(ApiRequest req, VolumeRecord volume, Map<String, Object> args);

	/** {@code os-terminate_connection {"connector"}}. */
	void terminateConnection(ApiRequest req, VolumeRecord volume, Map<String, Object> args);

	/** The {@code attachments} entries of the views of {@code volumes}, by volume id (absent: none). */
	Map<String, List<Map<String, Object>>> shown(ApiRequest req, List<VolumeRecord> volumes);

}
