package io.basalt.scheduler.filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filters that can be enabled by name: the built-in ones plus any {@link HostFilter} the application adds.
 * Unknown names fail fast at start (Cinder's {@code SchedulerHostFilterNotFound}). Immutable after construction.
 */
public class FilterCatalog {

	private final Map<String, HostFilter> byName = new LinkedHashMap<>();

	/** The built-in filters and {@code extra} ones (an extra filter may replace a built-in of the same name). */
	public FilterCatalog(Collection<? extends HostFilter> extra) {
		for (HostFilter f : builtIns()) {
			this.byName.put(f.name(), f);
		}
		for (HostFilter f : extra) {
			this.byName.put(f.name(), f);
		}
	}

	/** Every built-in filter. */
	public static List<HostFilter> builtIns() {
		return List.of(new AvailabilityZoneFilter(), new CapacityFilter(), new CapabilitiesFilter(), new RetryFilter(),
				new SameBackendFilter(), new DifferentBackendFilter(), new GroupVolumeTypesFilter());
	}

	/** The names that can be enabled. */
	public List<String> names() {
		return List.copyOf(this.byName.keySet());
	}

	/**
	 * The chain of the named filters, in the given order.
	 * @throws IllegalArgumentException on an unknown name
	 */
	public FilterChain chain(List<String> names) {
		List<HostFilter> filters = new ArrayList<>(names.size());
		for (String name : names) {
			HostFilter f = this.byName.get(name.trim());
			if (f == null) {
				throw new IllegalArgumentException(
						"Unknown scheduler filter '" + name + "'; known filters: " + this.byName.keySet());
			}
			filters.add(f);
		}
		return new FilterChain(filters);
	}

}
