package io.basalt.api.flow;

import java.util.List;
import java.util.Map;

import io.basalt.api.quota.QuotaEngine;

import org.springframework.stereotype.Component;

/**
 * Task 2: reserves {@code volumes}, {@code gigabytes}, {@code volumes_<type>}, {@code gigabytes_<type>} (and
 * checks {@code per_volume_gigabytes}); over quota → 413 {@code overLimit}. Revert: rolls the reservation back.
 * <p>
 * The flow runs this task and {@link QuotaCommit} in one transaction, so the reservation is consumed at once
 * ({@link QuotaEngine#consumeVolume}: one {@code UPDATE} of the locked usage rows, no reservation rows written and
 * deleted again while the project's usage rows are locked); {@code context.reservations} stays empty, QuotaCommit
 * has nothing left to do, and a failure before the commit is undone by the transaction's rollback.
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
		this.quotas.consumeVolume(context.request.projectId(), deltas, r.size());
		context.reservations = List.of();
	}

	@Override
	public void revert(CreateVolumeContext context, Throwable cause) {
		this.quotas.rollback(context.reservations);
	}

}
