package io.basalt.common.scheduler;

import java.util.Map;

/**
 * The volume type of a request, resolved by the API so that the scheduler needs no database read.
 *
 * @param id the type id
 * @param name the type name
 * @param extraSpecs the type's extra specs (e.g. {@code volume_backend_name}, {@code capabilities:x})
 * @param qosSpecs the keys of the type's QoS specs whose consumer is {@code back-end} or {@code both} (what the
 * driver is to apply), never null; the scheduler does not filter on them
 */
public record VolumeTypeSpec(String id, String name, Map<String, String> extraSpecs, Map<String, String> qosSpecs) {

	public VolumeTypeSpec {
		extraSpecs = (extraSpecs != null) ? Map.copyOf(extraSpecs) : Map.of();
		qosSpecs = (qosSpecs != null) ? Map.copyOf(qosSpecs) : Map.of();
	}

	/** A type without back-end QoS specs. */
	public VolumeTypeSpec(String id, String name, Map<String, String> extraSpecs) {
		this(id, name, extraSpecs, Map.of());
	}

}
