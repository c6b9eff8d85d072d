package io.basalt.scheduler.manager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.basalt.common.message.MessageField;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.scheduler.host.StartupGate;
import io.basalt.scheduler.scheduling.ExtendDecision;
import io.basalt.scheduler.scheduling.FilterScheduler;
import io.basalt.scheduler.scheduling.ScheduleResult;

/**
 * The side effects around a scheduling decision: create = wait for the start-up gate → schedule → record the host
 * on the volume row → cast {@code create_volume} to the backend, or put the volume into {@code error} with the
 * reason; extend = check room → cast {@code extend_volume}, or put the volume back to {@code available}.
 * <p>
 * Idempotent: a volume that is no longer {@code creating} or already has a host is not placed again (and the
 * capacity consumed for it is given back); one already placed but still {@code creating} gets its
 * {@code create_volume} sent to its host once more (the volume service's create is idempotent). Thread-safe.
 */
public class VolumePlacement {

	private static final Logger log = LoggerFactory.getLogger(VolumePlacement.class);

	private final FilterScheduler scheduler;

	private final VolumeStateStore volumes;

	private final VolumeRpcApi volumeRpc;

	private final StartupGate gate;

	public VolumePlacement(FilterScheduler scheduler, VolumeStateStore volumes, VolumeRpcApi volumeRpc,
			StartupGate gate) {
		this.scheduler = scheduler;
		this.volumes = volumes;
		this.volumeRpc = volumeRpc;
		this.gate = gate;
	}

	/** Places and creates a volume. */
	public void create(RequestContext context, RequestSpec request, FilterProperties properties) {
		awaitGate();
		ScheduleResult result = this.scheduler.schedule(request, properties);
		switch (result) {
			case ScheduleResult.NoValidBackend none -> fail(context, request.volumeId(), none.reason(),
					MessageField.Detail.NO_BACKEND_AVAILABLE);
			case ScheduleResult.Chosen chosen -> dispatch(context, request, chosen);
		}
	}

	private void dispatch(RequestContext context, RequestSpec request, ScheduleResult.Chosen chosen) {
		String volumeId = request.volumeId();
		if (!this.volumes.claimHost(volumeId, chosen.host(), chosen.pool().availabilityZone())) {
			this.scheduler.release(chosen, request.size());
			resendIfPlacedAndCreating(context, request, chosen.nextProperties());
			return;
		}
		try {
			this.volumeRpc.createVolume(context, chosen.host(), request, chosen.nextProperties());
			log.debug("Volume {} scheduled to {}", volumeId, chosen.host());
		}
		catch (RuntimeException ex) {
			this.scheduler.release(chosen, request.size());
			fail(context, volumeId, "Could not send create_volume to " + chosen.host() + ": " + ex.getMessage(),
					MessageField.Detail.UNKNOWN_ERROR);
		}
	}

	/**
	 * A create delivered again for a volume already placed: if the volume is still {@code creating}, the scheduler
	 * that placed it may have died between recording the host and sending {@code create_volume} (its unacknowledged
	 * message is what came back here), so the create is sent to that host again — the volume service's create is
	 * idempotent, and without this the volume would wait for the stuck-volume sweeper. Otherwise nothing to do.
	 */
	private void resendIfPlacedAndCreating(RequestContext context, RequestSpec request, FilterProperties properties) {
		String volumeId = request.volumeId();
		String placed = this.volumes.placedHostIfCreating(volumeId);
		if (placed == null) {
			log.info("Volume {} is no longer waiting for a backend (not creating or gone); nothing to do", volumeId);
			return;
		}
		log.info("Volume {} was already placed on {} and is still creating: sending create_volume to it again",
				volumeId, placed);
		try {
			this.volumeRpc.createVolume(context, placed, request, properties);
		}
		catch (RuntimeException ex) {
			log.warn("Could not send create_volume of {} to {} again ({}); the stuck-volume sweeper will", volumeId,
					placed, ex.toString());
		}
	}

	private void fail(RequestContext context, String volumeId, String reason, MessageField.Detail detail) {
		log.warn("Failed to schedule volume {}: {}", volumeId, reason);
		if (!this.volumes.markError(volumeId, reason, context.requestId(), detail)) {
			log.info("Volume {} was no longer creating; its status is left alone", volumeId);
		}
	}

	/** Checks room for a bigger volume on its pool, then asks the backend to extend it. */
	public void extend(RequestContext context, String volumeId, int newSize, String volumeHost,
			RequestSpec request) {
		ExtendDecision decision = this.scheduler.checkExtend(volumeHost, request.size(), newSize, request);
		if (!decision.allowed()) {
			log.warn("Refused to extend volume {} to {} GiB: {}", volumeId, newSize, decision.reason());
			this.volumes.rejectExtend(volumeId, decision.reason(), newSize - request.size(), context.requestId());
			return;
		}
		this.volumeRpc.extendVolume(context, volumeHost, volumeId, newSize);
	}

	private void awaitGate() {
		if (this.gate.isOpen()) {
			return;
		}
		try {
			this.gate.awaitOpen();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
