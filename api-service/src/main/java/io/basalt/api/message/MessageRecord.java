package io.basalt.api.message;

import java.time.Instant;

/**
 * A {@code messages} row.
 *
 * @param id the message id
 * @param projectId the project it is for
 * @param requestId the request that led to it, or null
 * @param resourceType {@code VOLUME}, or null
 * @param resourceUuid the resource's id, or null
 * @param eventId e.g. {@code VOLUME_VOLUME_001_003}
 * @param actionId Cinder's action id ({@code 001}...)
 * @param detailId Cinder's detail id ({@code 001}...)
 * @param messageLevel {@code ERROR}
 * @param createdAt when it was recorded
 * @param expiresAt until when it is kept ({@code guaranteed_until})
 */
record MessageRecord(String id, String projectId, String requestId, String resourceType, String resourceUuid,
		String eventId, String actionId, String detailId, String messageLevel, Instant createdAt, Instant expiresAt) {
}
