package io.basalt.bench.scale;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreloaderTest {

	@Test
	void theMixOfStatusesIsTheDocumentedOne() {
		Map<String, Integer> counts = new HashMap<>();
		int snapshots = 0;
		for (long i = 0; i < 100_000; i++) {
			counts.merge(Preloader.status(i), 1, Integer::sum);
			snapshots += Preloader.hasSnapshot(i) ? 1 : 0;
		}
		assertThat(counts).containsEntry("deleted", 10_000)
			.containsEntry("error", 1000)
			.containsEntry("creating", 100)
			.containsEntry("deleting", 100)
			.containsEntry("extending", 100)
			.containsEntry("available", 88_700);
		assertThat(snapshots).isEqualTo(20_000);
	}

	@Test
	void rowIsAlwaysTheSameVolumeAndProject() {
		assertThat(Preloader.volumeId(12_345)).isEqualTo(Preloader.volumeId(12_345))
			.isNotEqualTo(Preloader.volumeId(12_346));
		assertThat(UUID.fromString(Preloader.volumeId(7).toString())).isEqualTo(Preloader.volumeId(7));
		assertThat(Preloader.project(205, 100)).isEqualTo("scale-05");
	}

}
