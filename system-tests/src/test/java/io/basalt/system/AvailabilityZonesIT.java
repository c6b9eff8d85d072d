package io.basalt.system;

import static io.basalt.system.CinderApi.text;
import static io.basalt.system.SystemTestSupport.newUnlimitedProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Availability zones that mean something, on real processes: two volume services, {@code vol1} with backend
 * {@code north} in the default zone {@code nova} and {@code vol2} with backend {@code south} in {@code az2} (the
 * backend's own {@code availability-zone}). {@code /os-availability-zone} lists both zones and their state, a
 * create names its zone and lands in it (a create without one goes to the default zone), an unknown zone is
 * refused with Cinder's 400 and nothing is created, and a zone whose only service is disabled is listed as not
 * available.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AvailabilityZonesIT {

	BasaltStack stack;

	@BeforeAll
	void startStack() {
		this.stack = BasaltStack.builder(getClass().getSimpleName())
			.volume("vol1", Backend.fake("north", 1_000))
			.volume("vol2", Backend.fake("south", 1_000).with("availability-zone", "az2"))
			.capabilityInterval(Duration.ofSeconds(2))
			.reportInterval(Duration.ofSeconds(1))
			.start();
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	private Map<String, Boolean> zones(String project) {
		Map<String, Boolean> zones = new HashMap<>();
		for (JsonNode z : this.stack.api().get(project, "/os-availability-zone").expect(200, "zones").body()
			.path("availabilityZoneInfo")) {
			zones.put(text(z, "zoneName"), z.path("zoneState").path("available").asBoolean());
		}
		return zones;
	}

	private String create(String project, String zone) {
		Map<String, Object> volume = new LinkedHashMap<>();
		volume.put("size", 1);
		if (zone != null) {
			volume.put("availability_zone", zone);
		}
		return text(this.stack.api().postVolume(project, volume).expect(202, "create in " + zone).body()
			.path("volume"), "id");
	}

	@Test
	void createsLandInTheZoneTheyNameAndUnknownZonesAreRefused() {
		CinderApi api = this.stack.api();
		String project = newUnlimitedProject(api);
		assertThat(zones(project)).containsEntry("nova", true).containsEntry("az2", true);

		String south = create(project, "az2");
		String north = create(project, "nova");
		String unnamed = create(project, null);
		for (String id : new String[] { south, north, unnamed }) {
			assertThat(text(api.awaitSettled(project, id, Duration.ofSeconds(60)), "status")).isEqualTo("available");
		}
		JsonNode s = api.volume(project, south);
		assertThat(text(s, "availability_zone")).isEqualTo("az2");
		assertThat(text(s, "os-vol-host-attr:host")).startsWith("vol2@south");
		assertThat(text(api.volume(project, north), "os-vol-host-attr:host")).startsWith("vol1@north");
		JsonNode u = api.volume(project, unnamed);
		assertThat(text(u, "availability_zone")).isEqualTo("nova");
		assertThat(text(u, "os-vol-host-attr:host")).startsWith("vol1@north");

		int before = api.volumes(project).size();
		CinderApi.Response refused = api.postVolume(project, Map.of("size", 1, "availability_zone", "nowhere"));
		assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
		assertThat(text(refused.body().path("badRequest"), "message"))
			.isEqualTo("Availability zone 'nowhere' is invalid.");
		assertThat(api.volumes(project)).hasSize(before);
	}

	/**
	 * A volume type's {@code RESKEY:availability_zones}: a create that names no zone goes to one of the type's zones
	 * (the scheduler's choice when there are several, and the volume shows the zone it landed in); a zone outside
	 * the type's, or a type none of whose zones exists, is Cinder's 400 and creates nothing.
	 */
	@Test
	void aTypesZonesConfineItsVolumes() {
		CinderApi api = this.stack.api();
		String project = newUnlimitedProject(api);
		String suffix = Long.toString(System.nanoTime());
		api.createType(project, "south-only-" + suffix, Map.of("RESKEY:availability_zones", "az2"));
		api.createType(project, "either-" + suffix, Map.of("RESKEY:availability_zones", "az2, nova"));
		api.createType(project, "nowhere-" + suffix, Map.of("RESKEY:availability_zones", "mars"));

		String south = api.createVolume(project, 1, "south-only-" + suffix);
		List<String> either = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			either.add(api.createVolume(project, 1, "either-" + suffix));
		}
		assertThat(text(api.awaitSettled(project, south, Duration.ofSeconds(60)), "status")).isEqualTo("available");
		JsonNode s = api.volume(project, south);
		assertThat(text(s, "availability_zone")).isEqualTo("az2");
		assertThat(text(s, "os-vol-host-attr:host")).startsWith("vol2@south");
		for (String id : either) {
			assertThat(text(api.awaitSettled(project, id, Duration.ofSeconds(60)), "status")).isEqualTo("available");
			JsonNode v = api.volume(project, id);
			String zone = text(v, "os-vol-host-attr:host").startsWith("vol2@south") ? "az2" : "nova";
			assertThat(text(v, "availability_zone")).as("the zone of the backend it landed on").isEqualTo(zone);
		}

		int before = api.volumes(project).size();
		CinderApi.Response outside = api.postVolume(project,
				Map.of("size", 1, "volume_type", "south-only-" + suffix, "availability_zone", "nova"));
		assertThat(outside.status()).as(outside.raw()).isEqualTo(400);
		assertThat(text(outside.body().path("badRequest"), "message")).isEqualTo("Availability zone 'nova' is invalid.");
		CinderApi.Response nowhere = api.postVolume(project, Map.of("size", 1, "volume_type", "nowhere-" + suffix));
		assertThat(nowhere.status()).as(nowhere.raw()).isEqualTo(400);
		assertThat(text(nowhere.body().path("badRequest"), "message"))
			.isEqualTo("Volume type is only supported in these availability zones: ['mars']");
		assertThat(api.volumes(project)).hasSize(before);
	}

	@Test
	void aZoneWhoseOnlyServiceIsDisabledIsNotAvailable() {
		CinderApi api = this.stack.api();
		String project = newUnlimitedProject(api);
		String binary = null;
		for (JsonNode service : api.services(project)) {
			if ("vol2@south".equals(text(service, "host"))) {
				binary = text(service, "binary");
			}
		}
		assertThat(binary).as("the services list names vol2@south").isNotNull();
		Map<String, Object> body = Map.of("host", "vol2@south", "binary", binary);
		api.request("PUT", project, "/os-services/disable", body, null).expect(200, "disable vol2@south");
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.FALSE.equals(zones(project).get("az2")));
			assertThat(zones(project)).containsEntry("nova", true);
		}
		finally {
			api.request("PUT", project, "/os-services/enable", body, null).expect(200, "enable vol2@south");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(zones(project).get("az2")));
	}

}
