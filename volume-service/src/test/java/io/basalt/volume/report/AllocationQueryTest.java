package io.basalt.volume.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AllocationQueryTest {

	/** LIKE wildcards in a backend name match only themselves. */
	@Test
	void escapesLikeWildcards() {
		assertThat(AllocationQuery.escapeLike("node_1@fa%ke")).isEqualTo("node\\_1@fa\\%ke");
	}

}
