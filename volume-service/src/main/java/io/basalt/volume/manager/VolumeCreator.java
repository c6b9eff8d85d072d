package io.basalt.volume.manager;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.RetryInfo;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.state.VolumeStatus;
import io.basalt.rpc.RequestContext;
import io.basalt.volume.driver.CreatedVolume;
import io.basalt.volume.driver.DriverException;
import io.basalt.volume.driver.DriverSnapshot;
import io.basalt.volume.driver.DriverVolume;
import io.basalt.volume.manager.CapacityGuard.Reservation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@code create_volume} on one backend (Cinder's create-volume flow on the volume side):
 * <ol>
 * <li>the row must be {@code creating} and placed on this backend, else the message is a redelivery or stale and
 * nothing happens;</li>
 * <li>the pool's capacity is checked again locally ({@link CapacityGuard});</li>
 * <li>the driver creates the volume — empty, or a copy of its {@code snapshot_id} or {@code source_volid} (which
 * must live on this backend) — → {@code available} with {@code launched_at} and {@code provider_location};</li>
 * <li>on a failure (the capacity check included), if attempts remain the row is released ({@code host} null,
 * still {@code creating}) and the request goes back to the scheduler with the retry info recording this pool;
 * otherwise the row becomes {@code error} with the reason.</li>
 * </ol>
 * Thread-safe: no state of its own beyond the guard; the database guards make concurrent redeliveries harmless.
 */
public class VolumeCreator {

	private static final Logger log = LoggerFactory.getLogger(VolumeCreator.class);

	/** Timer of create → available: now − {@code volumes.created_at}, recorded when a row becomes available. */
	public static final String CREATE_LATENCY = "basalt.volume.create.latency";

	private final BackendContext backend;

	private final SchedulerRpcApi scheduler;

	private final CapacityGuard guard;

	private final int maxAttempts;

	private final Timer createLatency;

	/** As {@link #VolumeCreator(BackendContext, SchedulerRpcApi, CapacityGuard, int, MeterRegistry)}, unmetered. */
	public VolumeCreator(BackendContext backend, SchedulerRpcApi scheduler, CapacityGuard guard, int maxAttempts) {
		this(backend, scheduler, guard, maxAttempts, null);
	}

	/**
	 * @param maxAttempts the scheduler's {@code scheduler_max_attempts}: a create is tried on at most this many
	 * pools (1 = never rescheduled)
	 * @param meters where {@value #CREATE_LATENCY} (tag {@code backend}) is recorded, or null for nowhere
	 */
	public VolumeCreator(BackendContext backend, SchedulerRpcApi scheduler, CapacityGuard guard, int maxAttempts,
			MeterRegistry meters) {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("max attempts must be >= 1: " + maxAttempts);
		}
		this.backend = backend;
		this.scheduler = scheduler;
		this.guard = guard;
		this.maxAttempts = maxAttempts;
		this.createLatency = (meters == null) ? null
				: Timer.builder(CREATE_LATENCY)
					.description("Time from the volume's creation in the API (created_at) until it became available")
					.tag("backend", backend.backend())
					.publishPercentileHistogram()
					.minimumExpectedValue(Duration.ofMillis(10))
					.maximumExpectedValue(Duration.ofMinutes(10))
					.register(meters);
	}

	/** Creates the volume if its row says so; see the class comment for the rules. */
	public Outcome create(RequestContext context, String volumeId, RequestSpec requestSpec,
			FilterProperties filterProperties) {
		VolumeRecord volume = this.backend.volumes().find(volumeId).orElse(null);
		if (volume == null || volume.deleted() || !VolumeStatus.CREATING.wire().equals(volume.status())
				|| !this.backend.owns(volume)) {
			log.info("create_volume {}: nothing to do here (row: {})", volumeId, volume);
			return Outcome.SKIPPED;
		}
		DriverVolume target = this.backend.driverVolume(volume).withQosSpecs(backEndQos(requestSpec));
		CreatedVolume created;
		try (Reservation reservation = this.guard.reserve(this.backend.driver().stats(false), target.pool(),
				target.sizeGb())) {
			created = createOnDriver(volume, target);
		}
		catch (RuntimeException ex) {
			return failed(context, volume, target, requestSpec, filterProperties, ex);
		}
		this.backend.notifier().capacityChanged();
		Instant now = this.backend.clock().instant();
		Optional<Instant> createdAt = this.backend.volumes()
			.markAvailable(volumeId, volume.host(), created.providerLocation(), now);
		if (createdAt.isEmpty()) {
			// The row moved on while we worked (e.g. a forced delete); the delete that follows removes the volume.
			log.warn("create_volume {}: created, but the row is no longer creating on {}", volumeId, volume.host());
			return Outcome.SKIPPED;
		}
		if (this.createLatency != null) {
			Duration latency = Duration.between(createdAt.get(), now);
			this.createLatency.record(latency.isNegative() ? Duration.ZERO : latency);
		}
		log.info("create_volume {}: available on {} ({} GiB)", volumeId, volume.host(), volume.size());
		return Outcome.SUCCESS;
	}

	/** The back-end QoS keys of the request's type (the API put only back-end and both consumers' there). */
	private static java.util.Map<String, String> backEndQos(RequestSpec requestSpec) {
		return (requestSpec != null && requestSpec.volumeType() != null) ? requestSpec.volumeType().qosSpecs()
				: java.util.Map.of();
	}

	/**
	 * The driver's create for the row's source: a copy of the snapshot ({@code snapshot_id}), of the source volume
	 * ({@code source_volid}), or an empty volume. The source must be on this backend (the API asks the scheduler
	 * for its backend); a source gone or elsewhere fails the create (and so reschedules or errs).
	 */
	private CreatedVolume createOnDriver(VolumeRecord volume, DriverVolume target) {
		if (volume.snapshotId() != null) {
			SnapshotRecord snapshot = this.backend.snapshots().find(volume.snapshotId())
				.filter(s -> !s.deleted() && this.backend.owns(s.volume()))
				.orElseThrow(() -> new DriverException("snapshot " + volume.snapshotId()
						+ " is not available on " + this.backend.backend()));
			return this.backend.driver().createVolumeFromSnapshot(target,
					new DriverSnapshot(snapshot.id(), this.backend.driverVolume(snapshot.volume())));
		}
		if (volume.sourceVolid() != null) {
			VolumeRecord source = this.backend.volumes().find(volume.sourceVolid())
				.filter(v -> !v.deleted() && this.backend.owns(v))
				.orElseThrow(() -> new DriverException("source volume " + volume.sourceVolid()
						+ " is not available on " + this.backend.backend()));
			return this.backend.driver().createClonedVolume(target, this.backend.driverVolume(source));
		}
		return this.backend.driver().createVolume(target);
	}

	private Outcome failed(RequestContext context, VolumeRecord volume, DriverVolume target, RequestSpec requestSpec,
			FilterProperties filterProperties, RuntimeException error) {
		String reason = (error.getMessage() != null) ? error.getMessage() : error.toString();
		log.warn("create_volume {} failed on {}: {}", volume.id(), volume.host(), reason);
		cleanUp(target);
		RetryInfo retry = (filterProperties != null) ? filterProperties.retry() : RetryInfo.FIRST;
		if (requestSpec != null && retry.numAttempts() < this.maxAttempts) {
			return reschedule(context, volume, requestSpec, retry.next(volume.host(), reason));
		}
		String why = (this.maxAttempts > 1)
				? "create failed after " + retry.numAttempts() + " of " + this.maxAttempts + " attempts: " + reason
				: "create failed: " + reason;
		boolean marked = this.backend.volumes()
			.markCreateFailed(volume.id(), volume.host(), why, context.requestId(), this.backend.clock().instant());
		return marked ? Outcome.FAILURE : Outcome.SKIPPED;
	}

	private Outcome reschedule(RequestContext context, VolumeRecord volume, RequestSpec requestSpec,
			RetryInfo next) {
		if (!this.backend.volumes().releaseForReschedule(volume.id(), volume.host(), this.backend.clock().instant())) {
			log.info("create_volume {}: row changed meanwhile, not rescheduling", volume.id());
			return Outcome.SKIPPED;
		}
		try {
			this.scheduler.createVolume(context, requestSpec, new FilterProperties(next));
		}
		catch (RuntimeException ex) {
			// The row is released (host null): without the cast nobody would pick it up again.
			this.backend.volumes()
				.markFailed(volume.id(), VolumeStatus.CREATING.wire(), null, VolumeStatus.ERROR.wire(), "reschedule failed: " + ex.getMessage(),
						this.backend.clock().instant());
			log.error("create_volume {}: reschedule cast failed", volume.id(), ex);
			return Outcome.FAILURE;
		}
		log.info("create_volume {}: rescheduled (attempt {} next, tried {})", volume.id(), next.numAttempts(),
				next.backends());
		return Outcome.RESCHEDULED;
	}

	/** Removes whatever a failed create may have left; the driver's delete is idempotent. */
	private void cleanUp(DriverVolume target) {
		try {
			this.backend.driver().deleteVolume(target);
		}
		catch (RuntimeException ex) {
			log.warn("create_volume {}: clean-up after failure failed: {}", target.id(), ex.toString());
		}
	}

}
