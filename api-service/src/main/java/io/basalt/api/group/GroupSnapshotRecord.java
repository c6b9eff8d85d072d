package io.basalt.api.group;

import java.time.Instant;

/**
 * A live {@code group_snapshots} row.
 *
 * @param id the group snapshot id
 * @param projectId the owner project
 * @param userId the creating user
 * @param groupId the group snapped
 * @param groupTypeId the group's type
 * @param name the name, or null
 * @param description the description, or null
 * @param status {@code creating}, {@code available}, {@code deleting}, {@code error}, ...
 * @param createdAt creation time
 */
public record GroupSnapshotRecord(String id, String projectId, String userId, String groupId, String groupTypeId,
		String name, String description, String status, Instant createdAt) {
}
