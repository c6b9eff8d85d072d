package io.basalt.volume.driver.file;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.volume.ConnectionInfo;
import io.basalt.volume.driver.CreatedVolume;
import io.basalt.volume.driver.DriverException;
import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.DriverSnapshot;
import io.basalt.volume.driver.DriverVolume;
import io.basalt.volume.driver.QosSupport;
import io.basalt.volume.driver.VolumeDriver;
import io.basalt.volume.driver.file.FileAllocation.Reconciliation;
import io.basalt.volume.driver.file.FileAllocation.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores each volume as a sparse file {@code volume-<id>} in one directory, and each snapshot as a sparse copy
 * {@code snapshot-<id>} (only the non-zero blocks of the volume are written). One thin pool. Every data path is
 * the one {@link SparseCopy}: snapshots, clones, volumes from snapshots, reverts and the destination side of a
 * migration (which reads the source backend's file, this machine's {@code local} connector). {@code <id>} is the
 * volume's name id (Cinder's {@code _name_id} after a migration, else its id).
 * <p>
 * <b>Capacity.</b> Total and free capacity come from the directory's {@link java.nio.file.FileStore}, found once
 * at set-up ({@link FileCapacity}: one {@code statfs} for the free space per {@code stats(true)}, none per
 * {@code stats(false)}). Provisioned capacity (the volume files' lengths) and the number of volumes are counted
 * incrementally ({@link FileAllocation}): each create, delete and extend adds what it changed on disk, in O(1),
 * so no operation lists the directory. {@link #reconcile()} — at set-up, then every
 * {@link FileDriverSettings#reconcileInterval()} on the service's scheduler — compares the counts with a listing,
 * and logs and corrects any drift (a file removed or copied in behind the driver's back). Snapshot files are not
 * counted as provisioned (as before); the blocks they write show in the free space.
 * <p>
 * <b>Sync policy: no fsync on the volume operations, one per snapshot.</b> Volumes are sparse and their operations
 * touch metadata only: create sets the length of {@code <name>.part} and renames it atomically (so a file with the
 * final name is always complete and a repeated create can compare sizes), extend sets the length, delete unlinks.
 * None is fsynced: an fsync (of the file and of the directory for the rename) costs journal commits, milliseconds
 * each and more on a busy disk, on every create, and protects only against a crash of the machine — a crash of
 * the process loses nothing, the kernel holds the changes. After a machine crash the metadata changes of the last
 * seconds (the file system's commit interval) may be lost: a leftover {@code .part} is ignored and overwritten by
 * a retry, a volume the database calls {@code available} may have no file (extend and snapshot then fail, delete
 * succeeds), and the reconciliation at set-up counts what is really there. That suits what this backend is for,
 * one development or test machine; it is not a durable store. Snapshots and the copies are the operations that write
 * data, so each copy is forced to disk before its rename: after a crash a snapshot is whole or absent, never a torn copy
 * under its final name. The copy reads the whole volume anyway; the fsync does not change the order of its cost.
 * <p>
 * Thread-safe: operations on one volume are serialized by {@link FileAllocation#change}, others run in parallel;
 * the figures are atomic counters and the last report a volatile reference rebuilt when a figure changed.
 */
public class FileDriver implements VolumeDriver {

	private static final Logger log = LoggerFactory.getLogger(FileDriver.class);

	/**
	 * Sparse files cannot throttle I/O: the file driver applies no QoS key (its capabilities say
	 * {@code QoS_support: False}, {@code qos_keys} empty); a create with back-end QoS keys succeeds and logs them
	 * as ignored, as a Cinder driver without QoS support does.
	 */
	static final QosSupport QOS = QosSupport.NONE;

	static final long GIB = 1L << 30;

	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private static final String VOLUME_PREFIX = "volume-";

	private static final String PART_SUFFIX = ".part";

	private final DriverIdentity identity;

	private final FileDriverSettings settings;

	private final Path directory;

	private final String poolName;

	private final FileAllocation allocation = new FileAllocation();

	private final FileCapacity capacity;

	public FileDriver(DriverIdentity identity, FileDriverSettings settings) {
		this.identity = Objects.requireNonNull(identity, "identity");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.directory = settings.directory().toAbsolutePath().normalize();
		this.poolName = (settings.poolName() != null) ? settings.poolName() : identity.volumeBackendName();
		this.capacity = new FileCapacity(identity, settings, this.poolName, this.directory);
	}

	@Override
	public String type() {
		return "file";
	}

	/** Creates the directory, finds its file store and counts the volumes already there. */
	@Override
	public void setUp() {
		try {
			Files.createDirectories(this.directory);
			this.capacity.open();
		}
		catch (IOException ex) {
			throw new DriverException("cannot create volume directory " + this.directory + ": " + ex, ex);
		}
		long start = System.nanoTime();
		Reconciliation counted = reconcileQuietly();
		log.info("File backend {}: {} volumes, {} GiB provisioned in {} (counted in {} ms)",
				this.identity.volumeBackendName(), counted.found().volumes(),
				String.format("%.1f", (double) counted.found().bytes() / GIB), this.directory,
				(System.nanoTime() - start) / 1_000_000);
	}

	@Override
	public void checkForSetupError() {
		if (!Files.isDirectory(this.directory)) {
			throw new DriverException("volume directory " + this.directory + " is not a directory");
		}
		if (!Files.isWritable(this.directory)) {
			throw new DriverException("volume directory " + this.directory + " is not writable");
		}
		stats(true);
	}

	/** The file of a volume. */
	public Path volumeFile(String volumeId) {
		return this.directory.resolve(VOLUME_PREFIX + safe(volumeId));
	}

	/** The file of a snapshot. */
	public Path snapshotFile(String snapshotId) {
		return this.directory.resolve("snapshot-" + safe(snapshotId));
	}

	@Override
	public CreatedVolume createVolume(DriverVolume volume) {
		checkPool(volume);
		if (!QOS.ignored(volume.qosSpecs()).isEmpty()) {
			log.warn("File backend {}: volume {}: QoS keys {} ignored (this driver applies none)",
					this.identity.volumeBackendName(), volume.id(), QOS.ignored(volume.qosSpecs()));
		}
		Path file = volumeFile(volume.id());
		long bytes = volume.sizeGb() * GIB;
		try {
			this.allocation.change(volume.id(), () -> {
				if (Files.exists(file)) {
					long actual = Files.size(file);
					if (actual != bytes) {
						throw new DriverException("volume " + volume.id() + " exists with " + actual
								+ " bytes, not " + volume.sizeGb() + " GiB");
					}
					return Usage.NONE;
				}
				Path part = partOf(file);
				try (RandomAccessFile raf = new RandomAccessFile(part.toFile(), "rw")) {
					raf.setLength(bytes);
				}
				Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
				return Usage.added(bytes);
			});
		}
		catch (IOException ex) {
			throw new DriverException("cannot create volume " + volume.id() + ": " + ex, ex);
		}
		return new CreatedVolume(file.toUri().toString());
	}

	@Override
	public void deleteVolume(DriverVolume volume) {
		Path file = volumeFile(volume.id());
		try {
			this.allocation.change(volume.id(), () -> {
				Files.deleteIfExists(partOf(file));
				long bytes;
				try {
					bytes = Files.size(file);
				}
				catch (NoSuchFileException gone) {
					// Never created, deleted before, or removed behind our back (then the reconciliation counts it).
					return Usage.NONE;
				}
				return Files.deleteIfExists(file) ? Usage.removed(bytes) : Usage.NONE;
			});
		}
		catch (IOException ex) {
			throw new DriverException("cannot delete volume " + volume.id() + ": " + ex, ex);
		}
	}

	@Override
	public void extendVolume(DriverVolume volume, int newSizeGb) {
		Path file = volumeFile(volume.id());
		long bytes = newSizeGb * GIB;
		try {
			this.allocation.change(volume.id(), () -> {
				try (RandomAccessFile raf = new RandomAccessFile(existing(file, volume.id()).toFile(), "rw")) {
					long current = raf.length();
					if (bytes < current) {
						throw new DriverException("cannot shrink volume " + volume.id() + " from " + current
								+ " bytes to " + newSizeGb + " GiB");
					}
					raf.setLength(bytes);
					return Usage.grown(bytes - current);
				}
			});
		}
		catch (IOException ex) {
			throw new DriverException("cannot extend volume " + volume.id() + ": " + ex, ex);
		}
	}

	@Override
	public void createSnapshot(DriverSnapshot snapshot) {
		Path target = snapshotFile(snapshot.id());
		if (Files.exists(target)) {
			return;
		}
		Path source = existing(volumeFile(snapshot.volume().id()), snapshot.volume().id());
		Path part = partOf(target);
		try {
			SparseCopy.copy(source, part, -1);
			moveIntoPlace(part, target);
		}
		catch (IOException ex) {
			throw new DriverException("cannot snapshot volume " + snapshot.volume().id() + ": " + ex, ex);
		}
	}

	@Override
	public CreatedVolume createVolumeFromSnapshot(DriverVolume volume, DriverSnapshot snapshot) {
		Path source = snapshotFile(snapshot.id());
		if (!Files.exists(source)) {
			throw new DriverException("snapshot " + snapshot.id() + " does not exist (" + source + ")");
		}
		return createCopy(volume, source);
	}

	@Override
	public CreatedVolume createClonedVolume(DriverVolume volume, DriverVolume source) {
		return createCopy(volume, existing(volumeFile(source.id()), source.id()));
	}

	@Override
	public CreatedVolume createVolumeFromDevice(DriverVolume volume, Path device) {
		return (device == null) ? createVolume(volume) : createCopy(volume, device);
	}

	@Override
	public Optional<Path> localDevicePath(DriverVolume volume) {
		return Optional.of(existing(volumeFile(volume.id()), volume.id()));
	}

	/**
	 * Restores the snapshot's blocks into the volume: a sparse copy of the snapshot file into {@code <volume>.part},
	 * set to the volume's current length, renamed over the volume file (so a crash leaves the old data or the new,
	 * never a mix under the final name). Provisioned capacity does not change.
	 */
	@Override
	public void revertToSnapshot(DriverVolume volume, DriverSnapshot snapshot) {
		Path file = volumeFile(volume.id());
		Path source = snapshotFile(snapshot.id());
		try {
			this.allocation.change(volume.id(), () -> {
				long length = Files.size(existing(file, volume.id()));
				if (!Files.exists(source)) {
					throw new DriverException("snapshot " + snapshot.id() + " does not exist (" + source + ")");
				}
				Path part = partOf(file);
				SparseCopy.copy(source, part, length);
				Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
				return Usage.NONE;
			});
		}
		catch (IOException ex) {
			throw new DriverException("cannot revert volume " + volume.id() + " to snapshot " + snapshot.id() + ": "
					+ ex, ex);
		}
	}

	/**
	 * A new volume file holding a sparse copy of {@code source}, as long as the volume's size (at least the
	 * source's length: a larger volume is the copy extended); an existing volume of that size is success.
	 */
	private CreatedVolume createCopy(DriverVolume volume, Path source) {
		checkPool(volume);
		Path file = volumeFile(volume.id());
		long bytes = volume.sizeGb() * GIB;
		try {
			this.allocation.change(volume.id(), () -> {
				if (Files.exists(file)) {
					long actual = Files.size(file);
					if (actual != bytes) {
						throw new DriverException("volume " + volume.id() + " exists with " + actual
								+ " bytes, not " + volume.sizeGb() + " GiB");
					}
					return Usage.NONE;
				}
				long sourceBytes = Files.size(source);
				if (sourceBytes > bytes) {
					throw new DriverException("volume " + volume.id() + " of " + volume.sizeGb()
							+ " GiB cannot hold its source of " + sourceBytes + " bytes");
				}
				Path part = partOf(file);
				SparseCopy.copy(source, part, bytes);
				Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
				return Usage.added(bytes);
			});
		}
		catch (IOException ex) {
			throw new DriverException("cannot create volume " + volume.id() + " from " + source + ": " + ex, ex);
		}
		return new CreatedVolume(file.toUri().toString());
	}

	@Override
	public void deleteSnapshot(DriverSnapshot snapshot) {
		Path file = snapshotFile(snapshot.id());
		try {
			Files.deleteIfExists(file);
			Files.deleteIfExists(partOf(file));
		}
		catch (IOException ex) {
			throw new DriverException("cannot delete snapshot " + snapshot.id() + ": " + ex, ex);
		}
	}

	/**
	 * The pool's figures: provisioned capacity and volume count as counted now; the free space as read by the
	 * last {@code stats(true)} (sparse creates do not use space, so it changes only as data is written).
	 */
	/**
	 * os-brick's {@code local} connector: the volume file itself, which a consumer on this machine opens
	 * (e.g. through a loop device). Nothing is exported, so the answer is the same for every connector.
	 */
	@Override
	public ConnectionInfo initializeConnection(DriverVolume volume, Map<String, Object> connector) {
		Path file = existing(volumeFile(volume.id()), volume.id());
		return new ConnectionInfo("local", Map.of("device_path", file.toString()));
	}

	/** Nothing was exported by {@link #initializeConnection}: nothing to remove. */
	@Override
	public void terminateConnection(DriverVolume volume, Map<String, Object> connector) {
		// the local connector holds no export
	}

	@Override
	public BackendCapabilities stats(boolean refresh) {
		return this.capacity.stats(refresh, this.allocation.usage());
	}

	@Override
	public Duration reconcileInterval() {
		return this.settings.reconcileInterval();
	}

	/**
	 * Lists the directory and corrects the provisioned capacity and volume count if they drifted (logged); reads
	 * the file system's total again. Runs alongside the operations (see {@link FileAllocation}).
	 */
	@Override
	public void reconcile() {
		Reconciliation result = reconcileQuietly();
		if (result.drifted()) {
			log.warn("File backend {}: counted {} volumes / {} bytes, found {} / {} in {}; corrected",
					this.identity.volumeBackendName(), result.counted().volumes(), result.counted().bytes(),
					result.found().volumes(), result.found().bytes(), this.directory);
		}
		else {
			log.debug("File backend {}: {} volumes / {} bytes, no drift{}", this.identity.volumeBackendName(),
					result.found().volumes(), result.found().bytes(),
					result.exclusive() ? " (operations held back for the scan)" : "");
		}
	}

	private Reconciliation reconcileQuietly() {
		this.capacity.readTotal();
		try {
			return this.allocation.reconcile(this::scan);
		}
		catch (IOException ex) {
			throw new DriverException("cannot list volume directory " + this.directory + ": " + ex, ex);
		}
	}

	/** The volume files' total length and number: one listing, one {@code stat} per file. */
	private Usage scan() throws IOException {
		long bytes = 0;
		long count = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.directory, VOLUME_PREFIX + "*")) {
			for (Path p : files) {
				if (p.getFileName().toString().endsWith(PART_SUFFIX)) {
					continue;
				}
				try {
					bytes += Files.size(p);
					count++;
				}
				catch (NoSuchFileException gone) {
					// deleted between the listing and the size: not provisioned any more
				}
			}
		}
		return new Usage(bytes, count);
	}

	private static void moveIntoPlace(Path part, Path file) throws IOException {
		try {
			Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException | NoSuchFileException ex) {
			// A concurrent redelivery finished first; the caller checks the result.
			Files.deleteIfExists(part);
		}
	}

	private static Path existing(Path file, String volumeId) {
		if (!Files.exists(file)) {
			throw new DriverException("volume " + volumeId + " does not exist (" + file + ")");
		}
		return file;
	}

	private static Path partOf(Path file) {
		return file.resolveSibling(file.getFileName() + PART_SUFFIX);
	}

	private void checkPool(DriverVolume volume) {
		if (!this.poolName.equals(volume.pool())) {
			throw new DriverException("no pool " + volume.pool() + " on this backend (it has " + this.poolName + ")");
		}
	}

	private static String safe(String id) {
		if (!SAFE_ID.matcher(id).matches()) {
			throw new DriverException("unsafe id for a file name: '" + id + "'");
		}
		return id;
	}

}
