package io.basalt.volume.driver.file;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import io.basalt.volume.driver.DriverException;
import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.DriverSnapshot;
import io.basalt.volume.driver.DriverVolume;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The file driver's data paths: clones, volumes from snapshots, reverts and the migration copy. */
@Timeout(60)
class FileDriverCopyTest {

	private static final long GIB = 1L << 30;

	private static final long MIB = 1L << 20;

	@TempDir
	Path directory;

	private FileDriver driver;

	@BeforeEach
	void setUp() {
		this.driver = driver("volumes", "file");
	}

	private FileDriver driver(String dir, String backend) {
		FileDriver d = new FileDriver(new DriverIdentity(backend, "nova", Map.of()),
				FileDriverSettings.in(this.directory.resolve(dir)));
		d.setUp();
		d.checkForSetupError();
		return d;
	}

	private static DriverVolume volume(String id, int size) {
		return DriverVolume.of(id, size, "file");
	}

	/** A clone holds the source's bytes, stays sparse (no more blocks than the source's data) and is as large as asked. */
	@Test
	void cloneIsASparseCopyOfTheData() throws IOException {
		this.driver.createVolume(volume("v1", 2));
		Path source = this.driver.volumeFile("v1");
		byte[] pattern = pattern(3 * MIB, 7);
		write(source, GIB / 2, pattern);
		write(source, GIB + 12345, "tail".getBytes());

		this.driver.createClonedVolume(volume("v2", 3), volume("v1", 2));

		Path clone = this.driver.volumeFile("v2");
		assertThat(Files.size(clone)).isEqualTo(3 * GIB);
		assertThat(read(clone, GIB / 2, pattern.length)).isEqualTo(pattern);
		assertThat(new String(read(clone, GIB + 12345, 4))).isEqualTo("tail");
		assertThat(read(clone, 0, 4096)).isEqualTo(new byte[4096]);
		// 3 MiB of pattern + the 1 MiB block holding "tail": the holes of the 3 GiB stay holes
		assertThat(allocatedBytes(clone)).isBetween(4 * MIB - 4096, 5 * MIB);
		assertThat(this.driver.stats(false).pools().get(0).provisionedCapacityGb()).isEqualTo(5.0);
		assertThat(this.directory.resolve("volumes")).isDirectoryNotContaining("glob:**.part");
	}

	/** Blocks of zeros written in the source are not copied: they become holes. */
	@Test
	void zeroBlocksBecomeHoles() throws IOException {
		this.driver.createVolume(volume("v1", 1));
		Path source = this.driver.volumeFile("v1");
		write(source, 0, new byte[(int) (8 * MIB)]);
		write(source, 8 * MIB, pattern(MIB, 3));
		assertThat(allocatedBytes(source)).isGreaterThanOrEqualTo(9 * MIB);

		this.driver.createClonedVolume(volume("v2", 1), volume("v1", 1));

		Path clone = this.driver.volumeFile("v2");
		assertThat(allocatedBytes(clone)).isLessThanOrEqualTo(MIB + 64 * 1024);
		assertThat(read(clone, 8 * MIB, (int) MIB)).isEqualTo(pattern(MIB, 3));
	}

	/** A volume from a snapshot holds the data of the snapshot's time, not what the volume got later. */
	@Test
	void volumeFromSnapshotHoldsTheSnapshotsData() throws IOException {
		this.driver.createVolume(volume("v1", 1));
		Path source = this.driver.volumeFile("v1");
		write(source, 4096, "before".getBytes());
		DriverSnapshot snapshot = new DriverSnapshot("s1", volume("v1", 1));
		this.driver.createSnapshot(snapshot);
		write(source, 4096, "after!".getBytes());

		this.driver.createVolumeFromSnapshot(volume("v2", 2), snapshot);
		this.driver.createVolumeFromSnapshot(volume("v2", 2), snapshot);

		Path copy = this.driver.volumeFile("v2");
		assertThat(new String(read(copy, 4096, 6))).isEqualTo("before");
		assertThat(Files.size(copy)).isEqualTo(2 * GIB);
		assertThat(allocatedBytes(copy)).isLessThanOrEqualTo(MIB + 64 * 1024);
	}

	/** Revert puts the snapshot's bytes back, keeps the volume's (extended) size and its sparseness. */
	@Test
	void revertRestoresTheSnapshot() throws IOException {
		this.driver.createVolume(volume("v1", 1));
		Path file = this.driver.volumeFile("v1");
		write(file, 100, "before".getBytes());
		DriverSnapshot snapshot = new DriverSnapshot("s1", volume("v1", 1));
		this.driver.createSnapshot(snapshot);
		write(file, 100, "after!".getBytes());
		write(file, 512 * MIB, pattern(2 * MIB, 5));
		this.driver.extendVolume(volume("v1", 1), 2);

		this.driver.revertToSnapshot(volume("v1", 2), snapshot);
		this.driver.revertToSnapshot(volume("v1", 2), snapshot);

		assertThat(new String(read(file, 100, 6))).isEqualTo("before");
		assertThat(read(file, 512 * MIB, (int) MIB)).isEqualTo(new byte[(int) MIB]);
		assertThat(Files.size(file)).isEqualTo(2 * GIB);
		assertThat(allocatedBytes(file)).isLessThanOrEqualTo(MIB + 64 * 1024);
		assertThat(this.driver.stats(false).pools().get(0).provisionedCapacityGb()).isEqualTo(2.0);
	}

	/** The migration copy: another backend reads this one's device path and writes a sparse copy of its own. */
	@Test
	void migrationCopyReadsTheSourceDevice() throws IOException {
		FileDriver other = driver("other", "file2");
		this.driver.createVolume(volume("v1", 1));
		byte[] pattern = pattern(2 * MIB, 9);
		write(this.driver.volumeFile("v1"), 300 * MIB, pattern);

		Path device = this.driver.localDevicePath(volume("v1", 1)).orElseThrow();
		other.createVolumeFromDevice(DriverVolume.of("n1", 1, "file2"), device);

		Path copy = other.volumeFile("n1");
		assertThat(copy.getParent()).isNotEqualTo(device.getParent());
		assertThat(read(copy, 300 * MIB, pattern.length)).isEqualTo(pattern);
		assertThat(allocatedBytes(copy)).isBetween(2 * MIB - 4096, 2 * MIB + 64 * 1024);
		assertThatNoException().isThrownBy(() -> other.createVolumeFromDevice(DriverVolume.of("n1", 1, "file2"), device));
	}

	/** Missing sources and too small targets fail without leaving a volume behind. */
	@Test
	void badCopiesFail() throws IOException {
		this.driver.createVolume(volume("v1", 2));

		assertThatThrownBy(() -> this.driver.createClonedVolume(volume("v2", 1), volume("v1", 2)))
			.isInstanceOf(DriverException.class)
			.hasMessageContaining("cannot hold");
		assertThatThrownBy(() -> this.driver.createClonedVolume(volume("v3", 2), volume("nope", 2)))
			.isInstanceOf(DriverException.class);
		assertThatThrownBy(
				() -> this.driver.createVolumeFromSnapshot(volume("v4", 2), new DriverSnapshot("s9", volume("v1", 2))))
			.isInstanceOf(DriverException.class);
		assertThatThrownBy(() -> this.driver.revertToSnapshot(volume("v1", 2), new DriverSnapshot("s9", volume("v1", 2))))
			.isInstanceOf(DriverException.class);
		assertThat(this.driver.volumeFile("v2")).doesNotExist();
		assertThat(this.driver.volumeFile("v4")).doesNotExist();
		assertThat(this.driver.stats(false).pools().get(0).totalVolumes()).isEqualTo(1);
	}

	static byte[] pattern(long length, int seed) {
		byte[] data = new byte[(int) length];
		for (int i = 0; i < data.length; i++) {
			data[i] = (byte) (((i * 31) + seed) | 1);
		}
		return data;
	}

	static void write(Path file, long offset, byte[] data) throws IOException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			raf.seek(offset);
			raf.write(data);
		}
	}

	static byte[] read(Path file, long offset, int length) throws IOException {
		byte[] data = new byte[length];
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			raf.seek(offset);
			raf.readFully(data);
		}
		return Arrays.copyOf(data, length);
	}

	/** Blocks the file uses, from {@code stat} (GNU coreutils, present on every machine that runs the build). */
	static long allocatedBytes(Path file) throws IOException {
		Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
		String out = new String(stat.getInputStream().readAllBytes()).trim();
		try {
			assertThat(stat.waitFor()).as("stat: " + out).isZero();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		String[] parts = out.split(" ");
		return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
	}

}
