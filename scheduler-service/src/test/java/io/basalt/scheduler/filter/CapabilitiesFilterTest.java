package io.basalt.scheduler.filter;

import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.scheduler.host.PoolState;

class CapabilitiesFilterTest {

	private final CapabilitiesFilter filter = new CapabilitiesFilter();

	private final PoolState pool = pool("h@lvm#p").backendName("lvm")
		.extra("compression", "True")
		.extra("tier", "gold")
		.extra("qos:iops", "500")
		.build();

	/** Scoped, unscoped and foreign-scoped keys, one spec per row. */
	@ParameterizedTest(name = "{0} = ''{1}'' -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			volume_backend_name                      | lvm         | true
			volume_backend_name                      | ceph        | false
			capabilities:volume_backend_name         | lvm         | true
			capabilities:compression                 | <is> True   | true
			compression                              | <is> False  | false
			tier                                     | <or> silver <or> gold | true
			provisioning:type                        | thick       | true
			vendor:anything                          | whatever    | true
			RESKEY:availability_zones                | az9         | true
			capabilities:missing                     | x           | false
			missing                                  | x           | false
			storage_protocol                         | iscsi       | true
			storage_protocol                         | iSCSI       | true
			storage_protocol                         | FC          | false
			capabilities:thin_provisioning_support   | <is> True   | true
			capabilities:total_capacity_gb           | >= 50       | true
			capabilities:total_capacity_gb           | >= 500      | false
			capabilities:qos:iops                    | == 500      | true
			""")
	void singleSpec(String key, String value, boolean passes) {
		assertThat(this.filter.passes(this.pool, request(1, Map.of(key, value)), FilterProperties.FIRST_ATTEMPT))
			.isEqualTo(passes);
	}

	/** Every spec must hold. */
	@Test
	void allSpecsMustHold() {
		var specs = Map.of("volume_backend_name", "lvm", "capabilities:tier", "s== silver");

		assertThat(this.filter.passes(this.pool, request(1, specs), FilterProperties.FIRST_ATTEMPT)).isFalse();
		assertThat(this.filter.passes(this.pool, request(1, Map.of()), FilterProperties.FIRST_ATTEMPT)).isTrue();
	}

	/** The reason names the spec and the value that did not match. */
	@Test
	void reasonNamesTheFailingSpec() {
		var request = request(1, Map.of("volume_backend_name", "ceph"));
		HostFilter bound = this.filter.forRequest(request, FilterProperties.FIRST_ATTEMPT);

		assertThat(bound.reason(this.pool, request, FilterProperties.FIRST_ATTEMPT))
			.isEqualTo("volume_backend_name: 'lvm' does not match 'ceph'");
		assertThat(bound.name()).isEqualTo("CapabilitiesFilter");
		var missing = request(1, Map.of("capabilities:nope", "1"));
		assertThat(this.filter.reason(this.pool, missing, FilterProperties.FIRST_ATTEMPT))
			.isEqualTo("capabilities:nope: no such capability");
	}

	/** The verdict a bound leaves in a pool is never taken for another bound's, nor for a changed pool. */
	@Test
	void remembersVerdictsPerBoundAndPool() {
		CapabilitiesFilter.Bound gold = this.filter.bind(Map.of("tier", "gold"));
		CapabilitiesFilter.Bound silver = this.filter.bind(Map.of("tier", "silver"));
		for (int round = 0; round < 3; round++) {
			assertThat(gold.passes(this.pool)).isTrue();
			assertThat(silver.passes(this.pool)).isFalse();
		}
		assertThat(this.filter.bind(new java.util.HashMap<>(Map.of("tier", "gold")))).isSameAs(gold);
		PoolState silverPool = pool("h@lvm#p").backendName("lvm").extra("tier", "silver").build();
		assertThat(gold.passes(silverPool)).isFalse();
		assertThat(silver.passes(silverPool)).isTrue();
		assertThat(gold.passes(silverPool.consume(1, null))).isFalse();
	}

}
