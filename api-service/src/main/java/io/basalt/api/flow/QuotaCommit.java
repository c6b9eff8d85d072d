package io.basalt.api.flow;

import io.basalt.api.quota.QuotaEngine;

import org.springframework.stereotype.Component;

/**
 * Task 4: commits the reservation (reserved → in use). Revert: nothing — as in Cinder, a committed quota stays
 * absorbed by the entry (which a later revert puts into {@code error}) until that entry is deleted.
 */
@Component
class QuotaCommit implements FlowTask {

	private final QuotaEngine quotas;

	QuotaCommit(QuotaEngine quotas) {
		this.quotas = quotas;
	}

	@Override
	public void execute(CreateVolumeContext context) {
		this.quotas.commit(context.reservations);
	}

}
