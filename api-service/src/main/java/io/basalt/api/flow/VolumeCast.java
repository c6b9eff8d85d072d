package io.basalt.api.flow;

import io.basalt.api.qos.QosSpecsService;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;

import org.springframework.stereotype.Component;

/**
 * Task 5: {@code create_volume(request_spec, filter_properties)} to the scheduler topic. It runs inside the flow's
 * transaction: the scheduler stub hands the encoded cast to the api's outbox
 * ({@link io.basalt.api.outbox.CastOutbox}), which writes it in that transaction and sends it after the commit;
 * if the broker is away the request still succeeds and the outbox relay sends it later, so an accepted volume is
 * never lost (the scheduler ignores duplicates).
 */
@Component
class VolumeCast {

	private final SchedulerRpcApi scheduler;

	private final QosSpecsService qos;

	VolumeCast(SchedulerRpcApi scheduler, QosSpecsService qos) {
		this.scheduler = scheduler;
		this.qos = qos;
	}

	/** Builds the request spec and writes the pending cast (inside the flow's transaction). */
	void stage(CreateVolumeContext context) {
		CreateVolumeRequest r = context.volumeRequest;
		context.requestSpec = new RequestSpec(context.volume.id(), context.volume.projectId(), r.size(),
				r.type().toSpec(this.qos.backEndSpecs(r.type())), r.requestedZone(), r.snapshotId(), r.sourceVolid(),
				r.hints());
		this.scheduler.createVolume(context.request.context(), context.requestSpec, FilterProperties.FIRST_ATTEMPT);
	}

}
