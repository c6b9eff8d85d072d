package io.basalt.common.scheduler;

import java.util.List;
import java.util.Map;

/**
 * What the scheduler needs to place a generic volume group (Cinder's {@code group_spec} plus the volume types'
 * {@code request_spec_list}), resolved by the API so that the scheduler reads no database.
 *
 * @param groupId the group to place
 * @param groupTypeId the group type
 * @param groupSpecs the group type's specs (checked against pool capabilities like extra specs)
 * @param volumeTypes every volume type of the group (a backend must satisfy each one), never empty
 */
public record GroupSpec(String groupId, String groupTypeId, Map<String, String> groupSpecs,
		List<VolumeTypeSpec> volumeTypes) {

	public GroupSpec {
		groupSpecs = (groupSpecs != null) ? Map.copyOf(groupSpecs) : Map.of();
		volumeTypes = (volumeTypes != null) ? List.copyOf(volumeTypes) : List.of();
	}

}
