package io.basalt.api.volume;

import java.util.Map;

import io.basalt.api.web.ApiRequest;

/**
 * Creates a volume from a {@code POST /volumes} body (validation, quota, entry, cast): the port through which
 * {@link VolumeApi} reaches the create flow ({@code io.basalt.api.flow.CreateVolumeFlow} implements it), so that
 * the flow may use this package's records and stores without a package cycle.
 */
public interface VolumeCreation {

	/** The created volume (status {@code creating}); a Cinder fault on bad input or over quota. */
	VolumeRecord create(ApiRequest request, Map<String, Object> body);

}
