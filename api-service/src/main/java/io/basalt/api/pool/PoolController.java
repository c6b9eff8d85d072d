package io.basalt.api.pool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.type.VolumeTypeService;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.Timestamps;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.common.scheduler.Pool;
import io.basalt.common.scheduler.PoolFilters;
import io.basalt.common.scheduler.SchedulerRpcApi;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/{project_id}/scheduler-stats/get_pools[?detail=true&name=&volume_type=]} (admin): a
 * {@code get_pools} call to a scheduler. No scheduler answering in time → 503 {@code serviceUnavailable}.
 */
@RestController
class PoolController {

	private final SchedulerRpcApi scheduler;

	private final VolumeTypeService types;

	PoolController(SchedulerRpcApi scheduler, VolumeTypeService types) {
		this.scheduler = scheduler;
		this.types = types;
	}

	@PolicyRule("scheduler_extension:scheduler_stats:get_pools")
	@GetMapping("/v3/{projectId}/scheduler-stats/get_pools")
	Map<String, Object> pools(ApiRequest req, @RequestParam(defaultValue = "false") String detail,
			@RequestParam(required = false) String name,
			@RequestParam(name = "volume_type", required = false) String volumeType) {
		String byName = req.version().atLeast(28) ? name : null;
		var type = (req.version().atLeast(35) && volumeType != null) ? this.types.find(volumeType).toSpec() : null;
		Pool[] pools = this.scheduler.getPools(req.context(), new PoolFilters(byName, type));
		boolean withDetail = Boolean.parseBoolean(detail) || "1".equals(detail);
		List<Map<String, Object>> views = new ArrayList<>();
		for (Pool pool : (pools != null) ? pools : new Pool[0]) {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("name", pool.name());
			if (withDetail) {
				view.put("capabilities", capabilities(pool));
			}
			views.add(view);
		}
		return Map.of("pools", views);
	}

	/** Cinder's capability keys of a pool. */
	static Map<String, Object> capabilities(Pool pool) {
		PoolCapabilities c = pool.capabilities();
		Map<String, Object> caps = new LinkedHashMap<>();
		if (c != null) {
			caps.put("pool_name", c.poolName());
			caps.put("total_capacity_gb", c.totalCapacityGb().toWire());
			caps.put("free_capacity_gb", c.freeCapacityGb().toWire());
			caps.put("allocated_capacity_gb", c.allocatedCapacityGb());
			caps.put("provisioned_capacity_gb", c.provisionedCapacityGb());
			caps.put("max_over_subscription_ratio", c.maxOverSubscriptionRatio());
			caps.put("reserved_percentage", c.reservedPercentage());
			caps.put("thin_provisioning_support", c.thinProvisioningSupport());
			caps.put("thick_provisioning_support", c.thickProvisioningSupport());
			caps.put("total_volumes", c.totalVolumes());
			caps.put("multiattach", c.multiattach());
			caps.putAll(c.extra());
			// capabilities travel as strings; Cinder (and Tempest's get_pools schema) has QoS_support a boolean
			caps.computeIfPresent("QoS_support", (k, v) -> Boolean.parseBoolean(String.valueOf(v)));
		}
		caps.put("volume_backend_name", pool.volumeBackendName());
		caps.put("storage_protocol", pool.storageProtocol());
		caps.put("vendor_name", pool.vendorName());
		caps.put("driver_version", pool.driverVersion());
		caps.put("timestamp", Timestamps.format(pool.updatedAt()));
		return caps;
	}

}
