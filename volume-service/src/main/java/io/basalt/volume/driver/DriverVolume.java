package io.basalt.volume.driver;

import java.util.Objects;

/**
 * A volume as a driver sees it.
 *
 * @param id the volume id (a UUID string)
 * @param sizeGb the size in GiB (at least 1)
 * @param pool the pool it lives in (the part after {@code #} of its host)
 * @param providerLocation where the backend keeps it, as returned at creation, or null when not known
 */
public record DriverVolume(String id, int sizeGb, String pool, String providerLocation) {

	public DriverVolume {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(pool, "pool");
		if (sizeGb < 1) {
			throw new IllegalArgumentException("volume size must be >= 1 GiB: " + sizeGb);
		}
	}

	/** A volume not yet created. */
	public static DriverVolume of(String id, int sizeGb, String pool) {
		return new DriverVolume(id, sizeGb, pool, null);
	}

}
