package io.basalt.scheduler.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * The enabled filters in order. A pool must pass all of them; each pool stops at the first filter that rejects
 * it (one pass over the candidates, so filtering stays linear in the number of pools).
 * <p>
 * Immutable and thread-safe, given that the filters are.
 */
public class FilterChain {

	/** How many rejected pools per filter are explained in the result. */
	static final int EXAMPLES = 3;

	private final List<HostFilter> filters;

	public FilterChain(List<HostFilter> filters) {
		this.filters = List.copyOf(filters);
	}

	/** The enabled filters, in order. */
	public List<HostFilter> filters() {
		return this.filters;
	}

	/** Runs every filter over {@code candidates}. */
	public FilterResult apply(List<PoolState> candidates, RequestSpec request, FilterProperties properties) {
		int n = this.filters.size();
		HostFilter[] bound = new HostFilter[n];
		int[] active = new int[n];
		int activeCount = 0;
		for (int i = 0; i < n; i++) {
			bound[i] = this.filters.get(i).forRequest(request, properties);
			if (bound[i] != HostFilter.PASS_ALL) {
				active[activeCount++] = i;
			}
		}
		int[] checked = java.util.Arrays.copyOf(active, activeCount);
		int[] removed = new int[n];
		List<List<String>> examples = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			examples.add(new ArrayList<>(EXAMPLES));
		}
		PoolState[] passed = new PoolState[candidates.size()];
		int passedCount = 0;
		for (PoolState pool : candidates) {
			int failed = firstRejecting(bound, checked, pool, request, properties);
			if (failed < 0) {
				passed[passedCount++] = Objects.requireNonNull(pool, "pool");
				continue;
			}
			removed[failed]++;
			if (examples.get(failed).size() < EXAMPLES) {
				examples.get(failed).add(pool.name() + " (" + bound[failed].reason(pool, request, properties) + ")");
			}
		}
		List<FilterResult.Step> steps = new ArrayList<>(n);
		int reached = candidates.size();
		for (int i = 0; i < n; i++) {
			steps.add(new FilterResult.Step(this.filters.get(i).name(), reached, removed[i], examples.get(i)));
			reached -= removed[i];
		}
		return new FilterResult(candidates.size(), FilterResult.handOver(passed, passedCount), steps);
	}

	private static int firstRejecting(HostFilter[] bound, int[] checked, PoolState pool, RequestSpec request,
			FilterProperties properties) {
		for (int i : checked) {
			if (!bound[i].passes(pool, request, properties)) {
				return i;
			}
		}
		return -1;
	}

}
