package io.basalt.system;

import static io.basalt.system.CinderApi.backendOf;
import static io.basalt.system.CinderApi.number;
import static io.basalt.system.CinderApi.text;
import static io.basalt.system.SystemTestSupport.newProject;
import static io.basalt.system.SystemTestSupport.reasonTexts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The create / delete / extend flow across the three processes: placement by the weigher and by
 * {@code volume_backend_name}, the capabilities and capacity filters, rescheduling after a driver failure,
 * quota and capacity bookkeeping.
 * <p>
 * One volume process {@code vol1} with four backends:
 * <ul>
 * <li>{@code fast}: fake, 100000 GiB thick — the most free space, so the capacity weigher (spread) prefers it;
 * <li>{@code file}: the file driver on a temporary directory (the machine's free disk space, far less);
 * <li>{@code broken}: fake, 1000 GiB, every create fails; {@code volume_backend_name=flaky};
 * <li>{@code small}: fake, 10 GiB; {@code volume_backend_name=flaky} too, so a {@code flaky} volume goes to
 * {@code broken} first (more free space) and, after its failure, is rescheduled to {@code small}.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class VolumeLifecycleIT {

	static final Duration SETTLE = Duration.ofSeconds(60);

	@TempDir
	static Path fileBackendDir;

	BasaltStack stack;

	CinderApi api;

	String fast;

	String file;

	String small;

	String broken;

	@BeforeAll
	void startStack() {
		this.stack = BasaltStack.builder(getClass().getSimpleName())
			.volume("vol1", Backend.fake("fast", 100_000), Backend.file("file", fileBackendDir),
					Backend.fake("broken", 1000).failingCreates().volumeBackendName("flaky"),
					Backend.fake("small", 10).volumeBackendName("flaky"))
			.capabilityInterval(Duration.ofSeconds(2))
			.start();
		this.api = this.stack.api();
		this.fast = "vol1@fast";
		this.file = "vol1@file";
		this.small = "vol1@small";
		this.broken = "vol1@broken";
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void createEndsAvailableOnTheBackendWithTheMostFreeSpace() {
		String project = newProject();
		long t0 = System.nanoTime();
		String id = this.api.createVolume(project, 1, null, "plain");
		JsonNode v = this.api.awaitSettled(project, id, SETTLE);
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
		SystemTestSupport.observe("VolumeLifecycleIT", "create -> " + text(v, "status") + " in " + millis + " ms");
		assertThat(text(v, "status")).as("status of %s", v).isEqualTo("available");
		assertThat(backendOf(text(v, "os-vol-host-attr:host"))).as("host of %s", v).isEqualTo(this.fast);
		assertThat(number(v, "size")).isEqualTo(1);
	}

	@Test
	void typeWithVolumeBackendNameRoutesThere() throws IOException {
		String project = newProject();
		this.api.createType(project, "on-file", Map.of("volume_backend_name", "file"));
		String id = this.api.createVolume(project, 2, "on-file", "filed");
		JsonNode v = this.api.awaitSettled(project, id, SETTLE);
		assertThat(text(v, "status")).as("status of %s", v).isEqualTo("available");
		assertThat(text(v, "volume_type")).isEqualTo("on-file");
		assertThat(backendOf(text(v, "os-vol-host-attr:host"))).as("host of %s", v).isEqualTo(this.file);
		try (Stream<Path> files = Files.walk(fileBackendDir)) {
			assertThat(files.filter(Files::isRegularFile).map(Path::toString))
				.as("the file driver allocated a file for %s under %s", id, fileBackendDir)
				.anyMatch(name -> name.contains(id));
		}
	}

	@Test
	void capabilityNoBackendHasEndsInErrorNamingTheFilter() {
		String project = newProject();
		this.api.createType(project, "unobtainium", Map.of("capabilities:foo", "bar"));
		String id = this.api.createVolume(project, 1, "unobtainium", "nowhere");
		JsonNode v = this.api.awaitSettled(project, id, SETTLE);
		assertThat(text(v, "status")).as("status of %s", v).isEqualTo("error");
		assertThat(text(v, "os-vol-host-attr:host")).as("an unplaced volume has no host").isNull();
		String reasons = reasonTexts(this.stack, project, id);
		assertThat(reasons).as("the reason for the error names the filter that rejected every backend")
			.containsIgnoringCase("CapabilitiesFilter");
	}

	@Test
	void createFailingOnTheFirstChoiceIsRescheduledToAnotherBackend() {
		String project = newProject();
		this.api.createType(project, "flaky", Map.of("volume_backend_name", "flaky"));
		String id = this.api.createVolume(project, 1, "flaky", "rescheduled");
		JsonNode v = this.api.awaitSettled(project, id, SETTLE);
		assertThat(text(v, "status")).as("status of %s\n%s", v, reasonTexts(this.stack, project, id))
			.isEqualTo("available");
		assertThat(backendOf(text(v, "os-vol-host-attr:host"))).as("host of %s", v).isEqualTo(this.small);
	}

	@Test
	void createWhoseOnlyCandidateFailsEndsInError() {
		String project = newProject();
		this.api.createType(project, "flaky-big", Map.of("volume_backend_name", "flaky"));
		// 20 GiB: only broken (1000 GiB) fits, small (10 GiB) does not; broken fails the create
		String id = this.api.createVolume(project, 20, "flaky-big", "doomed");
		JsonNode v = this.api.awaitSettled(project, id, SETTLE);
		assertThat(text(v, "status")).as("status of %s", v).isEqualTo("error");
		JsonNode quota = this.api.quotaUsage(project);
		assertThat(quota.path("volumes").path("reserved").asInt(-1)).as("no reservation left behind: %s", quota)
			.isZero();
	}

	@Test
	void createLargerThanEveryBackendEndsInError() {
		String project = newProject();
		this.api.setQuota(project, Map.of("gigabytes", -1));
		String id = this.api.createVolume(project, 200_000, null, "huge");
		JsonNode v = this.api.awaitSettled(project, id, SETTLE);
		assertThat(text(v, "status")).as("status of %s", v).isEqualTo("error");
		assertThat(text(v, "os-vol-host-attr:host")).isNull();
		assertThat(reasonTexts(this.stack, project, id)).as("the reason names the capacity filter")
			.containsIgnoringCase("CapacityFilter");
	}

	@Test
	void deleteFreesQuotaAtOnceAndCapacityAfterTheNextReport() {
		String project = newProject();
		double freeBefore = freeCapacity(this.fast);
		String id = this.api.createVolume(project, 7, null, "short-lived");
		JsonNode v = this.api.awaitSettled(project, id, SETTLE);
		assertThat(text(v, "status")).as("status of %s", v).isEqualTo("available");
		assertThat(backendOf(text(v, "os-vol-host-attr:host"))).isEqualTo(this.fast);
		JsonNode quota = this.api.quotaUsage(project);
		assertThat(quota.path("gigabytes").path("in_use").asInt(-1)).as("quota %s", quota).isEqualTo(7);
		assertThat(quota.path("volumes").path("in_use").asInt(-1)).as("quota %s", quota).isEqualTo(1);
		// the next capability report shows the 7 GiB taken
		double freeWhileUsed = awaitFree(this.fast, free -> free <= freeBefore - 7, "drops by 7 GiB from " + freeBefore);

		this.api.deleteVolume(project, id).expect(202, "delete " + id);
		this.api.awaitGone(project, id, SETTLE);
		JsonNode after = this.api.quotaUsage(project);
		assertThat(after.path("gigabytes").path("in_use").asInt(-1)).as("quota right after the delete: %s", after)
			.isZero();
		assertThat(after.path("volumes").path("in_use").asInt(-1)).as("quota right after the delete: %s", after)
			.isZero();
		awaitFree(this.fast, free -> free >= freeWhileUsed + 7, "rises by 7 GiB from " + freeWhileUsed);
	}

	@Test
	void extendGrowsTheVolume() {
		String project = newProject();
		String id = this.api.createVolume(project, 1, null, "growing");
		assertThat(text(this.api.awaitSettled(project, id, SETTLE), "status")).isEqualTo("available");
		this.api.extendVolume(project, id, 3).expect(202, "extend " + id);
		JsonNode v = this.api.awaitSettled(project, id, SETTLE);
		assertThat(text(v, "status")).as("status of %s", v).isEqualTo("available");
		assertThat(number(v, "size")).as("size of %s", v).isEqualTo(3);
		JsonNode quota = this.api.quotaUsage(project);
		assertThat(quota.path("gigabytes").path("in_use").asInt(-1)).as("quota %s", quota).isEqualTo(3);
	}

	private double freeCapacity(String backendHost) {
		JsonNode pool = this.api.pool("admin-view", backendHost);
		assertThat(pool).as("get_pools lists %s", backendHost).isNotNull();
		double free = number(pool.path("capabilities"), "free_capacity_gb");
		assertThat(free).as("free_capacity_gb of %s", pool).isNotNaN();
		return free;
	}

	private double awaitFree(String backendHost, java.util.function.DoublePredicate condition, String what) {
		AtomicReference<Double> last = new AtomicReference<>();
		try {
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
				double free = freeCapacity(backendHost);
				last.set(free);
				return condition.test(free);
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("free capacity of " + backendHost + " never " + what + "; last " + last.get()
					+ "; pool " + this.api.pool("admin-view", backendHost), ex);
		}
		return last.get();
	}

}
