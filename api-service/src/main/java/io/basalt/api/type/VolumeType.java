package io.basalt.api.type;

import java.util.Map;

import io.basalt.common.scheduler.VolumeTypeSpec;

/**
 * A volume type as stored.
 *
 * @param id the type id
 * @param name the unique name
 * @param description the description, or null
 * @param isPublic whether every project may use it
 * @param qosSpecsId the QoS specs, or null
 * @param extraSpecs the extra specs (never null)
 */
public record VolumeType(String id, String name, String description, boolean isPublic, String qosSpecsId,
		Map<String, String> extraSpecs) {

	public VolumeType {
		extraSpecs = (extraSpecs != null) ? Map.copyOf(extraSpecs) : Map.of();
	}

	/** What the scheduler is told about this type. */
	public VolumeTypeSpec toSpec() {
		return new VolumeTypeSpec(this.id, this.name, this.extraSpecs);
	}

	/** What the scheduler (and, through it, the volume service) is told, with the back-end QoS specs. */
	public VolumeTypeSpec toSpec(Map<String, String> backEndQos) {
		return new VolumeTypeSpec(this.id, this.name, this.extraSpecs, backEndQos);
	}

}
