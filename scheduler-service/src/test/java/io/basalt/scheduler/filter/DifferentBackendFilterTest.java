package io.basalt.scheduler.filter;

import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static io.basalt.scheduler.Pools.withHints;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.SchedulerHints;
import io.basalt.scheduler.host.PoolState;

class DifferentBackendFilterTest {

	private final PoolState pool = pool("node1@lvm#a").zone("az1").build();

	static List<String> list(String csv) {
		return (csv == null) ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).toList();
	}

	/** No hint → any pool; else the pool's backend must be none of the hinted ones. */
	@ParameterizedTest(name = "different from {0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			                              | true
			node1@lvm                     | false
			node1@lvm#other               | false
			node2@lvm                     | true
			node2@lvm,node1@lvm           | false
			""")
	void skipsPoolsOfHintedBackends(String different, boolean passes) {
		var r = withHints(request(1), new SchedulerHints(List.of(), list(different)));

		assertThat(new DifferentBackendFilter().passes(this.pool, r, FilterProperties.FIRST_ATTEMPT))
			.isEqualTo(passes);
	}

}
