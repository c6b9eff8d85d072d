package io.basalt.scheduler.weigher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weighers that can be enabled by name, each built with its configured multiplier. Unknown names fail fast
 * at start. Immutable after construction.
 */
public class WeigherCatalog {

	private final Map<String, HostWeigher> byName = new LinkedHashMap<>();

	/**
	 * @param capacityMultiplier {@link CapacityWeigher}'s multiplier (positive = spread, negative = stack)
	 * @param allocatedCapacityMultiplier {@link AllocatedCapacityWeigher}'s multiplier
	 * @param volumeNumberMultiplier {@link VolumeNumberWeigher}'s multiplier
	 * @param extra application-supplied weighers (may replace a built-in of the same name)
	 */
	public WeigherCatalog(double capacityMultiplier, double allocatedCapacityMultiplier,
			double volumeNumberMultiplier, List<? extends HostWeigher> extra) {
		for (HostWeigher w : List.of(new CapacityWeigher(capacityMultiplier),
				new AllocatedCapacityWeigher(allocatedCapacityMultiplier),
				new VolumeNumberWeigher(volumeNumberMultiplier))) {
			this.byName.put(w.name(), w);
		}
		for (HostWeigher w : extra) {
			this.byName.put(w.name(), w);
		}
	}

	/**
	 * The named weighers, in the given order.
	 * @throws IllegalArgumentException on an unknown name
	 */
	public List<HostWeigher> enabled(List<String> names) {
		List<HostWeigher> out = new ArrayList<>(names.size());
		for (String name : names) {
			HostWeigher w = this.byName.get(name.trim());
			if (w == null) {
				throw new IllegalArgumentException(
						"Unknown scheduler weigher '" + name + "'; known weighers: " + this.byName.keySet());
			}
			out.add(w);
		}
		return out;
	}

}
