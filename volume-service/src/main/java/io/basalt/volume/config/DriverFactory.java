package io.basalt.volume.config;

import java.nio.file.Path;
import java.util.random.RandomGenerator;

import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.VolumeDriver;
import io.basalt.volume.driver.fake.FakeDriver;
import io.basalt.volume.driver.fake.FakeDriverSettings;
import io.basalt.volume.driver.fake.Sleeper;
import io.basalt.volume.driver.file.FileDriver;
import io.basalt.volume.driver.file.FileDriverSettings;

/**
 * Makes the driver of a configured backend (not yet set up). Thread-safe (stateless).
 *
 * @param defaultAvailabilityZone the service's availability zone, for backends without their own
 * @param random the random source of the fake driver's failure rate
 * @param sleeper how the fake driver waits
 */
public record DriverFactory(String defaultAvailabilityZone, RandomGenerator random, Sleeper sleeper) {

	/** The driver for {@code backend}. */
	public VolumeDriver create(BackendProperties backend) {
		DriverIdentity identity = new DriverIdentity(backend.effectiveVolumeBackendName(),
				availabilityZone(backend), backend.extraCapabilities());
		return switch (backend.driver()) {
			case FAKE -> {
				FakeProperties f = backend.fake();
				yield new FakeDriver(identity,
						new FakeDriverSettings(f.capacityGb(), f.thin(), backend.maxOverSubscriptionRatio(),
								backend.reservedPercentage(), f.latency(), f.operationLatency(), f.failCreates(),
								f.failureRate(), f.failNextCreates(), backend.poolName()),
						this.sleeper, this.random);
			}
			case FILE -> {
				Path directory = (backend.directory() != null) ? backend.directory()
						: Path.of(System.getProperty("java.io.tmpdir"), "basalt-volumes", backend.name());
				yield new FileDriver(identity, new FileDriverSettings(directory, backend.maxOverSubscriptionRatio(),
						backend.reservedPercentage(), backend.poolName(), backend.file().reconcileInterval()));
			}
		};
	}

	/** The backend's availability zone: its own, else the service's. */
	public String availabilityZone(BackendProperties backend) {
		return (backend.availabilityZone() != null && !backend.availabilityZone().isBlank())
				? backend.availabilityZone() : this.defaultAvailabilityZone;
	}

}
