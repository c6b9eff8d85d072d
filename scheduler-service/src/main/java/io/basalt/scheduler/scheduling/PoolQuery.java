package io.basalt.scheduler.scheduling;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.basalt.common.scheduler.PoolFilters;
import io.basalt.scheduler.filter.CapabilitiesFilter;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.PoolState;

/**
 * Answers {@code get_pools}: the usable pools, optionally only the one named, or only those whose capabilities
 * satisfy a volume type's extra specs (through the {@link CapabilitiesFilter}). Thread-safe, no I/O.
 */
public class PoolQuery {

	private final HostManager hostManager;

	private final CapabilitiesFilter capabilities = new CapabilitiesFilter();

	public PoolQuery(HostManager hostManager) {
		this.hostManager = hostManager;
	}

	/** The matching pools, sorted by name. */
	public List<PoolState> pools(PoolFilters filters) {
		PoolFilters f = (filters != null) ? filters : PoolFilters.NONE;
		Stream<PoolState> pools = this.hostManager.usablePools().stream();
		if (f.name() != null) {
			pools = pools.filter(p -> p.name().equals(f.name()));
		}
		if (f.volumeType() != null) {
			CapabilitiesFilter.Bound bound = this.capabilities.bind(f.volumeType().extraSpecs());
			pools = pools.filter(bound::passes);
		}
		return pools.sorted(Comparator.comparing(PoolState::name)).toList();
	}

}
