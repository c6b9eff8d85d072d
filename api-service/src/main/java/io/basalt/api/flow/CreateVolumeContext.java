package io.basalt.api.flow;

import java.util.List;
import java.util.Map;

import io.basalt.api.volume.VolumeRecord;
import io.basalt.api.web.ApiRequest;
import io.basalt.common.scheduler.RequestSpec;

/**
 * The state a create-volume flow passes from task to task (TaskFlow's storage). Used by one request thread.
 */
public final class CreateVolumeContext {

	final ApiRequest request;

	final Map<String, Object> body;

	CreateVolumeRequest volumeRequest;

	List<String> reservations = List.of();

	VolumeRecord volume;

	RequestSpec requestSpec;

	public CreateVolumeContext(ApiRequest request, Map<String, Object> body) {
		this.request = request;
		this.body = body;
	}

	/** The created volume (after EntryCreate). */
	public VolumeRecord volume() {
		return this.volume;
	}

}
