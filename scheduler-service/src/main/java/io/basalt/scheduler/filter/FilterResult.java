package io.basalt.scheduler.filter;

import java.util.List;
import java.util.stream.Collectors;

import io.basalt.scheduler.host.PoolState;

/**
 * What filtering one request did: the pools that passed and, per enabled filter in order, how many pools reached
 * it, how many it removed and why (a few examples). Immutable.
 *
 * @param candidates how many pools were considered
 * @param passed the pools that passed every filter, in candidate order
 * @param steps one entry per enabled filter
 */
public record FilterResult(int candidates, List<PoolState> passed, List<Step> steps) {

	public FilterResult {
		passed = (passed instanceof Passed) ? passed : List.copyOf(passed);
		steps = List.copyOf(steps);
	}

	/**
	 * The first {@code size} elements of an array that the caller hands over (no further writes), as an
	 * unmodifiable list that the constructor keeps without copying it again. The elements must not be null.
	 */
	static List<PoolState> handOver(PoolState[] pools, int size) {
		return new Passed(pools, size);
	}

	/** An unmodifiable list over a handed-over array (see {@link #handOver}). */
	private static final class Passed extends java.util.AbstractList<PoolState> implements java.util.RandomAccess {

		private final PoolState[] pools;

		private final int size;

		Passed(PoolState[] pools, int size) {
			this.pools = pools;
			this.size = size;
		}

		@Override
		public PoolState get(int index) {
			java.util.Objects.checkIndex(index, this.size);
			return this.pools[index];
		}

		@Override
		public int size() {
			return this.size;
		}

	}

	/** Whether no pool passed. */
	public boolean isEmpty() {
		return this.passed.isEmpty();
	}

	/**
	 * A human-readable account of the filters that removed pools, e.g.
	 * {@code CapabilitiesFilter removed 2 of 2 pools: a@b#p (volume_backend_name: 'lvm' does not match 'ceph')}.
	 */
	public String describe() {
		if (this.candidates == 0) {
			return "no usable pool is known (no fresh capability report from an up, enabled volume service)";
		}
		String text = this.steps.stream()
			.filter(step -> step.removed() > 0)
			.map(Step::describe)
			.collect(Collectors.joining("; "));
		return text.isEmpty() ? "no filter removed a pool" : text;
	}

	/**
	 * One filter's share of the work.
	 * @param filter the filter's name
	 * @param reached pools that passed every earlier filter
	 * @param removed pools this filter rejected
	 * @param examples {@code pool (reason)} for the first few rejected pools
	 */
	public record Step(String filter, int reached, int removed, List<String> examples) {

		public Step {
			examples = List.copyOf(examples);
		}

		String describe() {
			String head = this.filter + " removed " + this.removed + " of " + this.reached + " pools";
			if (this.examples.isEmpty()) {
				return head;
			}
			String more = (this.removed > this.examples.size()) ? ", ..." : "";
			return head + ": " + String.join(", ", this.examples) + more;
		}

	}

}
