package io.basalt.api.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiRequest;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/{project_id}/os-availability-zone}: the zones of the registered volume services, each available
 * when one of its services is enabled, in Cinder's {@code availabilityZoneInfo} shape.
 */
@RestController
class AvailabilityZoneController {

	private final ServiceStore services;

	AvailabilityZoneController(ServiceStore services) {
		this.services = services;
	}

	// Cinder checks no rule here (any authenticated caller); the reader rule of volume listing is the nearest.
	@PolicyRule("volume:get_all")
	@GetMapping("/v3/{projectId}/os-availability-zone")
	Map<String, Object> list(ApiRequest req) {
		List<Map<String, Object>> zones = this.services.zoneStates(VolumeRpcApi.BINARY)
			.entrySet()
			.stream()
			.map(e -> zone(e.getKey(), e.getValue()))
			.toList();
		return Map.of("availabilityZoneInfo", zones);
	}

	private static Map<String, Object> zone(String name, boolean available) {
		Map<String, Object> zone = new LinkedHashMap<>();
		zone.put("zoneName", name);
		zone.put("zoneState", Map.of("available", available));
		return zone;
	}

}
