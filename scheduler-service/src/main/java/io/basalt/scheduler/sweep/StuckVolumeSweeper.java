package io.basalt.scheduler.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.message.MessageField;
import io.basalt.common.service.PeriodicTask;
import io.basalt.common.state.GroupStatus;
import io.basalt.common.state.MigrationStatus;
import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.volume.MigrationStore;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.scheduler.host.HostManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;

/**
 * The safety net behind "no volume is ever stuck": every {@code interval} it claims volumes that have not
 * changed for {@code stuckAfter} and sends their work again. Every receiver is idempotent, so sending twice
 * is harmless, while a message lost anywhere (a scheduler that died between placing a volume and casting to
 * its backend, a volume service that died between releasing a volume and asking for a reschedule, a backend
 * that never comes back) no longer leaves a volume in a transitional status forever.
 * <ul>
 * <li>{@code creating} without a host → {@code create_volume} to the scheduler topic (placed afresh);</li>
 * <li>{@code creating} on a backend whose service is up → {@code create_volume} to that backend again;</li>
 * <li>{@code creating} on a backend that is down, disabled or unknown → the host is taken away, so the next
 * sweep places it elsewhere;</li>
 * <li>{@code deleting} on a live backend → {@code delete_volume} again;</li>
 * <li>{@code extending} on a live backend → {@code extend_volume} to the size the api accepted
 * ({@code extend_to_size}) again (the volume service extends to that size and re-checks the pool's room);</li>
 * <li>a snapshot {@code creating} or {@code deleting} whose volume's backend is live → {@code create_snapshot} or
 * {@code delete_snapshot} to that backend again (the api casts them after its commit: an api that died in
 * between, or a volume service that died with the message, would otherwise leave them there for good).</li>
 * <li>{@code reverting} on a live backend → {@code revert_to_snapshot} again, to the volume's snapshot in
 * {@code restoring};</li>
 * <li>a group {@code creating} without a host → {@code create_group} to the scheduler topic (placed afresh, its
 * request rebuilt from the group's types);</li>
 * <li>a group {@code creating} (placed) or {@code deleting} on a live backend → {@code create_group} (or
 * {@code create_group_from_src} for a group made from a source) or {@code delete_group} again; a group snapshot
 * {@code creating} or {@code deleting} whose group's backend is live → {@code create_group_snapshot} or
 * {@code delete_group_snapshot} again.</li>
 * <li>a migration {@code starting} (no scheduler or source backend took it) → ended in {@code error} with a reason
 * and a user message, its status and a retype's per-type quota put back ({@link MigrationStore#fail}); a guarded
 * update, so only one sweeper ends it; the same for a migration {@code migrating} whose source backend is down
 * (after {@code stuckAfter}) or that passed {@code migratingStuckAfter} (its copy may still run until then);</li>
 * <li>a group {@code updating} → {@code error} (the volumes to add and remove are not stored, so the update cannot
 * be sent again; groups have no reason column nor user messages, so the reason is logged).</li>
 * </ul>
 * A backend that is down keeps its volumes and snapshots in {@code deleting}, {@code reverting} (and its snapshots
 * in {@code creating}), and its groups and group snapshots as they are, until it is back: only it holds their data
 * and knows how far it got. Every receiver acts only on the status it expects, so a copy is harmless.
 * Runs on Spring's task scheduler; one sweep at a time per process, several schedulers share the work through
 * {@link StuckVolumeStore}'s claims.
 */
public class StuckVolumeSweeper extends PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(StuckVolumeSweeper.class);

	private final StuckVolumeStore store;

	private final HostManager hostManager;

	private final SchedulerRpcApi schedulerRpc;

	private final VolumeRpcApi volumeRpc;

	private final Clock clock;

	private final SweeperProperties properties;

	private final Duration serviceDownTime;

	private final Counter resent;

	private final Counter resentSnapshots;

	private final Counter resentGroups;

	private final MigrationStore migrations;

	private final Counter failedMigrations;

	private final Counter failedGroups;

	public StuckVolumeSweeper(StuckVolumeStore store, MigrationStore migrations, HostManager hostManager,
			SchedulerRpcApi schedulerRpc, VolumeRpcApi volumeRpc, TaskScheduler taskScheduler, Clock clock,
			SweeperProperties properties, Duration serviceDownTime, MeterRegistry meterRegistry) {
		super(taskScheduler, properties.interval(), properties.interval());
		this.store = store;
		this.migrations = migrations;
		this.hostManager = hostManager;
		this.schedulerRpc = schedulerRpc;
		this.volumeRpc = volumeRpc;
		this.clock = clock;
		this.properties = properties;
		this.serviceDownTime = serviceDownTime;
		this.resent = Counter.builder("basalt.scheduler.sweeper.resent")
			.description("Volumes whose work the stuck-volume sweeper sent again")
			.register(meterRegistry);
		this.resentSnapshots = Counter.builder("basalt.scheduler.sweeper.snapshots.resent")
			.description("Snapshots whose work the stuck-volume sweeper sent again")
			.register(meterRegistry);
		this.resentGroups = Counter.builder("basalt.scheduler.sweeper.groups.resent")
			.description("Groups and group snapshots whose work the stuck-volume sweeper sent again")
			.register(meterRegistry);
		this.failedMigrations = Counter.builder("basalt.scheduler.sweeper.migrations.failed")
			.description("Migrations the stuck-volume sweeper ended in error (stuck in starting, or in migrating "
					+ "on a down source backend or past migrating-stuck-after)")
			.register(meterRegistry);
		this.failedGroups = Counter.builder("basalt.scheduler.sweeper.groups.failed")
			.description("Groups the stuck-volume sweeper moved to error because they were stuck in updating")
			.register(meterRegistry);
	}

	/** One look: claims stuck volumes and sends their work again. */
	public void sweep() {
		Instant now = this.clock.instant();
		Instant cutoff = now.minus(this.properties.stuckAfter());
		for (StuckVolume v : this.store.claim(VolumeStatus.CREATING.wire(), cutoff, now, this.properties.batch())) {
			resendCreate(v, now);
		}
		for (StuckVolume v : this.store.claim(VolumeStatus.DELETING.wire(), cutoff, now, this.properties.batch())) {
			if (v.host() != null && backendIsLive(v.host(), now)) {
				log.warn("Volume {} is stuck in deleting on {}: sending delete_volume again", v.id(), v.host());
				this.volumeRpc.deleteVolume(RequestContext.admin(), v.host(), v.id());
				this.resent.increment();
			}
		}
		for (String status : List.of(SnapshotStatus.CREATING.wire(), SnapshotStatus.DELETING.wire())) {
			for (StuckSnapshot s : this.store.claimSnapshots(status, cutoff, now, this.properties.batch())) {
				resendSnapshot(s, now);
			}
		}
		for (StuckRevert v : this.store.claimReverting(cutoff, now, this.properties.batch())) {
			if (v.host() != null && v.snapshotId() != null && backendIsLive(v.host(), now)) {
				log.warn("Volume {} is stuck in reverting on {}: sending revert_to_snapshot {} again", v.id(),
						v.host(), v.snapshotId());
				this.volumeRpc.revertToSnapshot(RequestContext.admin(), v.host(), v.id(), v.snapshotId());
				this.resent.increment();
			}
		}
		sweepGroups(cutoff, now);
		for (StuckMigration m : this.store.startingMigrations(cutoff, this.properties.batch())) {
			failMigration(m, MigrationStatus.STARTING, "Migration did not start within "
					+ this.properties.stuckAfter().toSeconds() + " s (no scheduler or source backend took it)", now);
		}
		sweepMigrating(cutoff, now);
		for (StuckExtend v : this.store.claimExtending(cutoff, now, this.properties.batch())) {
			if (v.host() != null && v.extendToSize() != null && backendIsLive(v.host(), now)) {
				log.warn("Volume {} is stuck in extending on {}: sending extend_volume to {} GiB again", v.id(),
						v.host(), v.extendToSize());
				this.volumeRpc.extendVolume(RequestContext.admin(), v.host(), v.id(), v.extendToSize());
				this.resent.increment();
			}
		}
	}

	private void sweepGroups(Instant cutoff, Instant now) {
		for (StuckGroup g : this.store.failUpdatingGroups(cutoff, now, this.properties.batch())) {
			log.warn("Group {} on {} was stuck in updating for over {} s: moved to error (the volumes to add and "
					+ "remove are not stored, so update_group cannot be sent again)", g.id(), g.host(),
					this.properties.stuckAfter().toSeconds());
			this.failedGroups.increment();
		}
		for (String status : List.of(GroupStatus.CREATING.wire(), GroupStatus.DELETING.wire())) {
			for (StuckGroup g : this.store.claimGroups(status, cutoff, now, this.properties.batch())) {
				if (g.host() == null && status.equals(GroupStatus.CREATING.wire())) {
					placeGroupAgain(g);
					continue;
				}
				if (g.host() == null || !backendIsLive(g.host(), now)) {
					continue;
				}
				log.warn("Group {} is stuck in {} on {}: sending its work again", g.id(), status, g.host());
				if (status.equals(GroupStatus.DELETING.wire())) {
					this.volumeRpc.deleteGroup(RequestContext.admin(), g.host(), g.id());
				}
				else if (g.fromSource()) {
					this.volumeRpc.createGroupFromSrc(RequestContext.admin(), g.host(), g.id());
				}
				else {
					this.volumeRpc.createGroup(RequestContext.admin(), g.host(), g.id());
				}
				this.resentGroups.increment();
			}
			for (StuckGroup s : this.store.claimGroupSnapshots(status, cutoff, now, this.properties.batch())) {
				if (s.host() == null || !backendIsLive(s.host(), now)) {
					continue;
				}
				log.warn("Group snapshot {} is stuck in {} on {}: sending its work again", s.id(), status, s.host());
				if (status.equals(GroupStatus.DELETING.wire())) {
					this.volumeRpc.deleteGroupSnapshot(RequestContext.admin(), s.host(), s.id());
				}
				else {
					this.volumeRpc.createGroupSnapshot(RequestContext.admin(), s.host(), s.id());
				}
				this.resentGroups.increment();
			}
		}
	}

	/**
	 * Migrations in {@code migrating}: past {@code migratingStuckAfter} every one is ended; past {@code stuckAfter}
	 * only those whose source backend (which runs the copy) is down, disabled or unknown. The first look ends its
	 * rows, so the second does not see them again.
	 */
	private void sweepMigrating(Instant cutoff, Instant now) {
		Duration deadline = this.properties.migratingStuckAfter();
		for (StuckMigration m : this.store.migratingMigrations(now.minus(deadline), this.properties.batch())) {
			failMigration(m, MigrationStatus.MIGRATING, "Migration did not finish within " + deadline.toSeconds()
					+ " s (basalt.scheduler.sweeper.migrating-stuck-after)", now);
		}
		for (StuckMigration m : this.store.migratingMigrations(cutoff, this.properties.batch())) {
			if (m.host() != null && !backendIsLive(m.host(), now)) {
				failMigration(m, MigrationStatus.MIGRATING, "Migration stopped: its source backend "
						+ HostManager.backendOf(m.host()) + " is down", now);
			}
		}
	}

	private void failMigration(StuckMigration m, MigrationStatus from, String reason, Instant now) {
		if (this.migrations.fail(m.id(), m.host(), List.of(from.wire()), m.newTypeId(), reason,
				RequestContext.admin().requestId(), MessageField.Action.SCHEDULE_ALLOCATE_VOLUME,
				MessageField.Detail.UNKNOWN_ERROR, now)) {
			log.warn("Volume {}: migration stuck in {}, ended in error: {}", m.id(), from.wire(), reason);
			this.failedMigrations.increment();
		}
	}

	private void placeGroupAgain(StuckGroup g) {
		RequestSpec request = this.store.groupRequest(g.id());
		if (request == null) {
			return;
		}
		log.warn("Group {} is stuck in creating without a host: scheduling it again", g.id());
		this.schedulerRpc.createGroup(RequestContext.admin(), request, FilterProperties.FIRST_ATTEMPT);
		this.resentGroups.increment();
	}

	private void resendSnapshot(StuckSnapshot s, Instant now) {
		if (s.volumeHost() == null || !backendIsLive(s.volumeHost(), now)) {
			return;
		}
		log.warn("Snapshot {} is stuck in {} on {}: sending {}_snapshot again", s.id(), s.status(), s.volumeHost(),
				s.status().equals(SnapshotStatus.CREATING.wire()) ? "create" : "delete");
		if (s.status().equals(SnapshotStatus.CREATING.wire())) {
			this.volumeRpc.createSnapshot(RequestContext.admin(), s.volumeHost(), s.id());
		}
		else {
			this.volumeRpc.deleteSnapshot(RequestContext.admin(), s.volumeHost(), s.id());
		}
		this.resentSnapshots.increment();
	}

	@Override
	protected void runOnce() {
		sweep();
	}

	@Override
	protected boolean enabled() {
		return this.properties.enabled();
	}

	private void resendCreate(StuckVolume v, Instant now) {
		if (v.host() == null) {
			log.warn("Volume {} is stuck in creating without a host: scheduling it again", v.id());
			this.schedulerRpc.createVolume(RequestContext.admin(), v.requestSpec(), FilterProperties.FIRST_ATTEMPT);
			this.resent.increment();
		}
		else if (backendIsLive(v.host(), now)) {
			log.warn("Volume {} is stuck in creating on {}: sending create_volume again", v.id(), v.host());
			this.volumeRpc.createVolume(RequestContext.admin(), v.host(), v.requestSpec(),
					FilterProperties.FIRST_ATTEMPT);
			this.resent.increment();
		}
		else if (this.store.release(v.id(), v.host(),
				"Backend " + HostManager.backendOf(v.host()) + " is down; placing the volume again", now)) {
			log.warn("Volume {} is stuck in creating on {}, which is down: released for rescheduling", v.id(),
					v.host());
		}
	}

	private boolean backendIsLive(String host, Instant now) {
		return this.hostManager.serviceStatus(HostManager.backendOf(host))
			.filter(s -> !s.disabled() && s.isUp(now, this.serviceDownTime))
			.isPresent();
	}

}
