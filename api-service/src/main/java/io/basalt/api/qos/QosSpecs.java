package io.basalt.api.qos;

import java.util.Map;

/**
 * QoS specs as stored.
 *
 * @param id the id
 * @param name the unique name
 * @param consumer {@code front-end}, {@code back-end} or {@code both}
 * @param specs the keys (never null)
 */
public record QosSpecs(String id, String name, String consumer, Map<String, String> specs) {

	/** The consumers Cinder accepts. */
	public static final java.util.Set<String> CONSUMERS = java.util.Set.of("front-end", "back-end", "both");

	public QosSpecs {
		specs = (specs != null) ? Map.copyOf(specs) : Map.of();
	}

	/** Whether the driver applies these specs (consumer {@code back-end} or {@code both}). */
	public boolean forBackEnd() {
		return !"front-end".equals(this.consumer);
	}

}
