package io.basalt.scheduler.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * Passes pools whose capabilities satisfy every extra spec of the volume type (Cinder's
 * {@code CapabilitiesFilter}, cinder-scheduler.md §5):
 * <ul>
 * <li>unscoped keys ({@code volume_backend_name}, {@code multiattach}, ...) and keys scoped {@code capabilities:}
 * are checked against {@link PoolState#capability(String)}; a missing capability fails;</li>
 * <li>keys of any other scope ({@code provisioning:type}, {@code vendor:x}, {@code RESKEY:...}) are ignored;</li>
 * <li>a deeper key {@code capabilities:a:b} is looked up as the flat capability {@code a:b};</li>
 * <li>values are matched with {@link ExtraSpecRequirement}.</li>
 * </ul>
 * Stateless and thread-safe; {@link #forRequest} parses the specs once per request.
 */
public final class CapabilitiesFilter implements HostFilter {

	private static final String SCOPE = "capabilities";

	@Override
	public boolean passes(PoolState pool, RequestSpec request, FilterProperties properties) {
		return bind(request.volumeType().extraSpecs()).passes(pool, request, properties);
	}

	@Override
	public String reason(PoolState pool, RequestSpec request, FilterProperties properties) {
		return bind(request.volumeType().extraSpecs()).reason(pool, request, properties);
	}

	@Override
	public HostFilter forRequest(RequestSpec request, FilterProperties properties) {
		return bind(request.volumeType().extraSpecs());
	}

	/** The filter for a fixed set of extra specs (also used by {@code get_pools} for a volume-type filter). */
	public Bound bind(Map<String, String> extraSpecs) {
		List<Check> checks = new ArrayList<>();
		for (Map.Entry<String, String> spec : extraSpecs.entrySet()) {
			String key = capabilityKey(spec.getKey());
			if (key != null) {
				checks.add(new Check(spec.getKey(), key, ExtraSpecRequirement.parse(spec.getValue())));
			}
		}
		return new Bound(List.copyOf(checks));
	}

	/** The capability an extra-spec key names, or null if the key belongs to another scope. */
	static String capabilityKey(String specKey) {
		int colon = specKey.indexOf(':');
		if (colon < 0) {
			return specKey;
		}
		return SCOPE.equals(specKey.substring(0, colon)) ? specKey.substring(colon + 1) : null;
	}

	/** One parsed extra spec. */
	record Check(String specKey, String capabilityKey, ExtraSpecRequirement requirement) {

		boolean passes(PoolState pool) {
			return this.requirement.matches(pool.capability(this.capabilityKey));
		}

	}

	/** The filter bound to one request's parsed specs. Immutable. */
	public static final class Bound implements HostFilter {

		private final List<Check> checks;

		Bound(List<Check> checks) {
			this.checks = checks;
		}

		@Override
		public String name() {
			return CapabilitiesFilter.class.getSimpleName();
		}

		@Override
		public boolean passes(PoolState pool, RequestSpec request, FilterProperties properties) {
			return passes(pool);
		}

		/** Whether {@code pool} satisfies every spec. */
		public boolean passes(PoolState pool) {
			for (Check check : this.checks) {
				if (!check.passes(pool)) {
					return false;
				}
			}
			return true;
		}

		@Override
		public String reason(PoolState pool, RequestSpec request, FilterProperties properties) {
			for (Check check : this.checks) {
				if (!check.passes(pool)) {
					Object value = pool.capability(check.capabilityKey());
					return (value == null) ? check.specKey() + ": no such capability"
							: check.specKey() + ": '" + value + "' does not match '" + check.requirement().text() + "'";
				}
			}
			return "passes";
		}

	}

}
