package io.basalt.api.volume;

import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.basalt.api.quota.QuotaEngine;
import io.basalt.api.web.ApiException;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.api.type.VolumeTypeService;
import io.basalt.api.web.ApiRequest;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@code os-extend}: new size above the current one, status {@code available} ({@code in-use} too from 3.42),
 * quota for the delta (and {@code per_volume_gigabytes} for the new size) taken in the same transaction that
 * moves the volume to {@code extending}, and in that transaction too {@code extend_volume} to the scheduler (which
 * checks room on the volume's backend) through the outbox ({@code io.basalt.api.outbox.CastOutbox}): while the
 * broker is away the request still succeeds and the outbox relay sends the cast later.
 */
@Component
class VolumeExtension {

	private final VolumeStore volumes;

	private final QuotaEngine quotas;

	private final SchedulerRpcApi scheduler;

	private final VolumeTypeService types;

	private final TransactionOperations transactions;

	private final Clock clock;

	VolumeExtension(VolumeStore volumes, QuotaEngine quotas, SchedulerRpcApi scheduler, VolumeTypeService types,
			TransactionOperations transactions, Clock clock) {
		this.volumes = volumes;
		this.quotas = quotas;
		this.scheduler = scheduler;
		this.types = types;
		this.transactions = transactions;
		this.clock = clock;
	}

	void extend(ApiRequest req, VolumeRecord v, Map<String, Object> args) {
		int newSize = newSize(args.get("new_size"));
		List<String> from = req.version().atLeast(42)
				? List.of(VolumeStatus.AVAILABLE.wire(), VolumeStatus.IN_USE.wire())
				: List.of(VolumeStatus.AVAILABLE.wire());
		if (!from.contains(v.status())) {
			throw ApiException.badRequest("Invalid volume: Volume status must be " + String.join(" or ", from)
					+ " to extend, but current status is: " + v.status() + ".");
		}
		if (newSize <= v.size()) {
			throw ApiException.badRequest("Invalid input received: New size for extend must be greater than current "
					+ "size. (current: " + v.size() + ", extended: " + newSize + ").");
		}
		if (v.host() == null) {
			throw ApiException.badRequest("Invalid volume: Volume " + v.id() + " has no host to extend on.");
		}
		int delta = newSize - v.size();
		Map<String, Integer> deltas = VolumeApi.quotaDeltas(v, 0, delta);
		// The request spec carries the CURRENT size; new_size travels beside it. The scheduler checks room for
		// the difference on the volume's own pool (host@backend#pool).
		RequestSpec spec = new RequestSpec(v.id(), v.projectId(), v.size(), this.types.find(v.volumeTypeId()).toSpec(),
				v.availabilityZone(), v.snapshotId(), v.sourceVolid(), null);
		// quota, extending and the cast (through the outbox) commit together
		this.transactions.executeWithoutResult(s -> {
			this.quotas.commit(this.quotas.reserveVolume(v.projectId(), deltas, newSize));
			if (!this.volumes.transitionToExtending(v.id(), from, newSize, this.clock.instant())) {
				throw ApiException.badRequest("Invalid volume: Volume status changed concurrently; retry.");
			}
			this.scheduler.extendVolume(req.context(), v.id(), newSize, v.host(), spec);
		});
	}

	/** {@code new_size}: an integer or digit string ≥ 1. */
	static int newSize(Object raw) {
		if (raw == null) {
			throw ApiException.badRequest("Invalid input for field/attribute new_size. Value: None. None is not of "
					+ "type 'integer', 'string'");
		}
		String text = raw.toString();
		if (!(raw instanceof Number || raw instanceof String) || !text.matches("^[0-9]+$")
				|| new BigInteger(text).compareTo(BigInteger.valueOf(2147483647L)) > 0 || Integer.parseInt(text) < 1) {
			throw ApiException.badRequest("Invalid input for field/attribute new_size. Value: " + text
					+ ". new_size must be an integer between 1 and 2147483647");
		}
		return Integer.parseInt(text);
	}

}
