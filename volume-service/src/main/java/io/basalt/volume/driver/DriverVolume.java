package io.basalt.volume.driver;

import java.util.Map;
import java.util.Objects;

/**
 * A volume as a driver sees it.
 *
 * @param id the volume id (a UUID string)
 * @param sizeGb the size in GiB (at least 1)
 * @param pool the pool it lives in (the part after {@code #} of its host)
 * @param providerLocation where the backend keeps it, as returned at creation, or null when not known
 * @param qosSpecs the back-end QoS keys of its type (consumer {@code back-end} or {@code both}) on create; empty
 * otherwise. A driver applies those its {@link QosSupport} honours and logs the others as ignored
 */
public record DriverVolume(String id, int sizeGb, String pool, String providerLocation,
		Map<String, String> qosSpecs) {

	public DriverVolume {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(pool, "pool");
		if (sizeGb < 1) {
			throw new IllegalArgumentException("volume size must be >= 1 GiB: " + sizeGb);
		}
		qosSpecs = (qosSpecs != null) ? Map.copyOf(qosSpecs) : Map.of();
	}

	/** A volume without QoS specs. */
	public DriverVolume(String id, int sizeGb, String pool, String providerLocation) {
		this(id, sizeGb, pool, providerLocation, Map.of());
	}

	/** This volume with the back-end QoS keys of its type. */
	public DriverVolume withQosSpecs(Map<String, String> specs) {
		return new DriverVolume(this.id, this.sizeGb, this.pool, this.providerLocation, specs);
	}

	/** A volume not yet created. */
	public static DriverVolume of(String id, int sizeGb, String pool) {
		return new DriverVolume(id, sizeGb, pool, null);
	}

}
