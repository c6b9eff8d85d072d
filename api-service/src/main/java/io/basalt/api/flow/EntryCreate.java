package io.basalt.api.flow;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.basalt.api.volume.VolumeRecord;
import io.basalt.api.volume.VolumeStore;
import io.basalt.api.web.Timestamps;
import io.basalt.common.state.AttachStatus;
import io.basalt.common.state.VolumeStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Task 3: inserts the volume row as {@code creating}, with its metadata. Revert: an entry that already exists
 * (its transaction committed) is put into {@code error}, as Cinder's VolumeCastTask revert does; quota stays
 * consumed by it until it is deleted.
 */
@Component
class EntryCreate implements FlowTask {

	private static final Logger log = LoggerFactory.getLogger(EntryCreate.class);

	private final VolumeStore volumes;

	private final Clock clock;

	EntryCreate(VolumeStore volumes, Clock clock) {
		this.volumes = volumes;
		this.clock = clock;
	}

	@Override
	public void execute(CreateVolumeContext context) {
		CreateVolumeRequest r = context.volumeRequest;
		Instant now = Timestamps.dbNow(this.clock);
		VolumeRecord volume = new VolumeRecord(UUID.randomUUID().toString(), context.request.projectId(),
				context.request.context().userId(), r.name(), r.description(), r.size(), VolumeStatus.CREATING.wire(),
				AttachStatus.DETACHED.wire(), null,
				null, r.availabilityZone(), null, null, r.type().id(), r.type().name(), r.snapshotId(), r.sourceVolid(),
				r.groupId(), false, r.multiattach(), true, null, now, null, r.metadata());
		this.volumes.insert(volume);
		context.volume = volume;
	}

	@Override
	public void revert(CreateVolumeContext context, Throwable cause) {
		if (context.volume == null) {
			return;
		}
		boolean moved = this.volumes.transition(context.volume.id(), VolumeStatus.CREATE_FAILED,
				this.clock.instant());
		if (moved) {
			log.warn("Volume {} put into error: {}", context.volume.id(), cause.toString());
		}
	}

}
