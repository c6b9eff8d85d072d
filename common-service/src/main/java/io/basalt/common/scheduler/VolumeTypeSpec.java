package io.basalt.common.scheduler;

import java.util.Map;

/**
 * The volume type of a request, resolved by the API so that the scheduler needs no database read.
 *
 * @param id the type id
 * @param name the type name
 * @param extraSpecs the type's extra specs (e.g. {@code volume_backend_name}, {@code capabilities:x})
 */
public record VolumeTypeSpec(String id, String name, Map<String, String> extraSpecs) {

	public VolumeTypeSpec {
		extraSpecs = (extraSpecs != null) ? Map.copyOf(extraSpecs) : Map.of();
	}

}
