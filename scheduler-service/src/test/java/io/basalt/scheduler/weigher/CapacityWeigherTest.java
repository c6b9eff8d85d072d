package io.basalt.scheduler.weigher;

import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.basalt.common.capability.Capacity;

class CapacityWeigherTest {

	/** The raw weight is the capacity filter's virtual free space; infinite/unknown depend on the sign. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# scenario                      | total    | free     | prov | ratio | res | thickType | mult | weight
			thin, ratio 1                   | 100      | 100      | 30   | 1     | 0   | false     | 1    | 70
			thin, ratio 20                  | 100      | 10       | 500  | 20    | 0   | false     | 1    | 1500
			thin, reserved 10%              | 100      | 100      | 30   | 1     | 10  | false     | 1    | 60
			thick: min(free, avail - prov)  | 100      | 40       | 30   | 20    | 0   | true      | 1    | 40
			infinite, spread                | infinite | infinite | 0    | 1     | 0   | false     | 1    | -1
			unknown, spread                 | 100      | unknown  | 0    | 1     | 0   | false     | 1    | -1
			infinite, stack                 | infinite | infinite | 0    | 1     | 0   | false     | -1   | Infinity
			""")
	void rawWeight(String scenario, String total, String free, double provisioned, double ratio, int reserved,
			boolean thick, double multiplier, double weight) {
		var p = pool("h@b#p").total(Capacity.fromWire(total))
			.free(Capacity.fromWire(free))
			.provisioned(provisioned)
			.ratio(ratio)
			.reserved(reserved)
			.build();
		var r = request(1, thick ? Map.of("provisioning:type", "thick") : Map.of());

		assertThat(new CapacityWeigher(multiplier).weigh(p, r)).as(scenario).isEqualTo(weight);
	}

}
