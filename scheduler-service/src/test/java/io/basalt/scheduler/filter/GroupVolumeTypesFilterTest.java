package io.basalt.scheduler.filter;

import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.GroupSpec;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.scheduler.host.PoolState;

class GroupVolumeTypesFilterTest {

	private final GroupVolumeTypesFilter filter = new GroupVolumeTypesFilter();

	private final PoolState gold = pool("h@lvm#gold").backendName("lvm")
		.extra("tier", "gold")
		.extra("compression", "True")
		.extra("consistent_group_snapshot_enabled", "True")
		.build();

	private final PoolState silver = pool("h@ceph#silver").backendName("ceph").extra("tier", "silver").build();

	private static RequestSpec group(Map<String, String> groupSpecs, List<Map<String, String>> typeSpecs) {
		List<VolumeTypeSpec> types = new java.util.ArrayList<>();
		for (int i = 0; i < typeSpecs.size(); i++) {
			types.add(new VolumeTypeSpec("t" + i, "type" + i, typeSpecs.get(i)));
		}
		RequestSpec r = request(0, Map.of());
		return new RequestSpec(null, r.projectId(), 0, types.get(0), null, null, null, null,
				new GroupSpec("g1", "gt1", groupSpecs, types));
	}

	/** A backend must satisfy EVERY volume type of the group, one row per combination. */
	@ParameterizedTest(name = "{0} + {1} on gold -> {2}, on silver -> {3}")
	@CsvSource(delimiter = '|', textBlock = """
			tier=gold        | volume_backend_name=lvm  | true  | false
			tier=gold        | tier=silver              | false | false
			compression=<is> True | tier=<or> silver <or> gold | true | false
			tier=<or> silver <or> gold | provisioning:type=thin | true | true
			volume_backend_name=ceph | tier=silver        | false | true
			""")
	void everyVolumeTypeMustBeSatisfied(String first, String second, boolean onGold, boolean onSilver) {
		RequestSpec request = group(Map.of(), List.of(spec(first), spec(second)));

		assertThat(this.filter.passes(this.gold, request, FilterProperties.FIRST_ATTEMPT)).isEqualTo(onGold);
		assertThat(this.filter.passes(this.silver, request, FilterProperties.FIRST_ATTEMPT)).isEqualTo(onSilver);
	}

	/** The group type's specs are matched against the capabilities too. */
	@Test
	void groupSpecsMustHold() {
		RequestSpec request = group(Map.of("consistent_group_snapshot_enabled", "<is> True"),
				List.of(Map.of(), Map.of()));

		assertThat(this.filter.passes(this.gold, request, FilterProperties.FIRST_ATTEMPT)).isTrue();
		assertThat(this.filter.passes(this.silver, request, FilterProperties.FIRST_ATTEMPT)).isFalse();
		assertThat(this.filter.reason(this.silver, request, FilterProperties.FIRST_ATTEMPT))
			.isEqualTo("group specs: consistent_group_snapshot_enabled does not match '<is> True'");
	}

	/** The reason names the volume type that failed. */
	@Test
	void reasonNamesTheVolumeType() {
		RequestSpec request = group(Map.of(), List.of(Map.of("tier", "gold"), Map.of("volume_backend_name", "lvm")));
		HostFilter bound = this.filter.forRequest(request, FilterProperties.FIRST_ATTEMPT);

		assertThat(bound.reason(this.silver, request, FilterProperties.FIRST_ATTEMPT))
			.isEqualTo("volume type type0: tier does not match 'gold'");
		assertThat(bound.name()).isEqualTo("GroupVolumeTypesFilter");
	}

	/** A volume request (no group) is not this filter's business. */
	@Test
	void passesEveryPoolOfAVolumeRequest() {
		RequestSpec request = request(1, Map.of("tier", "platinum"));

		assertThat(this.filter.forRequest(request, FilterProperties.FIRST_ATTEMPT)).isSameAs(HostFilter.PASS_ALL);
		assertThat(this.filter.passes(this.silver, request, FilterProperties.FIRST_ATTEMPT)).isTrue();
	}

	/** The filter is built in and enabled by its name. */
	@Test
	void isBuiltIn() {
		assertThat(new FilterCatalog(List.of()).names()).contains("GroupVolumeTypesFilter");
	}

	private static Map<String, String> spec(String text) {
		int eq = text.indexOf('=');
		return Map.of(text.substring(0, eq).strip(), text.substring(eq + 1).strip());
	}

}
