package io.basalt.system.observability;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the test artifacts are (as {@code BasaltStack} finds them). */
public final class ObservabilityPaths {

	private ObservabilityPaths() {
	}

	/** The repository root. */
	public static Path root() {
		String root = System.getProperty("basalt.system.root");
		if (root != null) {
			return Path.of(root).toAbsolutePath().normalize();
		}
		Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
		return Files.isDirectory(dir.resolve("system-tests")) ? dir : dir.getParent();
	}

	/** {@code system-tests/target/artifacts}, created. */
	public static Path artifacts() throws java.io.IOException {
		return Files.createDirectories(root().resolve("system-tests/target/artifacts"));
	}

}
