package io.basalt.common.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class TypeAvailabilityZonesTest {

	@Test
	void aTypeWithoutTheSpecAllowsAnyZone() {
		assertThat(TypeAvailabilityZones.of(Map.of("volume_backend_name", "b"))).isNull();
		assertThat(TypeAvailabilityZones.of(null)).isNull();
	}

	@Test
	void theSpecIsACommaSeparatedListInItsOrder() {
		assertThat(TypeAvailabilityZones.of(Map.of(TypeAvailabilityZones.KEY, " az2, nova ,,az2 ")))
			.containsExactly("az2", "nova");
	}

	@Test
	void aSpecNamingNoZoneAllowsNone() {
		assertThat(TypeAvailabilityZones.of(Map.of(TypeAvailabilityZones.KEY, " , "))).isEmpty();
		assertThat(TypeAvailabilityZones.of(Map.of(TypeAvailabilityZones.KEY, ""))).isEmpty();
	}

}
