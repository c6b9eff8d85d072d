package io.basalt.volume.driver.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how a {@link FileDriver} stores volumes.
 *
 * @param directory the directory holding the volume and snapshot files (created if missing)
 * @param maxOverSubscriptionRatio how far the thin pool may be over-subscribed (sparse files use no space until
 * written)
 * @param reservedPercentage percent of the file system the scheduler must keep free
 * @param poolName the single pool's name, or null for the backend's name
 * @param reconcileInterval how often the counted provisioned capacity and volume count are checked against a
 * listing of the directory; zero for only at set-up
 */
public record FileDriverSettings(Path directory, double maxOverSubscriptionRatio, int reservedPercentage,
		String poolName, Duration reconcileInterval) {

	/** The default {@link #reconcileInterval()}. */
	public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofMinutes(10);

	public FileDriverSettings {
		Objects.requireNonNull(directory, "directory");
		maxOverSubscriptionRatio = (maxOverSubscriptionRatio >= 1) ? maxOverSubscriptionRatio : 1.0;
		if (reservedPercentage < 0 || reservedPercentage > 100) {
			throw new IllegalArgumentException("reserved percentage must be in [0, 100]: " + reservedPercentage);
		}
		reconcileInterval = (reconcileInterval != null) ? reconcileInterval : DEFAULT_RECONCILE_INTERVAL;
		if (reconcileInterval.isNegative()) {
			throw new IllegalArgumentException("reconcile interval must not be negative: " + reconcileInterval);
		}
	}

	/** Files in {@code directory}, over-subscription 20 (Cinder's default), nothing reserved, reconciled every 10 min. */
	public static FileDriverSettings in(Path directory) {
		return new FileDriverSettings(directory, 20.0, 0, null, DEFAULT_RECONCILE_INTERVAL);
	}

}
