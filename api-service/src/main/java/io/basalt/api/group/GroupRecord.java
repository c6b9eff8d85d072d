package io.basalt.api.group;

import java.time.Instant;
import java.util.List;

/**
 * A live {@code groups} row with its volume types, as the API reads it.
 *
 * @param id the group id
 * @param projectId the owner project
 * @param userId the creating user
 * @param name the name, or null
 * @param description the description, or null
 * @param status {@code creating}, {@code available}, {@code updating}, {@code deleting}, {@code error}, ...
 * @param availabilityZone the zone
 * @param host {@code host@backend} once placed, else null
 * @param groupTypeId the group type
 * @param groupSnapshotId the group snapshot it was made from, or null
 * @param sourceGroupId the group it was made from, or null
 * @param createdAt creation time
 * @param volumeTypeIds its volume types, in the order given at creation
 */
public record GroupRecord(String id, String projectId, String userId, String name, String description,
		String status, String availabilityZone, String host, String groupTypeId, String groupSnapshotId,
		String sourceGroupId, Instant createdAt, List<String> volumeTypeIds) {

	public GroupRecord {
		volumeTypeIds = (volumeTypeIds != null) ? List.copyOf(volumeTypeIds) : List.of();
	}

}
