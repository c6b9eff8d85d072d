package io.basalt.scheduler.filter;

import static io.basalt.scheduler.Pools.inZone;
import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.TypeAvailabilityZones;
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

	/**
	 * No zone asked and the type names zones ({@code RESKEY:availability_zones}) → the backend's zone must be one of
	 * them; a zone asked for wins (the api has checked it against the type's).
	 */
	@ParameterizedTest(name = "type zones [{0}], requested {1} -> {2}")
	@CsvSource(delimiter = '|', value = { "az1        |     | true", "az2, az1   |     | true", "az2, az3   |     | false",
			"' , '     |     | false", "az2        | az1 | true" })
	void withoutARequestedZoneTheTypesZonesApply(String typeZones, String zone, boolean passes) {
		RequestSpec request = inZone(request(1, Map.of(TypeAvailabilityZones.KEY, typeZones)), zone);
		AvailabilityZoneFilter filter = new AvailabilityZoneFilter();
		assertThat(filter.forRequest(request, FilterProperties.FIRST_ATTEMPT)).isSameAs(filter);
		assertThat(filter.passes(this.pool, request, FilterProperties.FIRST_ATTEMPT)).isEqualTo(passes);
	}

	@Test
	void aTypeWithoutZonesAndNoZoneAskedFilterNothing() {
		assertThat(new AvailabilityZoneFilter().forRequest(request(1, Map.of("volume_backend_name", "b")),
				FilterProperties.FIRST_ATTEMPT))
			.isSameAs(HostFilter.PASS_ALL);
	}

}
