package io.basalt.volume.driver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import java.util.Map;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.volume.ConnectionInfo;

/**
 * A storage backend as the volume manager sees it (Cinder's {@code VolumeDriver} interface). One instance serves
 * one backend ({@code host@backend}).
 * <p>
 * <b>Lifecycle</b>, driven by the volume service:
 * <ol>
 * <li>{@link #setUp()} — once, before anything else: connect, create directories, load state;</li>
 * <li>{@link #checkForSetupError()} — once, after set-up: fail if the backend cannot serve (the backend is then
 * not started);</li>
 * <li>the operations {@link #createVolume}, {@link #deleteVolume}, {@link #extendVolume},
 * {@link #createSnapshot}, {@link #deleteSnapshot}, the copies ({@link #createVolumeFromSnapshot},
 * {@link #createClonedVolume}, {@link #revertToSnapshot}, {@link #createVolumeFromDevice}),
 * {@link #initializeConnection}, {@link #terminateConnection}, and {@link #stats(boolean)} — any number of times, from
 * several threads at once; meanwhile {@link #reconcile()} every {@link #reconcileInterval()} (if not zero), on a
 * scheduler thread;</li>
 * <li>{@link #close()} — once, when the service stops.</li>
 * </ol>
 * <b>Idempotency.</b> RPC messages are delivered at least once, so every operation must be safe to repeat:
 * creating a volume or snapshot that already exists with the same size succeeds, deleting one that is missing
 * succeeds, extending a volume to the size it already has succeeds, initializing a connection twice answers the
 * same, terminating one that does not exist succeeds.
 * <p>
 * <b>Threading.</b> Implementations are thread-safe; operations on different volumes may run concurrently, and the
 * manager never runs two operations on the same volume at once on purpose (a redelivery may overlap, which the
 * idempotency rules make harmless).
 * <p>
 * <b>Failures</b> are reported as {@link DriverException}; {@link InsufficientCapacityException} says the pool
 * cannot hold the volume (so another backend may).
 */
public interface VolumeDriver extends AutoCloseable {

	/** The driver's type name, as in configuration ({@code fake}, {@code file}). */
	String type();

	/** Prepares the backend. Called once, first. */
	void setUp();

	/** Fails with a {@link DriverException} if the backend cannot serve. Called once, after {@link #setUp()}. */
	void checkForSetupError();

	/**
	 * Creates a volume of {@code volume.sizeGb()} GiB in {@code volume.pool()}.
	 * @return where the backend keeps it
	 * @throws InsufficientCapacityException if the pool cannot hold it
	 * @throws DriverException on any other failure
	 */
	CreatedVolume createVolume(DriverVolume volume);

	/** Deletes a volume; a missing volume is not an error. */
	void deleteVolume(DriverVolume volume);

	/**
	 * Grows a volume to {@code newSizeGb}; extending to the current size succeeds.
	 * @throws DriverException if the volume is missing, {@code newSizeGb} is smaller, or the pool has no room
	 */
	void extendVolume(DriverVolume volume, int newSizeGb);

	/** Creates a point-in-time copy of a volume; an existing snapshot with the same id succeeds. */
	void createSnapshot(DriverSnapshot snapshot);

	/** Deletes a snapshot; a missing snapshot is not an error. */
	void deleteSnapshot(DriverSnapshot snapshot);

	/**
	 * Creates a volume holding the data of a snapshot (Cinder's {@code create_volume_from_snapshot}); a size larger
	 * than the snapshot's volume is honoured (the volume is extended after the copy). Idempotent as
	 * {@link #createVolume}.
	 * @throws DriverException if the snapshot is missing or the copy fails
	 */
	CreatedVolume createVolumeFromSnapshot(DriverVolume volume, DriverSnapshot snapshot);

	/**
	 * Creates a volume holding a copy of {@code source} (Cinder's {@code create_cloned_volume}); a larger size is
	 * honoured. Idempotent as {@link #createVolume}.
	 * @throws DriverException if the source is missing or the copy fails
	 */
	CreatedVolume createClonedVolume(DriverVolume volume, DriverVolume source);

	/**
	 * Puts the data of {@code snapshot} back into {@code volume} (Cinder's {@code revert_to_snapshot}); the volume
	 * keeps its size. Repeating it gives the same result.
	 * @throws DriverException if the volume or the snapshot is missing or the copy fails
	 */
	void revertToSnapshot(DriverVolume volume, DriverSnapshot snapshot);

	/**
	 * Where a process on this machine can read the volume's data (the {@code device_path} of the connection info
	 * for Cinder's {@code local} connector), or empty if the backend exposes its volumes to no one (then a
	 * migration moves no data). Used as the source of a migration's host copy.
	 */
	Optional<Path> localDevicePath(DriverVolume volume);

	/**
	 * Creates a volume and writes into it the data read from {@code device} (the destination side of a
	 * migration's host copy); {@code device} null creates an empty volume. Idempotent as {@link #createVolume}.
	 */
	CreatedVolume createVolumeFromDevice(DriverVolume volume, Path device);

	/**
	 * Exports a volume to a connector (os-brick's connector properties: {@code host}, {@code initiator},
	 * {@code ip}, {@code platform}, ..., possibly none) and answers how the connector reaches it, in os-brick's
	 * terms (Cinder's {@code initialize_connection}).
	 * @throws DriverException if the volume is missing or cannot be exported
	 */
	ConnectionInfo initializeConnection(DriverVolume volume, Map<String, Object> connector);

	/**
	 * Removes a connector's export of a volume (Cinder's {@code terminate_connection}); {@code connector} may be
	 * null (a forced detach: every export of the volume). A missing export is not an error.
	 */
	void terminateConnection(DriverVolume volume, Map<String, Object> connector);

	/**
	 * The backend's capabilities, with one entry per pool. {@code allocatedCapacityGb} is the driver's own view;
	 * the reporter replaces it with the database's.
	 * @param refresh read the backend again; when false a cached report may be returned (drivers keep it
	 * current for their own operations)
	 */
	BackendCapabilities stats(boolean refresh);

	/**
	 * How often the service calls {@link #reconcile()}; zero (the default) for never.
	 */
	default Duration reconcileInterval() {
		return Duration.ZERO;
	}

	/**
	 * Brings figures the driver keeps incrementally back in line with the backend (and logs what it corrected).
	 * Slow work (e.g. listing every volume) belongs here rather than in {@link #stats(boolean)}: it runs on a
	 * scheduler thread, never on an RPC thread, concurrently with the operations. Failures are thrown as
	 * {@link DriverException}; the next period tries again. Default: nothing.
	 */
	default void reconcile() {
	}

	/** Releases resources. Called once, last. */
	@Override
	default void close() {
	}

}
