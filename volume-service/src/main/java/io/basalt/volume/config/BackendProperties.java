package io.basalt.volume.config;

import java.nio.file.Path;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One backend ({@code basalt.volume.backends[i].*}). The settings every driver understands are here; the fake
 * driver's knobs are under {@code fake.*}, the file driver's under {@code file.*} (and its {@code directory}).
 *
 * @param name the backend's name: its RPC server and {@code services} host is {@code <service host>@<name>}
 * @param enabled whether to serve it
 * @param driver the driver type
 * @param availabilityZone the backend's availability zone, or null for {@code basalt.service.availability-zone}
 * @param volumeBackendName the name volume types select with {@code volume_backend_name}, or null for
 * {@code name}
 * @param poolName the backend's (single) pool name, or null for the volume backend name
 * @param reservedPercentage percent of the pool the scheduler keeps free (Cinder's {@code reserved_percentage})
 * @param maxOverSubscriptionRatio how far a thin pool may be over-subscribed (Cinder's
 * {@code max_over_subscription_ratio})
 * @param extraCapabilities capabilities added to every pool, matched by {@code capabilities:*} extra specs
 * @param directory the file driver's directory, or null for {@code ${java.io.tmpdir}/basalt-volumes/<name>}
 * @param fake the fake driver's settings
 * @param file the file driver's settings
 */
public record BackendProperties(
		@NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_-]*",
				message = "must be letters, digits, '-' or '_' (it becomes part of host@backend#pool)") String name,
		@DefaultValue("true") boolean enabled, @NotNull DriverType driver, String availabilityZone,
		String volumeBackendName, String poolName, @Min(0) @Max(100) @DefaultValue("0") int reservedPercentage,
		@DecimalMin("1.0") @DefaultValue("20.0") double maxOverSubscriptionRatio,
		Map<String, String> extraCapabilities, Path directory, @Valid @DefaultValue FakeProperties fake,
		@Valid @DefaultValue FileProperties file) {

	public BackendProperties {
		extraCapabilities = (extraCapabilities != null) ? Map.copyOf(extraCapabilities) : Map.of();
	}

	/** {@link #volumeBackendName()}, defaulting to the name. */
	public String effectiveVolumeBackendName() {
		return (this.volumeBackendName != null && !this.volumeBackendName.isBlank()) ? this.volumeBackendName
				: this.name;
	}

	/** The driver types. */
	public enum DriverType {

		/** {@link io.basalt.volume.driver.fake.FakeDriver}. */
		FAKE,
		/** {@link io.basalt.volume.driver.file.FileDriver}. */
		FILE

	}

}
