package io.basalt.api.flow;

import java.util.Map;

import io.basalt.api.type.VolumeType;
import io.basalt.common.scheduler.SchedulerHints;

/**
 * A create-volume request after ExtractVolumeRequest: every field checked and resolved.
 *
 * @param name the trimmed name, or null
 * @param description the trimmed description, or null
 * @param size GiB, 1..2147483647
 * @param type the resolved volume type
 * @param availabilityZone a known zone
 * @param metadata user metadata (never null)
 * @param snapshotId the source snapshot, or null
 * @param sourceVolid the source volume, or null
 * @param multiattach whether multi-attachable
 * @param hints scheduler hints resolved to backends
 * @param groupId the generic volume group to join (3.13+), or null
 * @param zoneLeftToScheduler whether the scheduler picks the zone among the volume type's
 * {@code RESKEY:availability_zones} (none was asked for and the type names several known ones):
 * {@code availabilityZone} is then the first of them, recorded until the scheduler records the chosen backend's
 */
public record CreateVolumeRequest(String name, String description, int size, VolumeType type,
		String availabilityZone, Map<String, String> metadata, String snapshotId, String sourceVolid,
		boolean multiattach, SchedulerHints hints, String groupId, boolean zoneLeftToScheduler) {

	/** A request whose zone is decided here. */
	public CreateVolumeRequest(String name, String description, int size, VolumeType type, String availabilityZone,
			Map<String, String> metadata, String snapshotId, String sourceVolid, boolean multiattach,
			SchedulerHints hints, String groupId) {
		this(name, description, size, type, availabilityZone, metadata, snapshotId, sourceVolid, multiattach, hints,
				groupId, false);
	}

	/** The zone the scheduler must place the volume in, or null when it chooses among the type's. */
	public String requestedZone() {
		return this.zoneLeftToScheduler ? null : this.availabilityZone;
	}

	/** A request outside any group. */
	public CreateVolumeRequest(String name, String description, int size, VolumeType type, String availabilityZone,
			Map<String, String> metadata, String snapshotId, String sourceVolid, boolean multiattach,
			SchedulerHints hints) {
		this(name, description, size, type, availabilityZone, metadata, snapshotId, sourceVolid, multiattach, hints,
				null);
	}

}
