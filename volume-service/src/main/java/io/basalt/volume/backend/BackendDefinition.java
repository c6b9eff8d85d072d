package io.basalt.volume.backend;

import java.util.Objects;

import io.basalt.volume.driver.VolumeDriver;

/**
 * One backend to serve.
 *
 * @param backend {@code host@name}: the RPC server name and the {@code services} host
 * @param availabilityZone the backend's availability zone (written to its {@code services} row)
 * @param driver its driver, not yet set up
 */
public record BackendDefinition(String backend, String availabilityZone, VolumeDriver driver) {

	public BackendDefinition {
		Objects.requireNonNull(backend, "backend");
		Objects.requireNonNull(availabilityZone, "availabilityZone");
		Objects.requireNonNull(driver, "driver");
	}

}
