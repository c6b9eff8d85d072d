package io.basalt.volume.driver;

import java.util.Map;
import java.util.Objects;

/**
 * What every driver reports about the backend it serves, whatever its type.
 *
 * @param volumeBackendName the name matched by a volume type's {@code volume_backend_name} extra spec
 * @param availabilityZone the backend's availability zone
 * @param extraCapabilities further capabilities merged into every pool (Cinder's {@code extra_capabilities})
 */
public record DriverIdentity(String volumeBackendName, String availabilityZone, Map<String, String> extraCapabilities) {

	public DriverIdentity {
		Objects.requireNonNull(volumeBackendName, "volumeBackendName");
		extraCapabilities = (extraCapabilities != null) ? Map.copyOf(extraCapabilities) : Map.of();
	}

}
