package io.basalt.common.scheduler;

import java.util.Map;

/**
 * Filters of {@code get_pools}.
 *
 * @param name only the pool with this name ({@code host@backend#pool}), or null
 * @param volumeType only pools that can take this volume type (its extra specs), or null
 */
public record PoolFilters(String name, VolumeTypeSpec volumeType) {

	public static final PoolFilters NONE = new PoolFilters(null, null);

	/** Convenience for a type given by its extra specs only. */
	public static PoolFilters forExtraSpecs(Map<String, String> extraSpecs) {
		return new PoolFilters(null, new VolumeTypeSpec(null, null, extraSpecs));
	}

}
