package io.basalt.scheduler.weigher;

import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.basalt.common.capability.Capacity;
import io.basalt.scheduler.host.PoolState;

class WeighingHandlerTest {

	private static final double INF = Double.POSITIVE_INFINITY;

	static Stream<Arguments> normalizations() {
		return Stream.of(Arguments.of(new double[] { 10, 20, 30 }, new double[] { 0, 0.5, 1 }),
				Arguments.of(new double[] { 5, 5, 5 }, new double[] { 0, 0, 0 }),
				Arguments.of(new double[] { 7 }, new double[] { 0 }),
				// +inf → max + (max - min) * 100 = 1020
				Arguments.of(new double[] { 10, 20, INF }, new double[] { 0, 10.0 / 1010, 1 }),
				// +inf with all finite equal → max + 10000
				Arguments.of(new double[] { 10, 10, INF }, new double[] { 0, 0, 1 }),
				Arguments.of(new double[] { INF, INF }, new double[] { 0, 0 }),
				Arguments.of(new double[] { -1, 4, 9 }, new double[] { 0, 0.5, 1 }));
	}

	/** Raw weights are normalised to [0, 1]; all equal → 0; +inf is replaced as Cinder does. */
	@ParameterizedTest
	@MethodSource("normalizations")
	void normalizes(double[] raw, double[] expected) {
		double[] w = raw.clone();
		WeighingHandler.normalize(w);
		for (int i = 0; i < w.length; i++) {
			assertThat(w[i]).isCloseTo(expected[i], within(1e-9));
		}
	}

	/** Positive capacity multiplier spreads (emptiest pool), negative stacks (fullest pool). */
	@ParameterizedTest(name = "multiplier {0} -> {1}")
	@CsvSource({ "1.0, h@b#empty", "-1.0, h@b#full", "2.5, h@b#empty", "-0.1, h@b#full" })
	void multiplierSignChoosesSpreadOrStack(double multiplier, String expected) {
		var handler = ordered(new CapacityWeigher(multiplier));

		assertThat(handler.choose(pools(), request(1)).pool().name()).isEqualTo(expected);
	}

	/** A pool of infinite or unknown capacity comes last whatever the multiplier's sign. */
	@ParameterizedTest(name = "multiplier {0}, free {1}")
	@CsvSource({ "1.0, infinite", "-1.0, infinite", "1.0, unknown", "-1.0, unknown" })
	void infiniteOrUnknownCapacityComesLast(double multiplier, String free) {
		List<PoolState> pools = List.of(pool("h@b#odd").free(Capacity.fromWire(free)).build(),
				pool("h@b#a").provisioned(10).build(), pool("h@b#b").provisioned(50).build());
		var handler = ordered(new CapacityWeigher(multiplier));

		List<WeighedPool> weighed = handler.weighAll(pools, request(1));

		assertThat(weighed.get(weighed.size() - 1).pool().name()).isEqualTo("h@b#odd");
	}

	/** Weighers combine as the sum of multiplier × normalised weight. */
	@Test
	void weighersCombine() {
		List<PoolState> pools = List.of(pool("h@b#a").provisioned(0).volumes(10).build(),
				pool("h@b#b").provisioned(10).volumes(0).build(), pool("h@b#c").provisioned(20).volumes(5).build());
		var handler = ordered(new CapacityWeigher(1.0), new VolumeNumberWeigher(-3.0));

		double[] w = handler.weights(pools, request(1));

		// capacity: a=1, b=0.5, c=0; volumes: a=1, b=0, c=0.5 (× −3)
		assertThat(w).containsExactly(new double[] { 1 - 3, 0.5, -1.5 }, within(1e-9));
		assertThat(handler.choose(pools, request(1)).pool().name()).isEqualTo("h@b#b");
	}

	/**
	 * The stack's two backends under Cinder's default weigher (CapacityWeigher 1.0, spread): where 100 one-GiB
	 * volumes go, each placement consumed as the scheduler does. The file pool is thin on a 252 GiB file system
	 * (79 GiB free) with ratio 20. A fixed-size fake pool below its virtual capacity, or an infinite one, never gets
	 * a volume; a thin fake pool as large as the file system (what {@code bin/stack up} runs) gets half.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# fake pool                                 | total    | thin  | ratio | on fake | on file
			1000 GiB thick (volume-service default)     | 1000     | false | 1     | 0       | 100
			1000 GiB thin, ratio 20                     | 1000     | true  | 20    | 100     | 0
			infinite                                    | infinite | false | 1     | 0       | 100
			as large as the file system, thin, ratio 20 | 252      | true  | 20    | 50      | 50
			""")
	void spreadOverTheStacksTwoBackends(String scenario, String fakeTotal, boolean thin, double ratio, int onFake,
			int onFile) {
		PoolState fake = pool("volume-1@fake#fake").total(Capacity.fromWire(fakeTotal))
			.free(Capacity.fromWire(fakeTotal))
			.thin(thin)
			.thick(!thin)
			.ratio(ratio)
			.build();
		PoolState file = pool("volume-1@file#file").total(252).free(79).thin(true).ratio(20).build();
		var handler = ordered(new CapacityWeigher(1.0));
		Map<String, Integer> placed = new HashMap<>();

		for (int i = 0; i < 100; i++) {
			PoolState chosen = handler.choose(List.of(fake, file), request(1)).pool();
			placed.merge(chosen.name(), 1, Integer::sum);
			fake = (chosen == fake) ? fake.consume(1, null) : fake;
			file = (chosen == file) ? file.consume(1, null) : file;
		}

		assertThat(placed.getOrDefault("volume-1@fake#fake", 0)).as(scenario + ": on fake").isEqualTo(onFake);
		assertThat(placed.getOrDefault("volume-1@file#file", 0)).as(scenario + ": on file").isEqualTo(onFile);
	}

	/** Equal weights go to the lowest pool name, so ordered choice is deterministic. */
	@Test
	void tiesGoToTheLowestName() {
		List<PoolState> pools = List.of(pool("h@b#z").build(), pool("h@b#m").build(), pool("h@b#q").build());

		assertThat(ordered(new CapacityWeigher(1.0)).choose(pools, request(1)).pool().name()).isEqualTo("h@b#m");
		assertThat(ordered().choose(pools, request(1)).pool().name()).isEqualTo("h@b#m");
	}

	/** Stochastic choice with a seeded generator: reproducible, proportional, never outside the top N. */
	@Test
	void stochasticChoiceIsSeededAndWeighted() {
		List<PoolState> pools = List.of(pool("h@b#w0").provisioned(100).build(),
				pool("h@b#w1").provisioned(75).build(), pool("h@b#w2").provisioned(50).build(),
				pool("h@b#w3").provisioned(0).build());
		var weigher = new CapacityWeigher(1.0);

		Map<String, Integer> counts = draw(new WeighingHandler(List.of(weigher), ChoiceMode.STOCHASTIC, 3,
				new Random(42)), pools, 4000);
		Map<String, Integer> again = draw(new WeighingHandler(List.of(weigher), ChoiceMode.STOCHASTIC, 3,
				new Random(42)), pools, 4000);

		assertThat(again).isEqualTo(counts);
		// weights above the floor: w3 = 1, w2 = 0.5, w1 = 0.25 → 4/7, 2/7, 1/7; w0 is the floor and not in the top 3.
		assertThat(counts).doesNotContainKey("h@b#w0");
		assertThat(counts.get("h@b#w3") / 4000.0).isCloseTo(4.0 / 7, within(0.03));
		assertThat(counts.get("h@b#w2") / 4000.0).isCloseTo(2.0 / 7, within(0.03));
		assertThat(counts.get("h@b#w1") / 4000.0).isCloseTo(1.0 / 7, within(0.03));
	}

	/** Stochastic choice among equal weights is uniform over the top N. */
	@Test
	void stochasticChoiceAmongEqualsIsUniform() {
		List<PoolState> pools = List.of(pool("h@b#a").build(), pool("h@b#b").build(), pool("h@b#c").build());
		var handler = new WeighingHandler(List.of(new CapacityWeigher(1.0)), ChoiceMode.STOCHASTIC, 2,
				new Random(7));

		Map<String, Integer> counts = draw(handler, pools, 2000);

		assertThat(counts).containsOnlyKeys("h@b#a", "h@b#b");
		assertThat(counts.get("h@b#a") / 2000.0).isCloseTo(0.5, within(0.05));
	}

	private static Map<String, Integer> draw(WeighingHandler handler, List<PoolState> pools, int n) {
		Map<String, Integer> counts = new HashMap<>();
		for (int i = 0; i < n; i++) {
			counts.merge(handler.choose(pools, request(1)).pool().name(), 1, Integer::sum);
		}
		return counts;
	}

	private static List<PoolState> pools() {
		return List.of(pool("h@b#full").provisioned(90).build(), pool("h@b#empty").provisioned(0).build(),
				pool("h@b#half").provisioned(50).build());
	}

	private static WeighingHandler ordered(HostWeigher... weighers) {
		return new WeighingHandler(List.of(weighers), ChoiceMode.ORDERED, 1, new Random(1));
	}

}
