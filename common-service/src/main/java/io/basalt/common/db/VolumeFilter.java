package io.basalt.common.db;

import java.util.Map;
import java.util.UUID;

/**
 * The filters of a volume list (GET /volumes?...); null means "any". {@code projectId} null lists every project
 * (admin {@code all_tenants}). {@code metadata} entries must all match. Immutable.
 */
public record VolumeFilter(String projectId, String status, String name, String availabilityZone, String host,
		Boolean bootable, UUID volumeTypeId, Map<String, String> metadata, boolean includeDeleted) {

	public VolumeFilter {
		metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
	}

	/** Every live volume of one project. */
	public static VolumeFilter ofProject(String projectId) {
		return new VolumeFilter(projectId, null, null, null, null, null, null, Map.of(), false);
	}

}
