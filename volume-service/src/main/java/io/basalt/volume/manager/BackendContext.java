package io.basalt.volume.manager;

import java.time.Clock;
import java.util.Objects;

import io.basalt.volume.driver.DriverVolume;
import io.basalt.volume.driver.VolumeDriver;

/**
 * What the manager's parts share about the one backend they serve.
 *
 * @param backend {@code host@backend}, the RPC server name and the {@code services} host
 * @param driver the backend's driver (set up and checked)
 * @param volumes the volume rows
 * @param snapshots the snapshot rows
 * @param notifier the backend's capability reporter
 * @param clock the clock for timestamps
 */
public record BackendContext(String backend, VolumeDriver driver, VolumeStore volumes, SnapshotStore snapshots,
		CapabilityNotifier notifier, Clock clock) {

	public BackendContext {
		Objects.requireNonNull(backend, "backend");
		Objects.requireNonNull(driver, "driver");
		Objects.requireNonNull(volumes, "volumes");
		Objects.requireNonNull(snapshots, "snapshots");
		notifier = (notifier != null) ? notifier : CapabilityNotifier.NONE;
		clock = (clock != null) ? clock : Clock.systemUTC();
	}

	/** Whether a volume row is placed on this backend. */
	public boolean owns(VolumeRecord volume) {
		return this.backend.equals(volume.backend());
	}

	/**
	 * The driver's view of a volume row: named by its {@linkplain VolumeRecord#storageId() storage id}; a host
	 * without {@code #pool} means the backend's default pool.
	 */
	public DriverVolume driverVolume(VolumeRecord volume) {
		return new DriverVolume(volume.storageId(), volume.size(), volume.pool(defaultPool()), volume.providerLocation());
	}

	/** The pool of hosts written without {@code #pool}: the backend's first pool (Cinder's default pool). */
	public String defaultPool() {
		var stats = this.driver.stats(false);
		return stats.pools().isEmpty() ? stats.volumeBackendName() : stats.pools().get(0).poolName();
	}

}
