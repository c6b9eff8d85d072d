package io.basalt.scheduler.filter;

import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.scheduler.host.PoolState;

class FilterChainTest {

	private final FilterChain chain = new FilterCatalog(List.of())
		.chain(List.of("AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter"));

	/** Each filter counts the pools it removed among those that reached it. */
	@Test
	void countsRemovalsPerFilter() {
		List<PoolState> pools = List.of(pool("a@x#1").free(5).provisioned(95).build(), pool("a@x#2").build(),
				pool("b@y#1").backendName("ceph").build(), pool("c@z#1").build());

		FilterResult result = this.chain.apply(pools, request(10, Map.of("volume_backend_name", "lvm")),
				FilterProperties.FIRST_ATTEMPT);

		assertThat(result.passed()).extracting(PoolState::name).containsExactly("a@x#2", "c@z#1");
		assertThat(result.steps()).extracting(FilterResult.Step::filter, FilterResult.Step::reached,
				FilterResult.Step::removed)
			.containsExactly(org.assertj.core.api.Assertions.tuple("AvailabilityZoneFilter", 4, 0),
					org.assertj.core.api.Assertions.tuple("CapacityFilter", 4, 1),
					org.assertj.core.api.Assertions.tuple("CapabilitiesFilter", 3, 1));
	}

	/** The description names only the filters that removed pools, with examples. */
	@Test
	void describesRejections() {
		List<PoolState> pools = List.of(pool("a@x#1").backendName("ceph").build(),
				pool("b@y#1").backendName("ceph").build());

		FilterResult result = this.chain.apply(pools, request(1, Map.of("volume_backend_name", "lvm")),
				FilterProperties.FIRST_ATTEMPT);

		assertThat(result.isEmpty()).isTrue();
		assertThat(result.describe()).isEqualTo("CapabilitiesFilter removed 2 of 2 pools: "
				+ "a@x#1 (volume_backend_name: 'ceph' does not match 'lvm'), "
				+ "b@y#1 (volume_backend_name: 'ceph' does not match 'lvm')");
	}

	/** Only a few examples are listed per filter. */
	@Test
	void examplesAreBounded() {
		List<PoolState> pools = java.util.stream.IntStream.range(0, 10)
			.mapToObj(i -> pool("h@b#p" + i).free(0).provisioned(100).build())
			.toList();

		FilterResult result = this.chain.apply(pools, request(1), FilterProperties.FIRST_ATTEMPT);

		assertThat(result.steps().get(1).examples()).hasSize(FilterChain.EXAMPLES);
		assertThat(result.describe()).startsWith("CapacityFilter removed 10 of 10 pools: ").endsWith(", ...");
	}

	@Test
	void noCandidatesIsExplained() {
		FilterResult result = this.chain.apply(List.of(), request(1), FilterProperties.FIRST_ATTEMPT);

		assertThat(result.describe()).startsWith("no usable pool is known");
	}

	/** An unknown filter name fails at start. */
	@Test
	void unknownFilterNameFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FilterCatalog(List.of()).chain(List.of("Nope")))
			.withMessageContaining("Unknown scheduler filter 'Nope'");
	}

	/** An application filter can be enabled by name. */
	@Test
	void extraFiltersCanBeEnabled() {
		HostFilter none = (p, r, f) -> false;
		HostFilter named = new HostFilter() {

			@Override
			public String name() {
				return "NothingFilter";
			}

			@Override
			public boolean passes(PoolState p, io.basalt.common.scheduler.RequestSpec r, FilterProperties f) {
				return none.passes(p, r, f);
			}
		};
		FilterChain c = new FilterCatalog(List.of(named)).chain(List.of("NothingFilter"));

		assertThat(c.apply(List.of(pool("h@b#p").build()), request(1), FilterProperties.FIRST_ATTEMPT).isEmpty())
			.isTrue();
	}

}
