package io.basalt.volume.driver.file;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.volume.driver.CreatedVolume;
import io.basalt.volume.driver.DriverException;
import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.DriverSnapshot;
import io.basalt.volume.driver.DriverVolume;
import io.basalt.volume.driver.VolumeDriver;

/**
 * Stores each volume as a sparse file {@code volume-<id>} in one directory, and each snapshot as a sparse copy
 * {@code snapshot-<id>} (only the non-zero blocks of the volume are written). One thin pool; total and free
 * capacity are read from the directory's {@link FileStore}, provisioned capacity is the sum of the volume files'
 * lengths.
 * <p>
 * Creates write {@code <name>.part} and rename it atomically, so a file with the final name is always complete
 * and a repeated create can compare sizes.
 * <p>
 * Thread-safe: every operation works on its own files and the file system serializes renames; the cached stats
 * are a volatile reference dropped after each change.
 */
public class FileDriver implements VolumeDriver {

	static final long GIB = 1L << 30;

	private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private static final int COPY_BLOCK = 1 << 20;

	private final DriverIdentity identity;

	private final FileDriverSettings settings;

	private final Path directory;

	private final String poolName;

	private volatile BackendCapabilities cachedStats;

	public FileDriver(DriverIdentity identity, FileDriverSettings settings) {
		this.identity = Objects.requireNonNull(identity, "identity");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.directory = settings.directory().toAbsolutePath().normalize();
		this.poolName = (settings.poolName() != null) ? settings.poolName() : identity.volumeBackendName();
	}

	@Override
	public String type() {
		return "file";
	}

	@Override
	public void setUp() {
		try {
			Files.createDirectories(this.directory);
		}
		catch (IOException ex) {
			throw new DriverException("cannot create volume directory " + this.directory + ": " + ex, ex);
		}
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
		return this.directory.resolve("volume-" + safe(volumeId));
	}

	/** The file of a snapshot. */
	public Path snapshotFile(String snapshotId) {
		return this.directory.resolve("snapshot-" + safe(snapshotId));
	}

	@Override
	public CreatedVolume createVolume(DriverVolume volume) {
		checkPool(volume);
		Path file = volumeFile(volume.id());
		long bytes = volume.sizeGb() * GIB;
		try {
			if (!Files.exists(file)) {
				Path part = partOf(file);
				try (RandomAccessFile raf = new RandomAccessFile(part.toFile(), "rw")) {
					raf.setLength(bytes);
				}
				moveIntoPlace(part, file);
			}
			long actual = Files.size(file);
			if (actual != bytes) {
				throw new DriverException("volume " + volume.id() + " exists with " + actual + " bytes, not "
						+ volume.sizeGb() + " GiB");
			}
		}
		catch (IOException ex) {
			throw new DriverException("cannot create volume " + volume.id() + ": " + ex, ex);
		}
		finally {
			this.cachedStats = null;
		}
		return new CreatedVolume(file.toUri().toString());
	}

	@Override
	public void deleteVolume(DriverVolume volume) {
		Path file = volumeFile(volume.id());
		try {
			Files.deleteIfExists(file);
			Files.deleteIfExists(partOf(file));
		}
		catch (IOException ex) {
			throw new DriverException("cannot delete volume " + volume.id() + ": " + ex, ex);
		}
		finally {
			this.cachedStats = null;
		}
	}

	@Override
	public void extendVolume(DriverVolume volume, int newSizeGb) {
		Path file = volumeFile(volume.id());
		long bytes = newSizeGb * GIB;
		try (RandomAccessFile raf = new RandomAccessFile(existing(file, volume.id()).toFile(), "rw")) {
			long current = raf.length();
			if (bytes < current) {
				throw new DriverException("cannot shrink volume " + volume.id() + " from " + current + " bytes to "
						+ newSizeGb + " GiB");
			}
			raf.setLength(bytes);
		}
		catch (IOException ex) {
			throw new DriverException("cannot extend volume " + volume.id() + ": " + ex, ex);
		}
		finally {
			this.cachedStats = null;
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
			sparseCopy(source, part);
			moveIntoPlace(part, target);
		}
		catch (IOException ex) {
			throw new DriverException("cannot snapshot volume " + snapshot.volume().id() + ": " + ex, ex);
		}
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

	@Override
	public BackendCapabilities stats(boolean refresh) {
		BackendCapabilities stats = this.cachedStats;
		if (refresh || stats == null) {
			stats = readStats();
			this.cachedStats = stats;
		}
		return stats;
	}

	private BackendCapabilities readStats() {
		try {
			FileStore store = Files.getFileStore(this.directory);
			long provisionedBytes = 0;
			long count = 0;
			try (Stream<Path> files = Files.list(this.directory)) {
				for (Path p : (Iterable<Path>) files::iterator) {
					String name = p.getFileName().toString();
					if (name.startsWith("volume-") && !name.endsWith(".part")) {
						try {
							provisionedBytes += Files.size(p);
							count++;
						}
						catch (NoSuchFileException gone) {
							// deleted by another thread between the listing and the size: not provisioned any more
						}
					}
				}
			}
			double provisioned = (double) provisionedBytes / GIB;
			PoolCapabilities pool = new PoolCapabilities(this.poolName,
					Capacity.of((double) store.getTotalSpace() / GIB),
					Capacity.of((double) store.getUsableSpace() / GIB), provisioned, provisioned,
					this.settings.maxOverSubscriptionRatio(), this.settings.reservedPercentage(), true, false, count,
					false, this.identity.extraCapabilities());
			return new BackendCapabilities(this.identity.volumeBackendName(), "Basalt", "1.0.0", "file",
					this.identity.availabilityZone(), List.of(pool));
		}
		catch (IOException ex) {
			throw new DriverException("cannot read capacity of " + this.directory + ": " + ex, ex);
		}
	}

	/** Copies {@code source} to {@code target} writing only non-zero blocks, so the copy stays sparse. */
	private static void sparseCopy(Path source, Path target) throws IOException {
		try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
				FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
						StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SPARSE)) {
			long size = in.size();
			ByteBuffer block = ByteBuffer.allocate(COPY_BLOCK);
			long position = 0;
			while (position < size) {
				block.clear();
				int read = in.read(block, position);
				if (read < 0) {
					break;
				}
				block.flip();
				if (!isZero(block)) {
					out.write(block, position);
				}
				position += read;
			}
			// Extend to the full length without writing the trailing holes.
			try (RandomAccessFile raf = new RandomAccessFile(target.toFile(), "rw")) {
				raf.setLength(size);
			}
		}
	}

	private static boolean isZero(ByteBuffer block) {
		int i = block.position();
		for (; i + Long.BYTES <= block.limit(); i += Long.BYTES) {
			if (block.getLong(i) != 0) {
				return false;
			}
		}
		for (; i < block.limit(); i++) {
			if (block.get(i) != 0) {
				return false;
			}
		}
		return true;
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
		return file.resolveSibling(file.getFileName() + ".part");
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
