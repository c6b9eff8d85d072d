package io.basalt.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class StatsTest {

	@Test
	void nearestRankPercentilesOfOneToHundred() {
		Stats s = Stats.of(LongStream.rangeClosed(1, 100).toArray());
		assertThat(s.percentile(50)).isEqualTo(50);
		assertThat(s.percentile(95)).isEqualTo(95);
		assertThat(s.percentile(99)).isEqualTo(99);
		assertThat(s.percentile(100)).isEqualTo(100);
		assertThat(s.percentile(0.1)).isEqualTo(1);
		assertThat(s.min()).isEqualTo(1);
		assertThat(s.max()).isEqualTo(100);
		assertThat(s.mean()).isEqualTo(50.5);
	}

	@Test
	void unsortedInputIsSortedAndNotChanged() {
		long[] samples = { 40, 10, 30, 20 };
		Stats s = Stats.of(samples);
		assertThat(s.percentile(50)).isEqualTo(20);
		assertThat(s.percentile(75)).isEqualTo(30);
		assertThat(s.percentile(76)).isEqualTo(40);
		assertThat(samples).containsExactly(40, 10, 30, 20);
	}

	@Test
	void smallSamplesTakeTheLargestForHighPercentiles() {
		Stats s = Stats.of(new long[] { 7, 3, 5 });
		assertThat(s.percentile(50)).isEqualTo(5);
		assertThat(s.percentile(95)).isEqualTo(7);
		assertThat(s.percentile(99)).isEqualTo(7);
		assertThat(Stats.of(new long[] { 42 }).percentile(1)).isEqualTo(42);
	}

	@Test
	void tailOfAThousandSamples() {
		// 990 fast samples and 10 slow ones: p99 is still fast (the 990th), p99.1 is the first slow one
		long[] samples = new long[1000];
		for (int i = 0; i < 1000; i++) {
			samples[i] = i < 990 ? 5 : 500;
		}
		Stats s = Stats.of(samples);
		assertThat(s.percentile(99)).isEqualTo(5);
		assertThat(s.percentile(99.1)).isEqualTo(500);
		assertThat(s.percentile(50)).isEqualTo(5);
	}

	@Test
	void emptyIsZero() {
		Stats s = Stats.of(new long[0]);
		assertThat(s.count()).isZero();
		assertThat(s.percentile(99)).isZero();
		assertThat(s.mean()).isZero();
		assertThat(s.max()).isZero();
	}

	@Test
	void percentileOutOfRangeIsRefused() {
		Stats s = Stats.of(new long[] { 1 });
		assertThatThrownBy(() -> s.percentile(0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> s.percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> s.percentile(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void nanosToMillis() {
		assertThat(Stats.ms(2_500_000)).isEqualTo(2.5);
	}

}
