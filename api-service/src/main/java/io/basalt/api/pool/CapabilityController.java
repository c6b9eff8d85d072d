package io.basalt.api.pool;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.service.ServiceRecord;
import io.basalt.api.service.ServiceStore;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.common.scheduler.Pool;
import io.basalt.common.scheduler.PoolFilters;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/{project_id}/capabilities/{host}} (admin), Cinder's shape: what a volume backend reports, taken
 * from the scheduler's {@code get_pools} (the backend's latest capability report) rather than a call to the
 * backend itself. {@code host} is a host (its first backend), {@code host@backend} or a pool
 * ({@code host@backend#pool}, which then fills {@code pool_name}). No such volume service → 404; a backend the
 * scheduler has no report of yet → 404 too.
 */
@RestController
class CapabilityController {

	/** Cinder's standard capability properties ({@code VolumeDriver._init_standard_capabilities}). */
	private static final Map<String, Map<String, String>> PROPERTIES = properties();

	private final SchedulerRpcApi scheduler;

	private final ServiceStore services;

	CapabilityController(SchedulerRpcApi scheduler, ServiceStore services) {
		this.scheduler = scheduler;
		this.services = services;
	}

	@PolicyRule("volume_extension:capabilities")
	@GetMapping("/v3/{projectId}/capabilities/{host}")
	Map<String, Object> show(ApiRequest req, @PathVariable String host) {
		int hash = host.indexOf('#');
		String backendOf = (hash < 0) ? host : host.substring(0, hash);
		List<ServiceRecord> found = this.services.find(backendOf, VolumeRpcApi.BINARY);
		if (found.isEmpty()) {
			throw ApiException.notFound("Can't find service: " + host);
		}
		String backend = found.get(0).host();
		Pool[] all = this.scheduler.getPools(req.context(), new PoolFilters(null, null));
		Pool pool = Arrays.stream((all != null) ? all : new Pool[0])
			.filter(p -> backend.equals(p.backend()) && (hash < 0 || host.equals(p.name())))
			.findFirst()
			.orElseThrow(() -> ApiException.notFound("Can't find service capabilities: " + host));
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("namespace", "OS::Storage::Capabilities::" + backend);
		view.put("vendor_name", pool.vendorName());
		view.put("volume_backend_name", pool.volumeBackendName());
		view.put("pool_name", (hash >= 0 && pool.capabilities() != null) ? pool.capabilities().poolName() : null);
		view.put("driver_version", pool.driverVersion());
		view.put("storage_protocol", pool.storageProtocol());
		view.put("display_name", null);
		view.put("description", null);
		view.put("visibility", null);
		view.put("replication_targets", List.of());
		view.put("properties", PROPERTIES);
		return view;
	}

	private static Map<String, Map<String, String>> properties() {
		Map<String, Map<String, String>> p = new LinkedHashMap<>();
		p.put("thin_provisioning", property("Thin Provisioning", "Sets thin provisioning."));
		p.put("compression", property("Compression", "Enables compression."));
		p.put("qos", property("QoS", "Enables QoS."));
		p.put("replication_enabled", property("Replication", "Enables replication."));
		return p;
	}

	private static Map<String, String> property(String title, String description) {
		return Map.of("title", title, "description", description, "type", "boolean");
	}

}
