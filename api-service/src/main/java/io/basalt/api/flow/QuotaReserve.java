package io.basalt.api.flow;

import java.util.Map;

import io.basalt.api.quota.QuotaEngine;

import org.springframework.stereotype.Component;

/**
 * Task 2: reserves {@code volumes}, {@code gigabytes}, {@code volumes_<type>}, {@code gigabytes_<type>} (and
 * checks {@code per_volume_gigabytes}); over quota → 413 {@code overLimit}. Revert: rolls the reservation back.
 */
@Component
class QuotaReserve implements FlowTask {

	private final QuotaEngine quotas;

	QuotaReserve(QuotaEngine quotas) {
		this.quotas = quotas;
	}

	@Override
	public void execute(CreateVolumeContext context) {
		CreateVolumeRequest r = context.volumeRequest;
		String type = r.type().name();
		Map<String, Integer> deltas = Map.of("volumes", 1, "gigabytes", r.size(), "volumes_" + type, 1,
				"gigabytes_" + type, r.size());
		context.reservations = this.quotas.reserveVolume(context.request.projectId(), deltas, r.size());
	}

	@Override
	public void revert(CreateVolumeContext context, Throwable cause) {
		this.quotas.rollback(context.reservations);
	}

}
