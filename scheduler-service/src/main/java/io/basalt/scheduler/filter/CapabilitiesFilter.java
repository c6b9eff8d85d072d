package io.basalt.scheduler.filter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
 * Thread-safe; {@link #forRequest} parses the specs once per distinct set of extra specs (a small cache of
 * parsed specs), and a parsed set remembers its verdict on each pool in the pool itself
 * ({@link PoolState#capabilityMemo()}), so that a pool is matched again only after it changed (a pool value is
 * immutable and replaced on every report or consumption) or when another volume type was asked for in between.
 */
public final class CapabilitiesFilter implements HostFilter {

	private static final String SCOPE = "capabilities";

	/** How many distinct sets of extra specs stay parsed before the cache starts over. */
	static final int BOUND_CACHE_SIZE = 256;

	private final ConcurrentHashMap<Map<String, String>, Bound> bound = new ConcurrentHashMap<>();

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
		Bound cached = this.bound.get(extraSpecs);
		if (cached != null && cached.sameOrder(extraSpecs)) {
			// Same specs in the same order: the same checks in the same order (so the same reasons).
			return cached;
		}
		Bound parsed = parse(extraSpecs);
		if (this.bound.size() >= BOUND_CACHE_SIZE) {
			this.bound.clear();
		}
		this.bound.putIfAbsent(Collections.unmodifiableMap(new HashMap<>(extraSpecs)), parsed);
		return parsed;
	}

	private static Bound parse(Map<String, String> extraSpecs) {
		List<Check> checks = new ArrayList<>();
		for (Map.Entry<String, String> spec : extraSpecs.entrySet()) {
			String key = capabilityKey(spec.getKey());
			if (key != null) {
				checks.add(new Check(spec.getKey(), key, PoolState.capabilityIndex(key),
						ExtraSpecRequirement.parse(spec.getValue())));
			}
		}
		return new Bound(List.copyOf(checks), new ArrayList<>(extraSpecs.keySet()));
	}

	/** The capability an extra-spec key names, or null if the key belongs to another scope. */
	static String capabilityKey(String specKey) {
		int colon = specKey.indexOf(':');
		if (colon < 0) {
			return specKey;
		}
		return SCOPE.equals(specKey.substring(0, colon)) ? specKey.substring(colon + 1) : null;
	}

	/** One parsed extra spec, its capability name resolved once ({@link PoolState#capabilityIndex}). */
	record Check(String specKey, String capabilityKey, int capabilityIndex, ExtraSpecRequirement requirement) {

		boolean passes(PoolState pool) {
			return this.requirement.matches(pool.capability(this.capabilityIndex, this.capabilityKey));
		}

	}

	/** The filter bound to one request's parsed specs. Immutable. */
	public static final class Bound implements HostFilter {

		private final List<Check> checks;

		private final Check[] checkArray;

		/** The verdicts this bound leaves in pools, allocated once (a pool holds one of them, or another's). */
		private final Memo passes = new Memo(this, true);

		private final Memo fails = new Memo(this, false);

		/** The spec keys in the order they were parsed in. */
		private final List<String> order;

		Bound(List<Check> checks, List<String> order) {
			this.checks = checks;
			this.order = order;
			this.checkArray = checks.toArray(new Check[0]);
		}

		@Override
		public String name() {
			return CapabilitiesFilter.class.getSimpleName();
		}

		boolean sameOrder(Map<String, String> extraSpecs) {
			if (extraSpecs.size() != this.order.size()) {
				return false;
			}
			int i = 0;
			for (String key : extraSpecs.keySet()) {
				if (!key.equals(this.order.get(i++))) {
					return false;
				}
			}
			return true;
		}

		@Override
		public boolean passes(PoolState pool, RequestSpec request, FilterProperties properties) {
			return passes(pool);
		}

		/** Whether {@code pool} satisfies every spec. */
		public boolean passes(PoolState pool) {
			if (pool.capabilityMemo() instanceof Memo memo && memo.bound == this) {
				return memo.passes;
			}
			boolean result = check(pool);
			pool.capabilityMemo(result ? this.passes : this.fails);
			return result;
		}

		private boolean check(PoolState pool) {
			for (Check check : this.checkArray) {
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

	/** A bound's verdict on one pool (immutable, so a pool may publish it through a plain field). */
	private record Memo(Bound bound, boolean passes) {
	}

}
