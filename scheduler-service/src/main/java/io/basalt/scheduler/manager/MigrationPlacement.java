package io.basalt.scheduler.manager;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.basalt.common.message.MessageField;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerHints;
import io.basalt.common.scheduler.SchedulerRpcApi.MigrateVolumeArgs;
import io.basalt.common.state.MigrationStatus;
import io.basalt.common.volume.MigrationStore;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.scheduler.host.StartupGate;
import io.basalt.scheduler.scheduling.FilterScheduler;
import io.basalt.scheduler.scheduling.ScheduleResult;

/**
 * The scheduler's part of a volume migration (Cinder's {@code migrate_volume_to_host} and {@code retype} in the
 * scheduler manager): the destination is checked ({@code os-migrate_volume}'s host: that backend's pools must pass
 * the filters) or chosen ({@code os-retype} with migration: the best backend for the new type) by the same filters
 * and weighers as a create, never the volume's own backend; its capacity is consumed at once; then
 * {@code migrate_volume} is cast to the volume's backend. No valid destination (or a failed cast) ends the
 * migration in {@code error} through {@link MigrationStore} (the row stays where it is, a retype's status and quota
 * go back, a user message says {@code No valid host}).
 * <p>
 * Idempotent: the store acts only on a migration still {@code starting}. Thread-safe.
 */
public class MigrationPlacement {

	private static final Logger log = LoggerFactory.getLogger(MigrationPlacement.class);

	private final FilterScheduler scheduler;

	private final MigrationStore migrations;

	private final VolumeRpcApi volumeRpc;

	private final StartupGate gate;

	private final Clock clock;

	public MigrationPlacement(FilterScheduler scheduler, MigrationStore migrations, VolumeRpcApi volumeRpc,
			StartupGate gate, Clock clock) {
		this.scheduler = scheduler;
		this.migrations = migrations;
		this.volumeRpc = volumeRpc;
		this.gate = gate;
		this.clock = clock;
	}

	/** Checks or chooses the destination, then starts the migration on the source backend. */
	public void migrate(RequestContext context, MigrateVolumeArgs args) {
		try {
			this.gate.awaitOpen();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		String source = VolumeRpcApi.backendOf(args.sourceHost());
		RequestSpec spec = args.requestSpec();
		SchedulerHints hints = new SchedulerHints(
				(args.destinationHost() != null) ? List.of(VolumeRpcApi.backendOf(args.destinationHost())) : List.of(),
				List.of(source));
		RequestSpec request = new RequestSpec(args.volumeId(), spec.projectId(), spec.size(), spec.volumeType(),
				spec.availabilityZone(), null, null, hints);
		ScheduleResult result = this.scheduler.schedule(request, FilterProperties.FIRST_ATTEMPT);
		switch (result) {
			case ScheduleResult.NoValidBackend none -> fail(context, args,
					"No valid host was found. " + none.reason(), MessageField.Detail.NO_BACKEND_AVAILABLE);
			case ScheduleResult.Chosen chosen -> {
				try {
					this.volumeRpc.migrateVolume(context, args.sourceHost(), new VolumeRpcApi.MigrateVolumeArgs(
							args.volumeId(), chosen.host(), args.newTypeId(), args.forceHostCopy()));
					log.info("Volume {}: migrating from {} to {}", args.volumeId(), args.sourceHost(), chosen.host());
				}
				catch (RuntimeException ex) {
					this.scheduler.release(chosen, spec.size());
					fail(context, args, "Could not send migrate_volume to " + source + ": " + ex.getMessage(),
							MessageField.Detail.UNKNOWN_ERROR);
				}
			}
		}
	}

	private void fail(RequestContext context, MigrateVolumeArgs args, String reason, MessageField.Detail detail) {
		log.warn("Migration of volume {} failed: {}", args.volumeId(), reason);
		if (!this.migrations.fail(args.volumeId(), args.sourceHost(), List.of(MigrationStatus.STARTING.wire()), args.newTypeId(), reason,
				context.requestId(), MessageField.Action.SCHEDULE_ALLOCATE_VOLUME, detail, this.clock.instant())) {
			log.info("Volume {} was no longer starting a migration; left alone", args.volumeId());
		}
	}

}
