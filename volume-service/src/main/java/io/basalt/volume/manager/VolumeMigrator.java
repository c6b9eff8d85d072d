package io.basalt.volume.manager;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.basalt.common.message.MessageField;
import io.basalt.common.state.MigrationStatus;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.volume.MigrationStore;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.volume.driver.CreatedVolume;
import io.basalt.volume.driver.DriverVolume;
import io.basalt.volume.manager.CapacityGuard.Reservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both sides of a volume migration (Cinder's generic host-copy migration, {@code _migrate_volume_generic}):
 * <ul>
 * <li><b>source</b> ({@code migrate_volume}, cast by the scheduler once it checked or chose the destination): the
 * row must be {@code starting} on this backend → {@code migrating}; the source driver exposes the volume (its
 * {@code local} device path, or none); the destination is <em>called</em> to create a new volume under a fresh
 * name id and copy the data into it; then one guarded update swaps the row to the destination ({@code host},
 * {@code _name_id}, {@code provider_location}, the new type of a retype, {@code success}) and the old storage is
 * deleted here. Any failure before the swap ends the migration in {@code error} on the old backend (status back,
 * quota of a retype back, a user message) — never stuck in {@code migrating}.</li>
 * <li><b>destination</b> ({@code create_migration_volume}, a call): the capacity is checked locally, the driver
 * creates the volume from the source's device; a failure removes what it made and is returned to the caller.</li>
 * </ul>
 * Redeliveries: the source acts only on {@code starting} (so a redelivered cast does nothing once taken); the
 * destination's create is idempotent (same name id, same size).
 * <p>
 * Thread-safe (stateless apart from its collaborators).
 */
public class VolumeMigrator {

	private static final Logger log = LoggerFactory.getLogger(VolumeMigrator.class);

	private final BackendContext backend;

	private final MigrationStore migrations;

	private final VolumeRpcApi volumeRpc;

	private final CapacityGuard guard;

	private final Duration copyTimeout;

	/**
	 * @param copyTimeout how long the source waits for the destination's create and copy
	 */
	public VolumeMigrator(BackendContext backend, MigrationStore migrations, VolumeRpcApi volumeRpc,
			CapacityGuard guard, Duration copyTimeout) {
		this.backend = backend;
		this.migrations = migrations;
		this.volumeRpc = volumeRpc;
		this.guard = guard;
		this.copyTimeout = copyTimeout;
	}

	/** The source side; see the class. */
	public Outcome migrate(RequestContext context, String volumeId, String destinationHost, String newTypeId) {
		VolumeRecord volume = this.backend.volumes().find(volumeId).orElse(null);
		if (volume == null || volume.deleted() || !this.backend.owns(volume)
				|| !this.migrations.start(volumeId, volume.host(), this.backend.clock().instant())) {
			log.info("migrate_volume {}: nothing to do here (row: {})", volumeId, volume);
			return Outcome.SKIPPED;
		}
		DriverVolume source = this.backend.driverVolume(volume);
		String nameId = UUID.randomUUID().toString();
		String location;
		try {
			Optional<Path> device = this.backend.driver().localDevicePath(source);
			location = this.volumeRpc.createMigrationVolume(context, destinationHost, volumeId, nameId,
					volume.size(), device.map(Path::toString).orElse(null), this.copyTimeout);
		}
		catch (RuntimeException ex) {
			log.warn("migrate_volume {} to {} failed: {}", volumeId, destinationHost, ex.toString());
			return fail(context, volume, newTypeId, "migration to " + destinationHost + " failed: " + ex.getMessage());
		}
		if (!this.migrations.complete(volumeId, volume.host(), destinationHost, nameId, location, newTypeId,
				this.backend.clock().instant())) {
			// The row moved on meanwhile (an admin reset): the new copy is left to the destination's owner.
			log.warn("migrate_volume {}: copied to {} as {}, but the row is no longer migrating here", volumeId,
					destinationHost, nameId);
			return Outcome.SKIPPED;
		}
		try {
			this.backend.driver().deleteVolume(source);
		}
		catch (RuntimeException ex) {
			log.warn("migrate_volume {}: the old copy {} could not be deleted: {}", volumeId, source.id(),
					ex.toString());
		}
		this.backend.notifier().capacityChanged();
		log.info("migrate_volume {}: moved from {} to {} (name id {})", volumeId, volume.host(), destinationHost,
				nameId);
		return Outcome.SUCCESS;
	}

	/** The destination side; returns the new volume's provider location. */
	public String createMigrationVolume(String volumeId, String nameId, int size, String host, String devicePath) {
		if (!this.backend.backend().equals(VolumeRpcApi.backendOf(host))) {
			throw new IllegalArgumentException("create_migration_volume for " + host + " arrived at "
					+ this.backend.backend());
		}
		DriverVolume target = this.backend.driverVolume(new VolumeRecord(nameId, size, VolumeStatus.CREATING.wire(), host, null,
				false));
		try (Reservation reservation = this.guard.reserve(this.backend.driver().stats(false), target.pool(), size)) {
			CreatedVolume created = this.backend.driver()
				.createVolumeFromDevice(target, (devicePath != null) ? Path.of(devicePath) : null);
			this.backend.notifier().capacityChanged();
			log.info("create_migration_volume {}: created {} on {} from {}", volumeId, nameId, host, devicePath);
			return created.providerLocation();
		}
		catch (RuntimeException ex) {
			try {
				this.backend.driver().deleteVolume(target);
			}
			catch (RuntimeException cleanup) {
				log.warn("create_migration_volume {}: clean-up of {} failed: {}", volumeId, nameId, cleanup.toString());
			}
			throw ex;
		}
	}

	private Outcome fail(RequestContext context, VolumeRecord volume, String newTypeId, String reason) {
		return this.migrations.fail(volume.id(), volume.host(), List.of(MigrationStatus.MIGRATING.wire()), newTypeId, reason,
				context.requestId(), MessageField.Action.SCHEDULE_ALLOCATE_VOLUME, MessageField.Detail.UNKNOWN_ERROR,
				this.backend.clock().instant()) ? Outcome.FAILURE : Outcome.SKIPPED;
	}

}
