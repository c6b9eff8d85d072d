package io.basalt.common.volume;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a backend driver answers to {@code initialize_connection}: os-brick's connection properties, e.g. the
 * {@code local} connector's {@code {"driver_volume_type": "local", "data": {"device_path": "/path"}}}. The
 * {@code data} keys are the driver's own (os-brick defines them per connector type), so they stay a map.
 *
 * @param driverVolumeType the os-brick connector type ({@code local}, {@code iscsi}, ...)
 * @param data the connector properties
 */
public record ConnectionInfo(String driverVolumeType, Map<String, Object> data) {

	public ConnectionInfo {
		Objects.requireNonNull(driverVolumeType, "driverVolumeType");
		// os-brick properties may be null (e.g. an unset target_lun): kept as given, read-only
		data = (data == null) ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
	}

	/** The nested form Cinder's {@code os-initialize_connection} answers: {@code driver_volume_type} and {@code data}. */
	public Map<String, Object> nested() {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("driver_volume_type", this.driverVolumeType);
		view.put("data", new LinkedHashMap<>(this.data));
		return view;
	}

	/**
	 * The flat form an attachment's {@code connection_info} holds (Cinder's manager pops {@code data} and merges
	 * it with the rest in {@code _connection_create}).
	 */
	public Map<String, Object> flattened() {
		Map<String, Object> view = new LinkedHashMap<>(this.data);
		view.put("driver_volume_type", this.driverVolumeType);
		return view;
	}

}
