package io.basalt.volume.driver.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.volume.driver.DriverException;
import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.DriverOperation;
import io.basalt.volume.driver.DriverSnapshot;
import io.basalt.volume.driver.DriverVolume;
import io.basalt.volume.driver.InsufficientCapacityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class FakeDriverTest {

	private static final DriverIdentity IDENTITY = new DriverIdentity("fake", "nova", Map.of("tier", "gold"));

	private final List<Duration> slept = new ArrayList<>();

	private FakeDriver driver(FakeDriverSettings settings, RandomGenerator random) {
		return new FakeDriver(IDENTITY, settings, this.slept::add, random);
	}

	private FakeDriver driver(FakeDriverSettings settings) {
		return driver(settings, new FixedRandom(0.99));
	}

	private static DriverVolume volume(String id, int size) {
		return DriverVolume.of(id, size, "fake");
	}

	/** A thick pool takes each volume's size from free space and reports one pool with the extra capabilities. */
	@Test
	void thickPoolAccountsForVolumes() {
		FakeDriver driver = driver(FakeDriverSettings.thick(100));
		driver.createVolume(volume("a", 10));
		driver.createVolume(volume("b", 20));

		PoolCapabilities pool = driver.stats(true).pools().get(0);
		assertThat(pool.poolName()).isEqualTo("fake");
		assertThat(pool.totalCapacityGb()).isEqualTo(Capacity.of(100));
		assertThat(pool.freeCapacityGb()).isEqualTo(Capacity.of(70));
		assertThat(pool.provisionedCapacityGb()).isEqualTo(30);
		assertThat(pool.totalVolumes()).isEqualTo(2);
		assertThat(pool.thickProvisioningSupport()).isTrue();
		assertThat(pool.extra()).containsEntry("tier", "gold");
	}

	/**
	 * A connection is fake but well-formed, kept per connector host until terminated; a missing volume and an
	 * injected failure fail.
	 */
	@Test
	void connectionsAreKeptPerConnectorHost() {
		FakeDriver driver = driver(FakeDriverSettings.thick(100));
		driver.createVolume(volume("a", 1));
		var info = driver.initializeConnection(volume("a", 1), Map.of("host", "h1"));
		assertThat(info.driverVolumeType()).isEqualTo("fake");
		assertThat(info.data()).containsEntry("volume_id", "a").containsEntry("target_host", "h1");
		driver.initializeConnection(volume("a", 1), Map.of("host", "h2"));
		assertThat(driver.exports()).containsEntry("a", java.util.Set.of("h1", "h2"));
		driver.terminateConnection(volume("a", 1), Map.of("host", "h1"));
		assertThat(driver.exports()).containsEntry("a", java.util.Set.of("h2"));
		driver.terminateConnection(volume("a", 1), null);
		assertThat(driver.exports()).doesNotContainKey("a");
		driver.failNextConnections(1);
		assertThatThrownBy(() -> driver.initializeConnection(volume("a", 1), Map.of()))
			.isInstanceOf(DriverException.class);
		assertThat(driver.initializeConnection(volume("a", 1), Map.of()).data()).containsEntry("target_host", "");
		assertThatThrownBy(() -> driver.initializeConnection(volume("missing", 1), Map.of()))
			.isInstanceOf(DriverException.class);
	}

	/** A create that does not fit a thick pool fails with the capacity exception and takes nothing. */
	@Test
	void createBeyondCapacityFails() {
		FakeDriver driver = driver(FakeDriverSettings.thick(10));
		driver.createVolume(volume("a", 8));

		assertThatThrownBy(() -> driver.createVolume(volume("b", 3))).isInstanceOf(InsufficientCapacityException.class);
		assertThat(driver.volumes()).containsOnlyKeys("a");
	}

	/** A thin pool keeps free space at the total and stops at the over-subscription limit. */
	@Test
	void thinPoolIsLimitedByOverSubscription() {
		FakeDriver driver = driver(FakeDriverSettings.thick(10).withThin(true, 2.0));
		driver.createVolume(volume("a", 15));

		assertThat(driver.stats(true).pools().get(0).freeCapacityGb()).isEqualTo(Capacity.of(10));
		assertThatThrownBy(() -> driver.createVolume(volume("b", 6))).isInstanceOf(InsufficientCapacityException.class);
	}

	/** An infinite pool never runs out. */
	@Test
	void infinitePoolNeverRunsOut() {
		FakeDriver driver = driver(new FakeDriverSettings(Capacity.INFINITE, false, 1, 0, null, null, false, 0, 0, null));
		driver.createVolume(volume("a", 1_000_000));

		assertThat(driver.stats(false).pools().get(0).freeCapacityGb()).isEqualTo(Capacity.INFINITE);
	}

	/** Creating an existing volume with the same size succeeds, with another size fails; deleting twice succeeds. */
	@Test
	void operationsAreIdempotent() {
		FakeDriver driver = driver(FakeDriverSettings.thick(100));
		String first = driver.createVolume(volume("a", 10)).providerLocation();

		assertThat(driver.createVolume(volume("a", 10)).providerLocation()).isEqualTo(first);
		assertThatThrownBy(() -> driver.createVolume(volume("a", 11))).isInstanceOf(DriverException.class);
		driver.deleteVolume(volume("a", 10));
		assertThatNoException().isThrownBy(() -> driver.deleteVolume(volume("a", 10)));
		assertThat(driver.stats(true).pools().get(0).provisionedCapacityGb()).isZero();
	}

	/** Extend grows the allocation, refuses to shrink and accepts the current size. */
	@Test
	void extendGrowsAndRefusesToShrink() {
		FakeDriver driver = driver(FakeDriverSettings.thick(100));
		driver.createVolume(volume("a", 10));
		driver.extendVolume(volume("a", 10), 15);
		driver.extendVolume(volume("a", 15), 15);

		assertThat(driver.volumes()).containsEntry("a", 15);
		assertThatThrownBy(() -> driver.extendVolume(volume("a", 15), 5)).isInstanceOf(DriverException.class);
		assertThatThrownBy(() -> driver.extendVolume(volume("b", 1), 5)).isInstanceOf(DriverException.class);
	}

	/** Snapshots need their volume and are idempotent both ways. */
	@Test
	void snapshotsAreIdempotent() {
		FakeDriver driver = driver(FakeDriverSettings.thick(100));
		driver.createVolume(volume("a", 10));
		DriverSnapshot snapshot = new DriverSnapshot("s", volume("a", 10));
		driver.createSnapshot(snapshot);
		driver.createSnapshot(snapshot);

		assertThat(driver.snapshots()).containsEntry("s", "a");
		driver.deleteSnapshot(snapshot);
		driver.deleteSnapshot(snapshot);
		assertThat(driver.snapshots()).isEmpty();
		assertThatThrownBy(() -> driver.createSnapshot(new DriverSnapshot("t", volume("x", 1))))
			.isInstanceOf(DriverException.class);
	}

	/** fail-creates makes every create fail. */
	@Test
	void failCreatesFailsEveryCreate() {
		FakeDriver driver = driver(FakeDriverSettings.thick(100).withFailures(true, 0, 0));

		assertThatThrownBy(() -> driver.createVolume(volume("a", 1))).isInstanceOf(DriverException.class)
			.hasMessageContaining("injected");
		assertThatThrownBy(() -> driver.createVolume(volume("a", 1))).isInstanceOf(DriverException.class);
		assertThat(driver.volumes()).isEmpty();
	}

	/** fail-next-creates fails exactly that many creates, from configuration and at run time. */
	@Test
	void failNextCreatesFailsThatMany() {
		FakeDriver driver = driver(FakeDriverSettings.thick(100).withFailures(false, 0, 2));

		assertThatThrownBy(() -> driver.createVolume(volume("a", 1))).isInstanceOf(DriverException.class);
		assertThatThrownBy(() -> driver.createVolume(volume("a", 1))).isInstanceOf(DriverException.class);
		driver.createVolume(volume("a", 1));
		driver.failNextCreates(1);
		assertThatThrownBy(() -> driver.createVolume(volume("b", 1))).isInstanceOf(DriverException.class);
		driver.createVolume(volume("b", 1));
	}

	/** The failure rate is compared with the injected random number generator. */
	@Test
	void failureRateUsesInjectedRandom() {
		FakeDriverSettings settings = FakeDriverSettings.thick(100).withFailures(false, 0.5, 0);

		assertThatThrownBy(() -> driver(settings, new FixedRandom(0.49)).createVolume(volume("a", 1)))
			.isInstanceOf(DriverException.class)
			.hasMessageContaining("failure rate");
		assertThatNoException().isThrownBy(() -> driver(settings, new FixedRandom(0.5)).createVolume(volume("a", 1)));
	}

	/** Latency goes through the sleeper, per operation, overriding the default. */
	@Test
	void latencyIsSpentThroughTheSleeper() {
		FakeDriver driver = driver(FakeDriverSettings.thick(100)
			.withLatency(Duration.ofMillis(5), Map.of(DriverOperation.CREATE_VOLUME, Duration.ofSeconds(2))));
		driver.createVolume(volume("a", 1));
		driver.deleteVolume(volume("a", 1));

		assertThat(this.slept).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(5));
	}

	/** A volume placed in a pool this backend does not have is refused. */
	@Test
	void unknownPoolIsRefused() {
		FakeDriver driver = driver(FakeDriverSettings.thick(100));

		assertThatThrownBy(() -> driver.createVolume(DriverVolume.of("a", 1, "other")))
			.isInstanceOf(DriverException.class)
			.hasMessageContaining("no pool other");
	}

	/** Always returns the same double. */
	record FixedRandom(double value) implements RandomGenerator {

		@Override
		public long nextLong() {
			return 0;
		}

		@Override
		public double nextDouble() {
			return this.value;
		}

	}

}
