package io.basalt.scheduler.weigher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * Weighs the pools that passed the filters and picks one (Cinder's weight handlers, cinder-scheduler.md §6):
 * each weigher's raw weights are normalised to [0, 1] as {@code (w − min) / (max − min)} (all equal → 0),
 * multiplied by the weigher's multiplier and summed. {@link ChoiceMode#ORDERED} takes the highest sum (ties: the
 * lowest pool name); {@link ChoiceMode#STOCHASTIC} draws among the {@code top} best with probability proportional
 * to each one's sum minus the lowest sum of all candidates (uniformly when those are all zero).
 * <p>
 * Immutable; thread-safe if the {@link RandomGenerator} is (inject {@link java.util.Random}, or a seeded one in
 * tests). Linear in the number of candidates: no full sort on the scheduling path.
 */
public class WeighingHandler {

	/** What replaces +∞ when every finite weight is equal (Cinder's offset). */
	static final double INFINITY_OFFSET = 10_000;

	private final List<HostWeigher> weighers;

	private final ChoiceMode mode;

	private final int top;

	private final RandomGenerator random;

	public WeighingHandler(List<HostWeigher> weighers, ChoiceMode mode, int top, RandomGenerator random) {
		this.weighers = List.copyOf(weighers);
		this.mode = Objects.requireNonNull(mode, "mode");
		this.top = Math.max(1, top);
		this.random = Objects.requireNonNull(random, "random");
	}

	/** The enabled weighers. */
	public List<HostWeigher> weighers() {
		return this.weighers;
	}

	/** The combined weight of every candidate, in candidate order. */
	public double[] weights(List<PoolState> pools, RequestSpec request) {
		int n = pools.size();
		int k = this.weighers.size();
		HostWeigher[] bound = new HostWeigher[k];
		for (int j = 0; j < k; j++) {
			bound[j] = this.weighers.get(j).forRequest(request);
		}
		// One pass over the pools for all weighers (each pool is read once), then per weigher in order:
		// normalise and add, which sums in the same order as weighing one weigher at a time.
		double[][] raw = new double[k][n];
		for (int i = 0; i < n; i++) {
			PoolState pool = pools.get(i);
			for (int j = 0; j < k; j++) {
				raw[j][i] = bound[j].weigh(pool, request);
			}
		}
		double[] total = new double[n];
		for (int j = 0; j < k; j++) {
			double[] w = raw[j];
			normalize(w);
			double m = bound[j].multiplier();
			for (int i = 0; i < n; i++) {
				total[i] += m * w[i];
			}
		}
		return total;
	}

	/** Every candidate with its weight, best first (for inspection; scheduling uses {@link #choose}). */
	public List<WeighedPool> weighAll(List<PoolState> pools, RequestSpec request) {
		double[] w = weights(pools, request);
		List<WeighedPool> out = new ArrayList<>(pools.size());
		for (int i = 0; i < w.length; i++) {
			out.add(new WeighedPool(pools.get(i), w[i]));
		}
		out.sort(Comparator.comparingDouble(WeighedPool::weight).reversed()
			.thenComparing(wp -> wp.pool().name()));
		return out;
	}

	/**
	 * The chosen pool with its weight.
	 * @throws IllegalArgumentException if {@code pools} is empty
	 */
	public WeighedPool choose(List<PoolState> pools, RequestSpec request) {
		if (pools.isEmpty()) {
			throw new IllegalArgumentException("no pool to choose from");
		}
		double[] w = weights(pools, request);
		int index = (this.mode == ChoiceMode.ORDERED) ? best(pools, w) : draw(pools, w);
		return new WeighedPool(pools.get(index), w[index]);
	}

	/** Normalises in place to [0, 1], replacing +∞ first. */
	static void normalize(double[] w) {
		double min = Double.POSITIVE_INFINITY;
		double max = Double.NEGATIVE_INFINITY;
		boolean infinite = false;
		for (double v : w) {
			if (v == Double.POSITIVE_INFINITY) {
				infinite = true;
				continue;
			}
			min = Math.min(min, v);
			max = Math.max(max, v);
		}
		if (min == Double.POSITIVE_INFINITY) {
			// Nothing finite (or no candidates): all weights are equal.
			java.util.Arrays.fill(w, 0);
			return;
		}
		if (infinite) {
			double offset = (max - min) * 100;
			double replacement = max + ((offset != 0) ? offset : INFINITY_OFFSET);
			for (int i = 0; i < w.length; i++) {
				if (w[i] == Double.POSITIVE_INFINITY) {
					w[i] = replacement;
				}
			}
			max = replacement;
		}
		double range = max - min;
		for (int i = 0; i < w.length; i++) {
			w[i] = (range > 0) ? (w[i] - min) / range : 0;
		}
	}

	private static int best(List<PoolState> pools, double[] w) {
		int best = 0;
		for (int i = 1; i < w.length; i++) {
			if (w[i] > w[best] || (w[i] == w[best] && pools.get(i).name().compareTo(pools.get(best).name()) < 0)) {
				best = i;
			}
		}
		return best;
	}

	private int draw(List<PoolState> pools, double[] w) {
		int[] topIndexes = topIndexes(pools, w, Math.min(this.top, w.length));
		double floor = Double.POSITIVE_INFINITY;
		for (double v : w) {
			floor = Math.min(floor, v);
		}
		double sum = 0;
		for (int i : topIndexes) {
			sum += w[i] - floor;
		}
		if (sum <= 0) {
			return topIndexes[this.random.nextInt(topIndexes.length)];
		}
		double ticket = this.random.nextDouble() * sum;
		for (int i : topIndexes) {
			ticket -= w[i] - floor;
			if (ticket < 0) {
				return i;
			}
		}
		return topIndexes[topIndexes.length - 1];
	}

	/** The indexes of the {@code k} best weights, best first (insertion into a small sorted array). */
	private static int[] topIndexes(List<PoolState> pools, double[] w, int k) {
		int[] top = new int[k];
		int size = 0;
		for (int i = 0; i < w.length; i++) {
			if (size == k && !better(pools, w, i, top[k - 1])) {
				continue;
			}
			int pos = (size < k) ? size++ : k - 1;
			while (pos > 0 && better(pools, w, i, top[pos - 1])) {
				top[pos] = top[pos - 1];
				pos--;
			}
			top[pos] = i;
		}
		return top;
	}

	private static boolean better(List<PoolState> pools, double[] w, int a, int b) {
		return w[a] > w[b] || (w[a] == w[b] && pools.get(a).name().compareTo(pools.get(b).name()) < 0);
	}

}
