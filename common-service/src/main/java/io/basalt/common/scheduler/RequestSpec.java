package io.basalt.common.scheduler;

/**
 * Everything the scheduler needs to place one volume (Cinder's {@code request_spec}), built by the API.
 *
 * @param volumeId the volume to place
 * @param projectId the owner project
 * @param size the size in GiB
 * @param volumeType the resolved volume type (never null: the default type when none was asked for)
 * @param availabilityZone the requested availability zone, or null for any
 * @param snapshotId the source snapshot, or null
 * @param sourceVolid the source volume, or null
 * @param hints placement hints (never null)
 * @param group the group being placed (a {@code create_group} request, where {@code volumeId} is null), or null
 */
public record RequestSpec(String volumeId, String projectId, int size, VolumeTypeSpec volumeType,
		String availabilityZone, String snapshotId, String sourceVolid, SchedulerHints hints, GroupSpec group) {

	public RequestSpec {
		hints = (hints != null) ? hints : SchedulerHints.NONE;
	}

	/** The request of one volume (not a group). */
	public RequestSpec(String volumeId, String projectId, int size, VolumeTypeSpec volumeType,
			String availabilityZone, String snapshotId, String sourceVolid, SchedulerHints hints) {
		this(volumeId, projectId, size, volumeType, availabilityZone, snapshotId, sourceVolid, hints, null);
	}

}
