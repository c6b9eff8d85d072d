package io.basalt.volume.driver.file;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.basalt.common.capability.BackendCapabilities;
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

	/**
	 * The file driver applies no QoS key and says so in its capabilities; a create with back-end QoS keys still
	 * makes the volume (the keys are logged as ignored).
	 */
	@Test
	void qosKeysAreReportedUnsupportedAndIgnored() throws IOException {
		assertThat(this.driver.stats(true).pools().get(0).extra()).containsEntry("QoS_support", "False")
			.containsEntry("qos_keys", "");
		this.driver.createVolume(volume("v1", 1).withQosSpecs(Map.of("read_iops_sec", "100")));
		assertThat(Files.size(this.driver.volumeFile("v1"))).isEqualTo(GIB);
	}

	/** The connection is os-brick's local connector on the volume file's absolute path; a missing volume fails. */
	@Test
	void connectionIsTheLocalConnectorOnTheFile() {
		this.driver.createVolume(volume("v1", 1));
		var info = this.driver.initializeConnection(volume("v1", 1), Map.of("host", "h"));
		assertThat(info.driverVolumeType()).isEqualTo("local");
		assertThat(info.data()).isEqualTo(Map.of("device_path", this.driver.volumeFile("v1").toString()));
		assertThat(Path.of((String) info.data().get("device_path"))).isAbsolute().exists();
		assertThat(this.driver.initializeConnection(volume("v1", 1), Map.of())).isEqualTo(info);
		this.driver.terminateConnection(volume("v1", 1), Map.of("host", "h"));
		this.driver.terminateConnection(volume("v1", 1), null);
		assertThatThrownBy(() -> this.driver.initializeConnection(volume("v2", 1), Map.of()))
			.isInstanceOf(DriverException.class);
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

	/**
	 * A snapshot is a sparse copy holding the volume's data, not counted as provisioned; both operations are
	 * idempotent.
	 */
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
		assertPool(this.driver.stats(false), 1.0, 1);
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

	/** Creates, repeated creates, extends and deletes keep the counted figures equal to the files on disk. */
	@Test
	void operationsKeepTheFiguresExact() {
		this.driver.createVolume(volume("v1", 1));
		this.driver.createVolume(volume("v1", 1));
		this.driver.createVolume(volume("v2", 3));
		this.driver.createVolume(volume("v3", 1));
		this.driver.extendVolume(volume("v2", 3), 5);
		this.driver.extendVolume(volume("v2", 5), 5);
		assertThatThrownBy(() -> this.driver.extendVolume(volume("v2", 5), 4)).isInstanceOf(DriverException.class);
		assertThatThrownBy(() -> this.driver.createVolume(volume("v3", 2))).isInstanceOf(DriverException.class);
		this.driver.deleteVolume(volume("v3", 1));
		this.driver.deleteVolume(volume("v3", 1));

		assertPool(this.driver.stats(false), 6.0, 2);
		assertThat(this.driver.stats(false)).as("unchanged figures give the same stats")
			.isSameAs(this.driver.stats(false));
		this.driver.reconcile();
		assertPool(this.driver.stats(false), 6.0, 2);
	}

	/** Volume files removed or copied in behind the driver's back are counted again by the reconciliation. */
	@Test
	void reconciliationCorrectsDrift() throws IOException {
		this.driver.createVolume(volume("v1", 2));
		this.driver.createVolume(volume("v2", 3));
		Files.delete(this.driver.volumeFile("v1"));
		try (RandomAccessFile raf = new RandomAccessFile(this.driver.volumeFile("copied").toFile(), "rw")) {
			raf.setLength(4 * GIB);
		}
		Files.createFile(this.directory.resolve("volumes").resolve("volume-half.part"));
		assertPool(this.driver.stats(true), 5.0, 2);

		this.driver.reconcile();

		assertPool(this.driver.stats(false), 7.0, 2);
	}

	/** A volume file deleted behind the driver's back: delete still succeeds, extend fails, figures stay sane. */
	@Test
	void fileDeletedBehindItsBackIsTolerated() throws IOException {
		this.driver.createVolume(volume("v1", 2));
		this.driver.createVolume(volume("v2", 1));
		Files.delete(this.driver.volumeFile("v1"));

		assertThatNoException().isThrownBy(() -> this.driver.deleteVolume(volume("v1", 2)));
		assertThatThrownBy(() -> this.driver.extendVolume(volume("v1", 2), 3)).isInstanceOf(DriverException.class);
		this.driver.reconcile();
		assertPool(this.driver.stats(false), 1.0, 1);
		this.driver.deleteVolume(volume("v2", 1));
		assertPool(this.driver.stats(false), 0.0, 0);
	}

	/** Volumes already in the directory are counted at set-up. */
	@Test
	void setUpCountsExistingVolumes() {
		this.driver.createVolume(volume("v1", 2));
		this.driver.createVolume(volume("v2", 3));
		FileDriver restarted = new FileDriver(new DriverIdentity("file", "nova", Map.of()),
				FileDriverSettings.in(this.directory.resolve("volumes")));

		restarted.setUp();

		assertPool(restarted.stats(false), 5.0, 2);
		assertThat(restarted.reconcileInterval()).isEqualTo(FileDriverSettings.DEFAULT_RECONCILE_INTERVAL);
	}

	/** Free space is read again only on refresh. */
	@Test
	void freeSpaceIsReadOnRefresh() {
		this.driver.createVolume(volume("v1", 1));
		Capacity free = this.driver.stats(false).pools().get(0).freeCapacityGb();

		assertThat(this.driver.stats(false).pools().get(0).freeCapacityGb()).isEqualTo(free);
		assertThat(this.driver.stats(true).pools().get(0).freeCapacityGb()).isInstanceOf(Capacity.Known.class);
	}

	private static void assertPool(BackendCapabilities stats, double provisionedGb, long volumes) {
		PoolCapabilities pool = stats.pools().get(0);
		assertThat(pool.provisionedCapacityGb()).as("provisioned GiB").isEqualTo(provisionedGb);
		assertThat(pool.totalVolumes()).as("volumes").isEqualTo(volumes);
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
