package io.basalt.api.volume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.basalt.api.quota.QuotaEngine;
import io.basalt.api.service.ServiceRecord;
import io.basalt.api.service.ServiceStore;
import io.basalt.api.type.VolumeType;
import io.basalt.api.type.VolumeTypeService;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.service.BasaltServiceProperties;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.state.WireStatus;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The API side of volume migration, as Cinder Zed's {@code volume/api.py}:
 * <ul>
 * <li>{@code os-migrate_volume {"host", "force_host_copy"?, "lock_volume"?}} (admin): the host must name an enabled
 * volume service that is up (400 {@code Invalid host: No available service named '<host>'}); one guarded update
 * (status {@code available}/{@code in-use}, no active migration, no snapshot, another backend, else 400 with
 * Cinder's one long {@code Invalid volume} text) sets {@code migration_status=starting} (and {@code maintenance}
 * with {@code lock_volume}); then {@code migrate_volume} is cast to the scheduler, which checks the host with its
 * filters;</li>
 * <li>{@code os-retype} when the new type needs another backend and the policy allows migration
 * ({@link #retype}): the same start, status {@code retyping}, and the per-type quota moved to the new type in the
 * same transaction (413 when its limits refuse; Cinder reserves it here); the scheduler chooses the backend.</li>
 * </ul>
 * The rest ({@code migrating} → {@code success}/{@code error}) belongs to the scheduler and the volume service
 * ({@code io.basalt.common.volume.MigrationStore}). The start (and the quota move) and the cast commit together,
 * the cast through the outbox ({@code io.basalt.api.outbox.CastOutbox}): while the broker is away the request still
 * succeeds and the outbox relay sends the cast later, as for every cast. Thread-safe.
 */
@Component
class VolumeMigration {

	private static final List<String> MIGRATABLE = WireStatus.wireList(VolumeStatus.MIGRATABLE);

	private final VolumeActionStore actions;

	private final QuotaEngine quotas;

	private final VolumeTypeService types;

	private final ServiceStore services;

	private final SchedulerRpcApi scheduler;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final BasaltServiceProperties serviceProperties;

	VolumeMigration(VolumeActionStore actions, QuotaEngine quotas, VolumeTypeService types, ServiceStore services,
			SchedulerRpcApi scheduler, TransactionOperations transactions, Clock clock,
			BasaltServiceProperties serviceProperties) {
		this.actions = actions;
		this.quotas = quotas;
		this.types = types;
		this.services = services;
		this.scheduler = scheduler;
		this.transactions = transactions;
		this.clock = clock;
		this.serviceProperties = serviceProperties;
	}

	/** {@code os-migrate_volume}. */
	void migrate(ApiRequest req, VolumeRecord v, Map<String, Object> args) {
		RequestBodies.onlyKeys(args, Set.of("host", "force_host_copy", "lock_volume"));
		if (args.get("host") == null) {
			throw RequestBodies.invalid("os-migrate_volume", args, "'host' is a required property");
		}
		String host = RequestBodies.string(args, "host", 1, 255, false);
		boolean force = Boolean.TRUE.equals(RequestBodies.bool(args, "force_host_copy"));
		boolean lock = Boolean.TRUE.equals(RequestBodies.bool(args, "lock_volume"));
		String backend = VolumeRpcApi.backendOf(host);
		if (!serviceUp(backend)) {
			throw ApiException.badRequest("Invalid host: No available service named '" + host + "'");
		}
		VolumeType type = this.types.find(v.volumeTypeId());
		// the migration's start and the cast (through the outbox) commit together
		this.transactions.executeWithoutResult(s -> {
			if (!this.actions.startMigration(v.id(), MIGRATABLE, null, backend, lock ? VolumeStatus.MAINTENANCE.wire() : null, null,
					this.clock.instant())) {
				throw ApiException.badRequest("Invalid volume: Volume " + v.id() + " status must be available or "
						+ "in-use, must not be migrating, have snapshots, be replicated, be part of a group and "
						+ "destination host/cluster must be different than the current one");
			}
			this.scheduler.migrateVolume(req.context(),
					new SchedulerRpcApi.MigrateVolumeArgs(v.id(), v.host(), host, force, null, spec(v, type)));
		});
	}

	/**
	 * {@code os-retype} to a type of another backend, migration allowed: checked by {@link VolumeRetype} already
	 * (status, migration, type); refused when the volume has snapshots (Cinder's manager says {@code Volume must
	 * not have snapshots.}) or is attached (moving an attached volume needs the compute service).
	 */
	void retype(ApiRequest req, VolumeRecord v, VolumeType target) {
		if (!VolumeStatus.AVAILABLE.is(v.status())) {
			throw ApiException.badRequest("Invalid volume: Retype of an attached volume to another backend is not "
					+ "supported; detach it first.");
		}
		this.transactions.executeWithoutResult(s -> {
			if (!this.actions.startMigration(v.id(), List.of(VolumeStatus.AVAILABLE.wire()), v.volumeTypeId(), null,
					VolumeStatus.RETYPING.wire(), target.id(), this.clock.instant())) {
				throw ApiException.badRequest("Invalid volume: Retype needs volume to be in available or in-use "
						+ "state, not be part of an active migration, have no snapshots (Volume must not have "
						+ "snapshots.), and the requested type has to be different than the one of the volume.");
			}
			if (v.useQuota()) {
				this.quotas.apply(v.projectId(), VolumeApi.retypeQuotaDeltas(v, target.name()));
			}
			this.scheduler.migrateVolume(req.context(), new SchedulerRpcApi.MigrateVolumeArgs(v.id(), v.host(), null,
					false, target.id(), spec(v, target)));
		});
	}

	/**
	 * {@code os-migrate_volume_completion {"new_volume", "error"?}} (admin), Cinder's checks: the new volume must
	 * exist (404); neither migrating → its id is returned ({@code save_volume_id}, Cinder's answer when the compute
	 * service swapped volumes outside a migration); otherwise the source must be mid-migration (400 {@code Source
	 * volume not mid-migration.}) and the new volume its target ({@code migration_status=target:<id>}, else 400).
	 * Basalt's migrations complete inside the volume service and create no target rows, so a request that passes
	 * these checks (a target status set by hand) is refused with 400 too.
	 */
	Map<String, Object> completion(ApiRequest req, VolumeRecord v, Map<String, Object> args,
			Function<String, VolumeRecord> lookup) {
		RequestBodies.onlyKeys(args, Set.of("new_volume", "error"));
		if (args.get("new_volume") == null) {
			throw RequestBodies.invalid("os-migrate_volume_completion", args, "'new_volume' is a required property");
		}
		String newId = RequestBodies.string(args, "new_volume", 1, 36, false);
		boolean error = Boolean.TRUE.equals(RequestBodies.bool(args, "error"));
		VolumeRecord target = lookup.apply(newId);
		if (v.migrationStatus() == null && target.migrationStatus() == null) {
			return Map.of("save_volume_id", target.id());
		}
		if (v.migrationStatus() == null) {
			throw ApiException.badRequest("Invalid volume: Source volume not mid-migration.");
		}
		if (target.migrationStatus() == null) {
			throw ApiException.badRequest("Invalid volume: Destination volume not mid-migration.");
		}
		String expected = "target:" + v.id();
		if (!expected.equals(target.migrationStatus())) {
			throw ApiException.badRequest("Invalid volume: Destination has migration_status "
					+ target.migrationStatus() + ", expected " + expected + ".");
		}
		throw ApiException.badRequest("Invalid volume: Volume " + v.id() + " is migrated by the volume service; "
				+ "completion by the compute service is not supported" + (error ? " (error reported)." : "."));
	}

	private static RequestSpec spec(VolumeRecord v, VolumeType type) {
		return new RequestSpec(v.id(), v.projectId(), v.size(), type.toSpec(), v.availabilityZone(), null, null, null);
	}

	/** Whether {@code backend} ({@code host@backend}) is an enabled volume service that reported lately. */
	private boolean serviceUp(String backend) {
		Instant now = this.clock.instant();
		for (ServiceRecord s : this.services.find(backend, VolumeRpcApi.BINARY, true)) {
			if (s.host().equals(backend) && Duration.between(s.lastSeen(), now).abs()
				.compareTo(this.serviceProperties.serviceDownTime()) <= 0) {
				return true;
			}
		}
		return false;
	}

}
