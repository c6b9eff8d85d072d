package io.basalt.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The volume service's two backends in the stack, {@code fake} and {@code file}, sized alike so that both get
 * volumes.
 * <p>
 * The schedulers keep Cinder's default weigher, {@code CapacityWeigher} with multiplier 1.0: each volume goes to
 * the pool with the most virtual free capacity (thin: total × over-subscription ratio − provisioned). The file
 * pool's total is its file system's, so with the default ratio 20 it offers twenty times the disk (5,040 GiB on a
 * 252 GiB disk). A fake pool of a fixed size (the volume service's default, 1,000 GiB thick) would only be chosen
 * once the file pool's virtual free space fell below it, and one of infinite capacity is weighed last (−1), so
 * every volume went to the file backend. A thin fake pool as large as the file system, with the same (default)
 * ratio, starts with the same virtual free space as the file pool, and Cinder's spread then alternates between
 * the two as each scheduler consumes its placements.
 */
final class StackBackends {

	private static final long GIB = 1L << 30;

	private StackBackends() {
	}

	/** The {@code basalt.volume.backends[*]} properties, the fake pool as large as {@code fileSystemBytes}. */
	static Map<String, String> properties(Path volumeDir, long fileSystemBytes) {
		Map<String, String> p = new LinkedHashMap<>();
		p.put("basalt.volume.backends[0].name", "fake");
		p.put("basalt.volume.backends[0].driver", "fake");
		p.put("basalt.volume.backends[0].fake.capacity-gb", fakeCapacityGb(fileSystemBytes));
		p.put("basalt.volume.backends[0].fake.thin", "true");
		p.put("basalt.volume.backends[1].name", "file");
		p.put("basalt.volume.backends[1].driver", "file");
		p.put("basalt.volume.backends[1].directory", volumeDir.toString());
		return p;
	}

	/**
	 * The fake pool's size in GiB: exactly the file system's total as the file driver reports it (bytes / 2^30),
	 * since a difference is multiplied by the over-subscription ratio; 1 GiB if the file system reports nothing.
	 */
	static String fakeCapacityGb(long fileSystemBytes) {
		return (fileSystemBytes > 0) ? Double.toString((double) fileSystemBytes / GIB) : "1";
	}

	/** The size of the file system holding {@code volumeDir} (which must exist). */
	static long fileSystemBytes(Path volumeDir) throws IOException {
		return Files.getFileStore(volumeDir).getTotalSpace();
	}

}
