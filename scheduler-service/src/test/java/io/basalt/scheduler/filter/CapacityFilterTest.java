package io.basalt.scheduler.filter;

import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.basalt.common.capability.Capacity;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

class CapacityFilterTest {

	private final CapacityFilter filter = new CapacityFilter();

	/** The capacity rules of cinder-scheduler.md §5, one scenario per row. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# scenario                               | total    | free     | prov | ratio | res | thin  | thickType | req | passes
			thin fits                                 | 100      | 100      | 0    | 1     | 0   | true  | false     | 50  | true
			thin, provisioned leaves too little       | 100      | 100      | 90   | 1     | 0   | true  | false     | 20  | false
			thin over-subscribed within ratio 20      | 100      | 10       | 1500 | 20    | 0   | true  | false     | 400 | true
			thin over-subscribed beyond virtual free  | 100      | 10       | 1900 | 20    | 0   | true  | false     | 200 | false
			thin ratio below 1 always fails           | 100      | 100      | 0    | 0.5   | 0   | true  | false     | 1   | false
			thin asked, pool thick-only: ratio is 1   | 100      | 50       | 50   | 20    | 0   | false | false     | 60  | false
			thin asked, pool thick-only, exact fit    | 100      | 50       | 50   | 20    | 0   | false | false     | 50  | true
			thick type on over-provisioned thin pool  | 100      | 30       | 500  | 20    | 0   | true  | true      | 20  | false
			thick fits in min(free, avail-prov)       | 100      | 60       | 40   | 1     | 0   | false | true      | 50  | true
			thick limited by free                     | 100      | 40       | 40   | 1     | 0   | false | true      | 50  | false
			reserved 10% leaves too little            | 100      | 100      | 85   | 1     | 10  | true  | false     | 10  | false
			reserved 10% still fits                   | 100      | 100      | 85   | 1     | 10  | true  | false     | 5   | true
			reserved is floored (55 x 10% = 5)        | 55       | 55       | 0    | 1     | 10  | true  | false     | 50  | true
			infinite free passes                      | 100      | infinite | 0    | 1     | 0   | true  | false     | 999 | true
			unknown free passes                       | 100      | unknown  | 0    | 1     | 0   | true  | false     | 999 | true
			infinite total, nothing reserved passes   | infinite | 10       | 0    | 1     | 0   | true  | false     | 999 | true
			infinite total with reserved fails        | infinite | 10       | 0    | 1     | 5   | true  | false     | 1   | false
			unknown total with reserved fails         | unknown  | 10       | 0    | 1     | 5   | true  | false     | 1   | false
			zero total fails                          | 0        | 0        | 0    | 1     | 0   | true  | false     | 1   | false
			nothing requested passes                  | 0        | 0        | 0    | 1     | 0   | true  | false     | 0   | true
			""")
	void capacityScenarios(String scenario, String total, String free, double provisioned, double ratio,
			int reserved, boolean thinSupport, boolean thickType, int requested, boolean passes) {
		PoolState p = pool("h@b#p").total(Capacity.fromWire(total))
			.free(Capacity.fromWire(free))
			.provisioned(provisioned)
			.ratio(ratio)
			.reserved(reserved)
			.thin(thinSupport)
			.thick(!thinSupport)
			.build();
		RequestSpec r = request(requested, thickType ? Map.of("provisioning:type", "thick") : Map.of());

		assertThat(this.filter.passes(p, r, FilterProperties.FIRST_ATTEMPT)).as(scenario).isEqualTo(passes);
	}

	/** The reason names the request and the virtual free space. */
	@org.junit.jupiter.api.Test
	void reasonExplainsTheShortfall() {
		PoolState p = pool("h@b#p").total(100).free(100).provisioned(90).build();

		assertThat(this.filter.reason(p, request(20), FilterProperties.FIRST_ATTEMPT))
			.isEqualTo("needs 20 GiB, virtual free 10.00 GiB (thin, ratio 1.0)");
	}

}
