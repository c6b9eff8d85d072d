package io.basalt.api.group;

import java.util.Map;

/**
 * A live {@code group_types} row with its specs.
 *
 * @param id the group type id
 * @param name the unique name
 * @param description the description, or null
 * @param isPublic whether every project may use it
 * @param groupSpecs the specs (never null)
 */
public record GroupType(String id, String name, String description, boolean isPublic, Map<String, String> groupSpecs) {

	public GroupType {
		groupSpecs = (groupSpecs != null) ? groupSpecs : Map.of();
	}

}
