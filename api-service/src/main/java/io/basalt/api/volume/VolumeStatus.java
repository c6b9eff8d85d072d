package io.basalt.api.volume;

import java.util.Set;

/** The volume statuses of cinder-api-v3.md §4. */
final class VolumeStatus {

	static final Set<String> ALL = Set.of("creating", "available", "deleting", "error", "error_deleting",
			"error_managing", "managing", "attaching", "in-use", "detaching", "maintenance", "restoring-backup",
			"error_restoring", "reserved", "awaiting-transfer", "backing-up", "error_backing-up", "error_extending",
			"downloading", "uploading", "retyping", "extending");

	private VolumeStatus() {
	}

}
