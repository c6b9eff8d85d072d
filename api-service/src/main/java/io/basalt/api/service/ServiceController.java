package io.basalt.api.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;
import io.basalt.api.web.Timestamps;
import io.basalt.common.service.BasaltServiceProperties;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/os-services} (admin): every registered service with its state, up when its last
 * heartbeat is at most {@code basalt.service.service-down-time} old; enable / disable / disable-log-reason;
 * freeze / thaw of a host's volume backends.
 */
@RestController
@RequestMapping("/v3/{projectId}/os-services")
class ServiceController {

	private final ServiceStore services;

	private final Clock clock;

	private final Duration serviceDownTime;

	ServiceController(ServiceStore services, Clock clock, BasaltServiceProperties properties) {
		this.services = services;
		this.clock = clock;
		this.serviceDownTime = properties.serviceDownTime();
	}

	@PolicyRule("volume_extension:services:index")
	@GetMapping
	Map<String, Object> list(ApiRequest req, @RequestParam(required = false) String host,
			@RequestParam(required = false) String binary) {
		Instant now = this.clock.instant();
		List<Map<String, Object>> views = this.services.find(host, ServiceBinaries.stored(binary))
			.stream()
			.map(s -> view(req, s, now))
			.toList();
		return Map.of("services", views);
	}

	@PolicyRule("volume_extension:services:update")
	@PutMapping("/{action}")
	Map<String, Object> update(ApiRequest req, @PathVariable String action, @RequestBody Map<String, Object> body) {
		boolean disable = switch (action) {
			case "enable" -> false;
			case "disable", "disable-log-reason" -> true;
			default -> throw ApiException.badRequest("Unknown action");
		};
		String host = RequestBodies.string(body, "host", 1, 255, false);
		String binary = RequestBodies.string(body, "binary", 1, 255, false);
		if (host == null) {
			throw ApiException.badRequest("Missing required element 'host' in request body.");
		}
		binary = ServiceBinaries.stored((binary != null) ? binary : VolumeRpcApi.BINARY);
		String reason = null;
		if (action.equals("disable-log-reason")) {
			reason = RequestBodies.string(body, "disabled_reason", 1, 255, true);
			if (reason == null) {
				throw ApiException.badRequest("Disabled reason contains invalid characters or is too long");
			}
		}
		if (!this.services.setDisabled(host, binary, disable, reason, this.clock.instant())) {
			throw ApiException.notFound("Service " + host + " could not be found.");
		}
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("host", host);
		result.put("binary", ServiceBinaries.shown(binary));
		result.put("disabled", disable);
		result.put("status", disable ? "disabled" : "enabled");
		if (reason != null) {
			result.put("disabled_reason", reason);
		}
		return result;
	}

	/**
	 * {@code PUT os-services/freeze {"host": ...}}: freezes the volume backends of the host (Cinder's
	 * {@code freeze_host}): 200 with an empty body; already frozen → 400, no such volume service → 400 (Cinder's
	 * {@code _volume_api_proxy} answers {@code ServiceNotFound} as {@code InvalidInput}).
	 */
	@PolicyRule("volume:freeze_host")
	@PutMapping("/freeze")
	ResponseEntity<Void> freeze(ApiRequest req, @RequestBody Map<String, Object> body) {
		return freezeOrThaw(body, true);
	}

	/** {@code PUT os-services/thaw {"host": ...}}: the reverse of freeze; a host not frozen → 400. */
	@PolicyRule("volume:thaw_host")
	@PutMapping("/thaw")
	ResponseEntity<Void> thaw(ApiRequest req, @RequestBody Map<String, Object> body) {
		return freezeOrThaw(body, false);
	}

	private ResponseEntity<Void> freezeOrThaw(Map<String, Object> body, boolean freeze) {
		String host = RequestBodies.string(body, "host", 1, 255, false);
		if (host == null) {
			throw ApiException.badRequest("Invalid input received: Missing required element 'host' in request body.");
		}
		if (this.services.setFrozen(host, VolumeRpcApi.BINARY, freeze, this.clock.instant()) == 0) {
			if (this.services.find(host, VolumeRpcApi.BINARY).isEmpty()) {
				// Cinder's _volume_api_proxy turns ServiceNotFound into InvalidInput (400), as Tempest expects
				throw ApiException.badRequest("Invalid input received: Service " + host + " could not be found.");
			}
			throw ApiException.badRequest(
					"Invalid input received: " + (freeze ? "Host is already Frozen." : "Host is NOT Frozen."));
		}
		return ResponseEntity.ok().build();
	}

	private Map<String, Object> view(ApiRequest req, ServiceRecord s, Instant now) {
		boolean up = Duration.between(s.lastSeen(), now).abs().compareTo(this.serviceDownTime) <= 0;
		boolean volume = VolumeRpcApi.BINARY.equals(s.binary()) || "cinder-volume".equals(s.binary());
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("binary", ServiceBinaries.shown(s.binary()));
		view.put("host", s.host());
		view.put("zone", s.availabilityZone());
		view.put("status", s.disabled() ? "disabled" : "enabled");
		view.put("state", up ? "up" : "down");
		view.put("updated_at", Timestamps.format(s.shownUpdatedAt()));
		if (volume && req.version().atLeast(49)) {
			view.put("backend_state", up ? "up" : "down");
		}
		if (req.version().atLeast(7)) {
			view.put("cluster", s.clusterName());
		}
		view.put("disabled_reason", s.disabledReason());
		if (volume) {
			view.put("replication_status", (s.replicationStatus() != null) ? s.replicationStatus() : "disabled");
			view.put("active_backend_id", s.activeBackendId());
			view.put("frozen", s.frozen());
		}
		return view;
	}

}
