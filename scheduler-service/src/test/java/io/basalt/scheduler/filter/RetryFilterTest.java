package io.basalt.scheduler.filter;

import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RetryInfo;
import io.basalt.scheduler.host.PoolState;

class RetryFilterTest {

	private final PoolState pool = pool("node1@lvm#a").zone("az1").build();

	static List<String> list(String csv) {
		return (csv == null) ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).toList();
	}

	/** Every pool of a tried backend is skipped, whatever pool was tried. */
	@ParameterizedTest(name = "tried {0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			                              | true
			node2@lvm#a                   | true
			node1@lvm#a                   | false
			node1@lvm#b                   | false
			node1@lvm                     | false
			node2@lvm#a,node1@lvm#z       | false
			node1@lvm2#a                  | true
			""")
	void skipsTriedBackends(String tried, boolean passes) {
		var props = new FilterProperties(new RetryInfo(2, list(tried), "boom"));

		assertThat(new RetryFilter().passes(this.pool, request(1), props)).isEqualTo(passes);
	}

}
