package io.basalt.common.scheduler;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The availability zones a volume type confines its volumes to: the extra spec {@value #KEY}, a comma-separated
 * list (Cinder's {@code extract_availability_zones_from_volume_type}). The one parser of that spec, for the api's
 * check of a create and the scheduler's {@code AvailabilityZoneFilter}.
 */
public final class TypeAvailabilityZones {

	/** The extra spec naming the zones; user-visible, like Cinder's. */
	public static final String KEY = "RESKEY:availability_zones";

	private TypeAvailabilityZones() {
	}

	/**
	 * The zones the spec names, in its order, blanks and repeats dropped; null when the type does not set the spec
	 * (any zone). A spec present but naming no zone gives an empty list: no zone is allowed, as in Cinder.
	 * @param extraSpecs the type's extra specs, or null
	 */
	public static List<String> of(Map<String, String> extraSpecs) {
		String raw = (extraSpecs != null) ? extraSpecs.get(KEY) : null;
		if (raw == null) {
			return null;
		}
		LinkedHashSet<String> zones = new LinkedHashSet<>();
		for (String part : raw.split(",")) {
			String zone = part.strip();
			if (!zone.isEmpty()) {
				zones.add(zone);
			}
		}
		return List.copyOf(zones);
	}

}
