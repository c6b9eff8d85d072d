package io.basalt.scheduler.filter;

import static io.basalt.scheduler.Pools.inZone;
import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.scheduler.host.PoolState;

class AvailabilityZoneFilterTest {

	private final PoolState pool = pool("node1@lvm#a").zone("az1").build();

	static List<String> list(String csv) {
		return (csv == null) ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).toList();
	}

	/** No zone asked → any; else the backend's service zone must be the one asked for. */
	@ParameterizedTest(name = "requested zone {0} -> {1}")
	@CsvSource({ ", true", "az1, true", "az2, false" })
	void passesPoolsOfTheRequestedZone(String zone, boolean passes) {
		assertThat(new AvailabilityZoneFilter().passes(this.pool, inZone(request(1), zone),
				FilterProperties.FIRST_ATTEMPT))
			.isEqualTo(passes);
	}

}
