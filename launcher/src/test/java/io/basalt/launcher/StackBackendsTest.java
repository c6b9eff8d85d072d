package io.basalt.launcher;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StackBackendsTest {

	private static final long GIB = 1L << 30;

	/** The fake pool is thin and exactly as large as the file system the file pool reports. */
	@Test
	void fakePoolIsSizedLikeTheFileSystem() {
		Map<String, String> p = StackBackends.properties(Path.of("/srv/basalt/var/volumes"), 252 * GIB + GIB / 2);

		assertThat(p).containsEntry("basalt.volume.backends[0].name", "fake")
			.containsEntry("basalt.volume.backends[0].driver", "fake")
			.containsEntry("basalt.volume.backends[0].fake.capacity-gb", "252.5")
			.containsEntry("basalt.volume.backends[0].fake.thin", "true")
			.containsEntry("basalt.volume.backends[1].name", "file")
			.containsEntry("basalt.volume.backends[1].driver", "file")
			.containsEntry("basalt.volume.backends[1].directory", "/srv/basalt/var/volumes")
			.doesNotContainKey("basalt.volume.backends[0].max-over-subscription-ratio")
			.doesNotContainKey("basalt.volume.backends[1].max-over-subscription-ratio");
	}

	/** A file system that reports no size still gives a valid fake pool. */
	@Test
	void emptyFileSystemGivesOneGib() {
		assertThat(StackBackends.fakeCapacityGb(0)).isEqualTo("1");
	}

	/** The size is read from the directory's file store. */
	@Test
	void readsTheFileSystemSize(@TempDir Path dir) throws Exception {
		assertThat(StackBackends.fileSystemBytes(dir)).isPositive();
	}

}
