package io.basalt.api.flow;

import java.time.Clock;

import io.basalt.api.qos.QosSpecsService;
import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Task 5: casts {@code create_volume(request_spec, filter_properties)} to the scheduler topic. The cast is
 * first {@linkplain #stage staged} in the {@code outbox} inside the flow's transaction, then sent after the
 * commit and the row marked sent (in a batch, by {@link SentMarks}). If the broker is away (an
 * {@link RpcException}, e.g. {@code BrokerUnavailable}), the request still succeeds: the row stays unsent and
 * {@link OutboxRelay} sends it later, so an accepted volume is never lost (the scheduler ignores duplicates).
 * Any other failure is a bug: it is raised and the flow reverts (the entry goes to {@code error}, the outbox row
 * is cancelled).
 */
@Component
class VolumeCast implements FlowTask {

	static final String METHOD = "create_volume";

	private static final Logger log = LoggerFactory.getLogger(VolumeCast.class);

	private final SchedulerRpcApi scheduler;

	private final OutboxStore outbox;

	private final JsonMapper json;

	private final BasaltRpcProperties rpc;

	private final Clock clock;

	private final SentMarks marks;

	private final QosSpecsService qos;

	VolumeCast(SchedulerRpcApi scheduler, OutboxStore outbox, SentMarks marks, JsonMapper json,
			BasaltRpcProperties rpc, Clock clock, QosSpecsService qos) {
		this.qos = qos;
		this.marks = marks;
		this.scheduler = scheduler;
		this.outbox = outbox;
		this.json = json;
		this.rpc = rpc;
		this.clock = clock;
	}

	/** Builds the request spec and writes the pending cast (inside the flow's transaction). */
	void stage(CreateVolumeContext context) {
		CreateVolumeRequest r = context.volumeRequest;
		context.requestSpec = new RequestSpec(context.volume.id(), context.volume.projectId(), r.size(),
				r.type().toSpec(this.qos.backEndSpecs(r.type())), r.availabilityZone(), r.snapshotId(), r.sourceVolid(), r.hints());
		String payload = this.json
			.writeValueAsString(CreateVolumeCast.of(context.request.context(), context.requestSpec));
		context.outboxId = this.outbox.stage(this.rpc.controlExchange(), this.rpc.schedulerTopic(), METHOD,
				SchedulerRpcApi.VERSION.toString(), payload, this.clock.instant());
	}

	/** Cancels the staged cast (the entry it announced was reverted). */
	void unstage(CreateVolumeContext context, Throwable cause) {
		if (context.outboxId != null) {
			this.outbox.cancel(context.outboxId, cause.toString(), this.clock.instant());
		}
	}

	@Override
	public void execute(CreateVolumeContext context) {
		try {
			this.scheduler.createVolume(context.request.context(), context.requestSpec,
					FilterProperties.FIRST_ATTEMPT);
		}
		catch (RpcException ex) {
			log.warn("Cast create_volume of {} failed, the outbox relay will send it: {}", context.volume.id(),
					ex.toString());
			return;
		}
		// Sent: the row is marked in the next batch (if the process dies first, the relay sends it once more and
		// the scheduler drops the duplicate).
		this.marks.sent(context.outboxId);
	}

}
