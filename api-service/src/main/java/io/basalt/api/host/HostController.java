package io.basalt.api.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.service.ServiceBinaries;
import io.basalt.api.service.ServiceRecord;
import io.basalt.api.service.ServiceStore;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.Timestamps;
import io.basalt.common.service.BasaltServiceProperties;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/{project_id}/os-hosts} (admin), as Cinder's {@code hosts} extension: the enabled services'
 * hosts ({@code ?zone=}, {@code ?service=}), and for one enabled volume backend its usage per project after a
 * {@code (total)} row. Counts and sizes are strings, as Cinder's.
 */
@RestController
@RequestMapping("/v3/{projectId}/os-hosts")
class HostController {

	private final ServiceStore services;

	private final HostUsageStore usage;

	private final Clock clock;

	private final Duration serviceDownTime;

	HostController(ServiceStore services, HostUsageStore usage, Clock clock, BasaltServiceProperties properties) {
		this.services = services;
		this.usage = usage;
		this.clock = clock;
		this.serviceDownTime = properties.serviceDownTime();
	}

	@PolicyRule("volume_extension:hosts")
	@GetMapping
	Map<String, Object> list(@RequestParam(required = false) String zone,
			@RequestParam(required = false) String service) {
		Instant now = this.clock.instant();
		List<Map<String, Object>> hosts = new ArrayList<>();
		// Cinder lists the enabled services only
		for (ServiceRecord s : this.services.find(null, null, true)) {
			String topic = ServiceBinaries.shown(s.binary());
			if ((zone != null && !zone.isEmpty() && !zone.equals(s.availabilityZone()))
					|| (service != null && !service.isEmpty() && !service.equals(topic))) {
				continue;
			}
			boolean alive = Duration.between(s.lastSeen(), now).abs().compareTo(this.serviceDownTime) <= 0;
			Map<String, Object> host = new LinkedHashMap<>();
			host.put("host_name", s.host());
			host.put("service", topic);
			host.put("zone", s.availabilityZone());
			host.put("service-status", alive ? "available" : "unavailable");
			host.put("service-state", s.disabled() ? "disabled" : "enabled");
			host.put("last-update", Timestamps.format(s.updatedAt()));
			hosts.add(host);
		}
		return Map.of("hosts", hosts);
	}

	@PolicyRule("volume_extension:hosts")
	@GetMapping("/{host}")
	Map<String, Object> show(ApiRequest req, @PathVariable String host) {
		if (!req.isAdmin()) {
			throw ApiException.forbidden("Describe-resource is admin only functionality");
		}
		ServiceRecord service = this.services.find(host, VolumeRpcApi.BINARY, true).stream().findFirst()
			.orElseThrow(() -> ApiException.notFound("Host " + host + " could not be found."));
		List<Map<String, Object>> rows = new ArrayList<>();
		long volumes = 0;
		long volumeGb = 0;
		long snapshots = 0;
		long snapshotGb = 0;
		for (Map.Entry<String, HostUsageStore.Usage> e : this.usage.usageByProject(service.host()).entrySet()) {
			HostUsageStore.Usage u = e.getValue();
			rows.add(row(host, e.getKey(), u));
			volumes += u.volumeCount();
			volumeGb += u.volumeGb();
			snapshots += u.snapshotCount();
			snapshotGb += u.snapshotGb();
		}
		rows.add(0, row(host, "(total)", new HostUsageStore.Usage(volumes, volumeGb, snapshots, snapshotGb)));
		return Map.of("host", rows);
	}

	private static Map<String, Object> row(String host, String project, HostUsageStore.Usage u) {
		Map<String, Object> resource = new LinkedHashMap<>();
		resource.put("host", host);
		resource.put("project", project);
		resource.put("volume_count", String.valueOf(u.volumeCount()));
		resource.put("total_volume_gb", String.valueOf(u.volumeGb()));
		resource.put("snapshot_count", String.valueOf(u.snapshotCount()));
		resource.put("total_snapshot_gb", String.valueOf(u.snapshotGb()));
		return Map.of("resource", resource);
	}

}
