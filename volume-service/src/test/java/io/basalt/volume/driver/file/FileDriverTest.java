package io.basalt.volume.driver.file;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
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
import static org.assertj.core.api.Assumptions.assumeThat;

@Timeout(30)
class FileDriverTest {

	private static final long GIB = 1L << 30;

	@TempDir
	Path directory;

	private FileDriver driver;

	@BeforeEach
	void setUp() {
		this.driver = new FileDriver(new DriverIdentity("file", "nova", Map.of()),
				FileDriverSettings.in(this.directory.resolve("volumes")));
		this.driver.setUp();
		this.driver.checkForSetupError();
	}

	private static DriverVolume volume(String id, int size) {
		return DriverVolume.of(id, size, "file");
	}

	/** A created volume is a file of the full length that takes (almost) no blocks. */
	@Test
	void createMakesASparseFile() throws IOException {
		String location = this.driver.createVolume(volume("v1", 4)).providerLocation();

		Path file = this.driver.volumeFile("v1");
		assertThat(file).exists();
		assertThat(Files.size(file)).isEqualTo(4 * GIB);
		assertThat(location).isEqualTo(file.toUri().toString());
		assertThat(allocatedBytes(file)).isLessThan(GIB);
		assertThat(this.directory.resolve("volumes")).isDirectoryNotContaining("glob:**.part");
	}

	/** Creating again with the same size succeeds; with another size it fails and leaves the file alone. */
	@Test
	void createIsIdempotent() throws IOException {
		this.driver.createVolume(volume("v1", 1));

		assertThatNoException().isThrownBy(() -> this.driver.createVolume(volume("v1", 1)));
		assertThatThrownBy(() -> this.driver.createVolume(volume("v1", 2))).isInstanceOf(DriverException.class);
		assertThat(Files.size(this.driver.volumeFile("v1"))).isEqualTo(GIB);
	}

	/** Extend grows the file; extending to the same size succeeds, shrinking fails. */
	@Test
	void extendGrowsTheFile() throws IOException {
		this.driver.createVolume(volume("v1", 1));
		this.driver.extendVolume(volume("v1", 1), 3);
		this.driver.extendVolume(volume("v1", 3), 3);

		assertThat(Files.size(this.driver.volumeFile("v1"))).isEqualTo(3 * GIB);
		assertThatThrownBy(() -> this.driver.extendVolume(volume("v1", 3), 2)).isInstanceOf(DriverException.class);
		assertThatThrownBy(() -> this.driver.extendVolume(volume("missing", 1), 2))
			.isInstanceOf(DriverException.class);
	}

	/** Delete removes the file, and deleting a missing volume succeeds. */
	@Test
	void deleteRemovesTheFile() {
		this.driver.createVolume(volume("v1", 1));
		this.driver.deleteVolume(volume("v1", 1));

		assertThat(this.driver.volumeFile("v1")).doesNotExist();
		assertThatNoException().isThrownBy(() -> this.driver.deleteVolume(volume("v1", 1)));
	}

	/** A snapshot is a sparse copy holding the volume's data; both operations are idempotent. */
	@Test
	void snapshotIsASparseCopy() throws IOException {
		this.driver.createVolume(volume("v1", 1));
		try (RandomAccessFile raf = new RandomAccessFile(this.driver.volumeFile("v1").toFile(), "rw")) {
			raf.seek(GIB / 2);
			raf.write("hello".getBytes());
		}
		DriverSnapshot snapshot = new DriverSnapshot("s1", volume("v1", 1));
		this.driver.createSnapshot(snapshot);
		this.driver.createSnapshot(snapshot);

		Path copy = this.driver.snapshotFile("s1");
		assertThat(Files.size(copy)).isEqualTo(GIB);
		try (RandomAccessFile raf = new RandomAccessFile(copy.toFile(), "r")) {
			byte[] data = new byte[5];
			raf.seek(GIB / 2);
			raf.readFully(data);
			assertThat(new String(data)).isEqualTo("hello");
		}
		assertThat(allocatedBytes(copy)).isLessThan(GIB / 4);
		this.driver.deleteSnapshot(snapshot);
		this.driver.deleteSnapshot(snapshot);
		assertThat(copy).doesNotExist();
	}

	/** Capacity comes from the file store, provisioned capacity from the volume files; the pool is thin. */
	@Test
	void statsReadTheFileStore() throws IOException {
		this.driver.createVolume(volume("v1", 2));
		this.driver.createVolume(volume("v2", 3));

		PoolCapabilities pool = this.driver.stats(true).pools().get(0);
		long total = Files.getFileStore(this.directory).getTotalSpace();
		assertThat(pool.totalCapacityGb()).isEqualTo(Capacity.of((double) total / GIB));
		assertThat(pool.freeCapacityGb()).isInstanceOf(Capacity.Known.class);
		assertThat(((Capacity.Known) pool.freeCapacityGb()).gb()).isPositive().isLessThanOrEqualTo((double) total / GIB);
		assertThat(pool.provisionedCapacityGb()).isEqualTo(5.0);
		assertThat(pool.totalVolumes()).isEqualTo(2);
		assertThat(pool.thinProvisioningSupport()).isTrue();
		assertThat(pool.thickProvisioningSupport()).isFalse();
		assertThat(pool.maxOverSubscriptionRatio()).isEqualTo(20.0);
	}

	/** Cached stats are dropped after the driver's own changes. */
	@Test
	void cachedStatsFollowOwnChanges() {
		assertThat(this.driver.stats(false).pools().get(0).totalVolumes()).isZero();
		this.driver.createVolume(volume("v1", 1));

		assertThat(this.driver.stats(false).pools().get(0).totalVolumes()).isEqualTo(1);
	}

	/** Ids that could escape the directory are refused. */
	@Test
	void unsafeIdsAreRefused() {
		assertThatThrownBy(() -> this.driver.createVolume(volume("../etc", 1))).isInstanceOf(DriverException.class);
	}

	/** A directory that cannot be created fails set-up. */
	@Test
	void setUpFailsOnAFile() throws IOException {
		Path file = Files.createFile(this.directory.resolve("plain"));
		FileDriver broken = new FileDriver(new DriverIdentity("file", "nova", Map.of()), FileDriverSettings.in(file));

		assertThatThrownBy(broken::checkForSetupError).isInstanceOf(DriverException.class);
	}

	/** Blocks the file uses, from {@code stat}; skips the test where {@code stat} is missing. */
	private static long allocatedBytes(Path file) throws IOException {
		Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
		String out = new String(stat.getInputStream().readAllBytes()).trim();
		int exit;
		try {
			exit = stat.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		assumeThat(exit).as("stat available: " + out).isZero();
		String[] parts = out.split(" ");
		return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
	}

}
