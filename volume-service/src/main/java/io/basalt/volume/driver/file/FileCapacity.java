package io.basalt.volume.driver.file;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.volume.driver.DriverException;
import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.file.FileAllocation.Usage;

/**
 * The file driver's pool report: total and free capacity from the directory's {@link FileStore}, provisioned
 * capacity and volume count from the {@link FileAllocation} figures.
 * <p>
 * The file store is found once ({@link #open()}: {@code Files.getFileStore} reads the mount table, too slow to
 * repeat). Each of its figures costs a {@code statfs}, so the free space is read only when a report asks for fresh
 * stats and the total only at set-up and reconciliation; between them the last figures are reused (sparse
 * creates use no space, so the free space moves only as data is written). The report is rebuilt only when a
 * figure changed.
 * <p>
 * Thread-safe: the figures and the last report are volatile; two threads building the same report at once is
 * harmless.
 */
final class FileCapacity {

	private final DriverIdentity identity;

	private final FileDriverSettings settings;

	private final String poolName;

	private final Path directory;

	private volatile FileStore store;

	private volatile long totalBytes;

	private volatile long usableBytes;

	private volatile Report last;

	FileCapacity(DriverIdentity identity, FileDriverSettings settings, String poolName, Path directory) {
		this.identity = identity;
		this.settings = settings;
		this.poolName = poolName;
		this.directory = directory;
	}

	/** Finds the directory's file store (which must exist); {@link #readTotal()} comes next. */
	void open() throws IOException {
		this.store = Files.getFileStore(this.directory);
	}

	/** Reads the file system's size again (one {@code statfs}). */
	void readTotal() {
		this.totalBytes = read(Figure.TOTAL);
	}

	/** The pool report; {@code refresh} reads the free space again first (one {@code statfs}). */
	BackendCapabilities stats(boolean refresh, Usage usage) {
		if (refresh) {
			this.usableBytes = read(Figure.USABLE);
		}
		long total = this.totalBytes;
		long usable = this.usableBytes;
		Report report = this.last;
		if (report == null || !report.usage().equals(usage) || report.totalBytes() != total
				|| report.usableBytes() != usable) {
			report = new Report(usage, total, usable, capabilities(usage, total, usable));
			this.last = report;
		}
		return report.capabilities();
	}

	private BackendCapabilities capabilities(Usage usage, long total, long usable) {
		double provisioned = (double) usage.bytes() / FileDriver.GIB;
		PoolCapabilities pool = new PoolCapabilities(this.poolName, Capacity.of((double) total / FileDriver.GIB),
				Capacity.of((double) usable / FileDriver.GIB), provisioned, provisioned,
				this.settings.maxOverSubscriptionRatio(), this.settings.reservedPercentage(), true, false,
				usage.volumes(), false, FileDriver.QOS.capabilities(this.identity.extraCapabilities()));
		return new BackendCapabilities(this.identity.volumeBackendName(), "Basalt", "1.0.0", "file",
				this.identity.availabilityZone(), List.of(pool));
	}

	private long read(Figure figure) {
		FileStore fs = this.store;
		if (fs == null) {
			throw new IllegalStateException("file driver on " + this.directory + " is not set up");
		}
		try {
			return (figure == Figure.TOTAL) ? fs.getTotalSpace() : fs.getUsableSpace();
		}
		catch (IOException ex) {
			throw new DriverException("cannot read capacity of " + this.directory + ": " + ex, ex);
		}
	}

	private enum Figure {

		TOTAL, USABLE

	}

	/** The last report and the figures it was built from. */
	private record Report(Usage usage, long totalBytes, long usableBytes, BackendCapabilities capabilities) {
	}

}
