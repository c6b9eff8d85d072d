package io.basalt.scheduler.weigher;

import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class VolumeNumberWeigherTest {

	/** The raw weight is the in-memory volume count; the default negative multiplier picks the emptiest pool. */
	@Test
	void fewestVolumesWinsWithNegativeMultiplier() {
		var weigher = new VolumeNumberWeigher(-1.0);
		var pools = List.of(pool("h@b#a").volumes(3).build(), pool("h@b#b").volumes(1).build(),
				pool("h@b#c").volumes(2).build());

		assertThat(weigher.weigh(pools.get(0), request(1))).isEqualTo(3);
		assertThat(new WeighingHandler(List.of(weigher), ChoiceMode.ORDERED, 1, new Random(1))
			.choose(pools, request(1))
			.pool()
			.name()).isEqualTo("h@b#b");
	}

	/** Unknown weigher names fail at start. */
	@Test
	void unknownWeigherNameFails() {
		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> new WeigherCatalog(1, -1, -1, List.of()).enabled(List.of("GoodnessWeigher")))
			.withMessageContaining("Unknown scheduler weigher 'GoodnessWeigher'");
	}

}
