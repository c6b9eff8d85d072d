package io.basalt.scheduler.weigher;

import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class AllocatedCapacityWeigherTest {

	/** The raw weight is the allocated GiB; the default negative multiplier picks the least allocated pool. */
	@Test
	void leastAllocatedWinsWithNegativeMultiplier() {
		var weigher = new AllocatedCapacityWeigher(-1.0);
		var pools = List.of(pool("h@b#a").allocated(30).build(), pool("h@b#b").allocated(10).build());

		assertThat(weigher.weigh(pools.get(0), request(1))).isEqualTo(30);
		assertThat(new WeighingHandler(List.of(weigher), ChoiceMode.ORDERED, 1, new Random(1))
			.choose(pools, request(1))
			.pool()
			.name()).isEqualTo("h@b#b");
	}

}
