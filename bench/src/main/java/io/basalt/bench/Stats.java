package io.basalt.bench;

import java.util.Arrays;

/**
 * Summary statistics of a set of latencies in nanoseconds. Percentiles use the nearest-rank method: the p-th
 * percentile is the smallest sample such that at least p % of the samples are less than or equal to it (so p50 of
 * {1, 2, 3, 4} is 2 and p99 of 100 samples is the 99th smallest).
 */
public final class Stats {

	private final long[] sorted;

	private Stats(long[] sorted) {
		this.sorted = sorted;
	}

	/** Statistics of {@code samples} (copied, the array is not changed). */
	public static Stats of(long[] samples) {
		long[] copy = samples.clone();
		Arrays.sort(copy);
		return new Stats(copy);
	}

	public int count() {
		return this.sorted.length;
	}

	/** The nearest-rank percentile, {@code 0 < p <= 100}; 0 when there are no samples. */
	public long percentile(double p) {
		if (!(p > 0 && p <= 100)) {
			throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
		}
		int n = this.sorted.length;
		if (n == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * n);
		return this.sorted[Math.min(Math.max(rank, 1), n) - 1];
	}

	public long min() {
		return this.sorted.length == 0 ? 0 : this.sorted[0];
	}

	public long max() {
		return this.sorted.length == 0 ? 0 : this.sorted[this.sorted.length - 1];
	}

	public double mean() {
		if (this.sorted.length == 0) {
			return 0;
		}
		double sum = 0;
		for (long v : this.sorted) {
			sum += v;
		}
		return sum / this.sorted.length;
	}

	/** Nanoseconds as milliseconds. */
	public static double ms(double nanos) {
		return nanos / 1_000_000.0;
	}

}
