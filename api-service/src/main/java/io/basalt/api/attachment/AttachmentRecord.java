package io.basalt.api.attachment;

import java.time.Instant;
import java.util.Map;

/**
 * A live {@code volume_attachments} row, with the project of its volume (the scope it is visible in).
 *
 * @param id the attachment id
 * @param volumeId the volume
 * @param projectId the volume's project
 * @param instanceUuid the consumer instance, or null
 * @param attachedHost the consumer host (the connector's {@code host}, os-attach's {@code host_name}), or null
 * @param mountpoint where the consumer mounts it, or null
 * @param attachStatus reserved, attaching, attached, detaching, error_attaching, ...
 * @param attachMode {@code rw}/{@code ro}, or null before a connection
 * @param connector the consumer's os-brick connector, or null
 * @param connectionInfo the backend's connection info (flat), or null
 * @param attachTime when it was connected, or null
 * @param detachTime when it was detached, or null
 * @param createdAt creation time
 */
public record AttachmentRecord(String id, String volumeId, String projectId, String instanceUuid,
		String attachedHost, String mountpoint, String attachStatus, String attachMode, Map<String, Object> connector,
		Map<String, Object> connectionInfo, Instant attachTime, Instant detachTime, Instant createdAt) {
}
