package io.basalt.api.volume;

import java.time.Instant;
import java.util.Map;

import io.basalt.api.type.VolumeType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which types fit a volume's backend without migration, and the quota a retype moves. */
class VolumeRetypeTest {

	static VolumeRecord volume(String host, String typeName) {
		return new VolumeRecord("1f76c9ec-c5e6-493f-9182-4cc3e7a4d8eb", "p", "u", null, null, 3, "available",
				"detached", null, null, "nova", host, null, "59849b0c-be0e-47b2-badc-449b4ce2cf6b", typeName, null,
				null, null, false, false, true, null, Instant.EPOCH, null, Map.of());
	}

	static VolumeType type(String name, Map<String, String> specs) {
		return new VolumeType(name + "-id", name, null, true, null, specs);
	}

	/** No backend name, the old type's, or the host's backend fit; any other backend needs a migration. */
	@Test
	void fitsTheBackendByNameOrHost() {
		VolumeRecord v = volume("node1@fake#pool", "old");
		VolumeType old = type("old", Map.of("volume_backend_name", "lvm"));
		assertThat(VolumeRetype.fitsBackend(v, old, type("plain", Map.of()))).isTrue();
		assertThat(VolumeRetype.fitsBackend(v, old, type("same", Map.of("volume_backend_name", "lvm")))).isTrue();
		assertThat(VolumeRetype.fitsBackend(v, old, type("host", Map.of("volume_backend_name", "fake")))).isTrue();
		assertThat(VolumeRetype.fitsBackend(v, old, type("far", Map.of("volume_backend_name", "ceph")))).isFalse();
		assertThat(VolumeRetype.fitsBackend(volume("node1@fake", "old"), null,
				type("host", Map.of("volume_backend_name", "fake")))).isTrue();
		assertThat(VolumeRetype.fitsBackend(volume(null, "old"), null,
				type("far", Map.of("volume_backend_name", "fake")))).isFalse();
	}

	/** The per-type resources move; the totals are left alone. */
	@Test
	void quotaMovesBetweenThePerTypeResources() {
		assertThat(VolumeApi.retypeQuotaDeltas(volume("h@b#p", "old"), "new")).isEqualTo(
				Map.of("volumes_old", -1, "gigabytes_old", -3, "volumes_new", 1, "gigabytes_new", 3));
		assertThat(VolumeApi.retypeQuotaDeltas(volume("h@b#p", null), "new")).isEqualTo(
				Map.of("volumes_new", 1, "gigabytes_new", 3));
	}

}
