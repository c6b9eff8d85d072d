package io.basalt.volume.manager;

import java.util.List;
import java.util.Map;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.volume.driver.InsufficientCapacityException;
import io.basalt.volume.manager.CapacityGuard.Reservation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CapacityGuardTest {

	static PoolCapabilities pool(Capacity total, Capacity free, double provisioned, boolean thin, double ratio,
			int reserved) {
		return new PoolCapabilities("p", total, free, provisioned, provisioned, ratio, reserved, thin, !thin, 0, false,
				Map.of());
	}

	static BackendCapabilities backend(PoolCapabilities pool) {
		return new BackendCapabilities("b", "v", "1", "fake", "nova", List.of(pool));
	}

	/** The capacity filter's rules, scenario by scenario. */
	@ParameterizedTest(name = "{0}")
	@CsvSource({
			// name, total, free, provisioned, thin, ratio, reserved%, size, pending, fits
			"thick fits exactly, 100, 10, 90, false, 1, 0, 10, 0, true",
			"thick too big, 100, 10, 90, false, 1, 0, 11, 0, false",
			"thick reserved space, 100, 10, 90, false, 1, 5, 6, 0, false",
			"thick in-flight counted, 100, 10, 90, false, 1, 0, 6, 5, false",
			"thin within ratio, 100, 100, 1900, true, 20, 0, 100, 0, true",
			"thin over ratio, 100, 100, 1950, true, 20, 0, 100, 0, false",
			"thin no free space, 100, 0, 10, true, 20, 0, 1, 0, false",
			"thin ratio 1 acts thick, 100, 100, 95, true, 1, 0, 6, 0, false",
			"infinite, infinite, infinite, 0, false, 1, 0, 100000, 0, true",
			"unknown, unknown, unknown, 0, false, 1, 0, 100000, 0, true" })
	void refusal(String name, String total, String free, double provisioned, boolean thin, double ratio,
			int reserved, int size, long pending, boolean fits) {
		PoolCapabilities p = pool(Capacity.fromWire(total), Capacity.fromWire(free), provisioned, thin, ratio,
				reserved);

		assertThat(CapacityGuard.refusal(p, size, pending) == null).isEqualTo(fits);
	}

	/** A reservation counts until closed, so two concurrent creates cannot both take the last space. */
	@Test
	void reservationsCountUntilClosed() {
		CapacityGuard guard = new CapacityGuard();
		BackendCapabilities stats = backend(pool(Capacity.of(100), Capacity.of(10), 90, false, 1, 0));

		Reservation first = guard.reserve(stats, "p", 6);
		assertThatThrownBy(() -> guard.reserve(stats, "p", 6)).isInstanceOf(InsufficientCapacityException.class);
		first.close();
		first.close();
		assertThat(guard.inFlight("p")).isZero();
		guard.reserve(stats, "p", 6).close();
	}

	/** An unknown pool is refused as a capacity problem (another backend may have it). */
	@Test
	void unknownPoolIsRefused() {
		CapacityGuard guard = new CapacityGuard();

		assertThatThrownBy(() -> guard.reserve(backend(pool(Capacity.INFINITE, Capacity.INFINITE, 0, false, 1, 0)),
				"other", 1))
			.isInstanceOf(InsufficientCapacityException.class);
	}

}
