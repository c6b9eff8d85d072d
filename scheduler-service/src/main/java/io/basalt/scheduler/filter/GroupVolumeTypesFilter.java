package io.basalt.scheduler.filter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.GroupSpec;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * Placement of a generic volume group ({@code create_group}): passes a pool that satisfies the extra specs of
 * EVERY volume type of the group and the group type's specs (Cinder intersects the backends found per volume
 * type and checks the group specs with its capabilities filter). Keys are matched as {@link CapabilitiesFilter}
 * matches them (unscoped and {@code capabilities:} keys; other scopes ignored). Passes every pool of a request
 * that is not a group's.
 * <p>
 * Stateless and thread-safe; {@link #forRequest} parses the specs of the group once per scheduling run (no memo
 * in the pools, so that the capabilities filter's memo is left alone).
 */
public final class GroupVolumeTypesFilter implements HostFilter {

	@Override
	public boolean passes(PoolState pool, RequestSpec request, FilterProperties properties) {
		return forRequest(request, properties).passes(pool, request, properties);
	}

	@Override
	public HostFilter forRequest(RequestSpec request, FilterProperties properties) {
		GroupSpec group = request.group();
		return (group == null) ? PASS_ALL : new Bound(parse(group));
	}

	@Override
	public String reason(PoolState pool, RequestSpec request, FilterProperties properties) {
		GroupSpec group = request.group();
		return (group == null) ? "passes" : new Bound(parse(group)).reason(pool, request, properties);
	}

	/**
	 * One list of checks per volume type, then one for the group specs (labelled for the reasons). A spec
	 * (key and value) already checked for an earlier type is not checked again: the volume types of a group
	 * usually share most of their specs (e.g. {@code volume_backend_name}).
	 */
	private static List<Labelled> parse(GroupSpec group) {
		List<Labelled> all = new ArrayList<>();
		Set<Map.Entry<String, String>> seen = new HashSet<>();
		for (VolumeTypeSpec type : group.volumeTypes()) {
			all.add(new Labelled("volume type " + type.name(), checks(type.extraSpecs(), seen)));
		}
		all.add(new Labelled("group specs", checks(group.groupSpecs(), seen)));
		return all;
	}

	private static List<CapabilitiesFilter.Check> checks(Map<String, String> specs,
			Set<Map.Entry<String, String>> seen) {
		List<CapabilitiesFilter.Check> checks = new ArrayList<>();
		for (Map.Entry<String, String> spec : specs.entrySet()) {
			String key = CapabilitiesFilter.capabilityKey(spec.getKey());
			if (key != null && seen.add(Map.entry(spec.getKey(), spec.getValue()))) {
				checks.add(new CapabilitiesFilter.Check(spec.getKey(), key, PoolState.capabilityIndex(key),
						ExtraSpecRequirement.parse(spec.getValue())));
			}
		}
		return List.copyOf(checks);
	}

	private record Labelled(String label, List<CapabilitiesFilter.Check> checks) {
	}

	/** The filter bound to one group's parsed specs. Immutable. */
	private record Bound(List<Labelled> sets) implements HostFilter {

		@Override
		public String name() {
			return GroupVolumeTypesFilter.class.getSimpleName();
		}

		@Override
		public boolean passes(PoolState pool, RequestSpec request, FilterProperties properties) {
			for (Labelled set : this.sets) {
				for (CapabilitiesFilter.Check check : set.checks()) {
					if (!check.passes(pool)) {
						return false;
					}
				}
			}
			return true;
		}

		@Override
		public String reason(PoolState pool, RequestSpec request, FilterProperties properties) {
			for (Labelled set : this.sets) {
				for (CapabilitiesFilter.Check check : set.checks()) {
					if (!check.passes(pool)) {
						return set.label() + ": " + check.specKey() + " does not match '"
								+ check.requirement().text() + "'";
					}
				}
			}
			return "passes";
		}

	}

}
