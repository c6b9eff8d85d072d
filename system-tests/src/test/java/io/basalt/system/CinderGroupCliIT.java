package io.basalt.system;

import static io.basalt.system.SystemTestSupport.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Generic volume groups through the real {@code cinder} CLI (python3-cinderclient), unmodified, at
 * {@code --os-volume-api-version 3.14}, against a stack with one fake backend (noauth, as {@link CinderCliIT}):
 * group-type-create, group-type-key, group-create, group-list, group-show, group-update --add-volumes,
 * group-snapshot-create, group-snapshot-list, group-snapshot-delete and group-delete --delete-volumes, each of
 * which must exit 0, and the group, its volume and its snapshots must reach the statuses the commands imply.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CinderGroupCliIT {

	static final Path CINDER = Path.of("/usr/bin/cinder");

	static final String VERSION = "3.14";

	BasaltStack stack;

	@BeforeAll
	void startStack() {
		if (!Files.isExecutable(CINDER)) {
			fail(CINDER + " is missing: install python3-cinderclient (apt-get install python3-cinderclient; "
					+ ".ci/run does it) to run the CLI tests");
		}
		this.stack = BasaltStack.builder(getClass().getSimpleName())
			.volume("vol1", Backend.fake("fake", 1000))
			.capabilityInterval(Duration.ofSeconds(2))
			.start();
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void groupLifecycleThroughTheCli() {
		String project = newProject();
		String suffix = project.substring(0, 8);
		String groupType = "cli-gt-" + suffix;
		String volumeType = "cli-gvt-" + suffix;
		assertThat(ok(project, "group-type-create", groupType)).contains(groupType);
		// a group spec the fake backend satisfies: the scheduler matches group specs against capabilities
		ok(project, "group-type-key", groupType, "set", "volume_backend_name=fake");
		assertThat(ok(project, "group-type-list")).contains(groupType);
		ok(project, "type-create", volumeType);

		String created = ok(project, "group-create", "--name", "cli-group", groupType, volumeType);
		String groupId = CinderCliIT.property(created, "id");
		assertThat(groupId).as(created).matches("[0-9a-f-]{36}");
		awaitGroup(project, groupId, "available");
		assertThat(ok(project, "group-list")).contains(groupId).contains("cli-group");
		String shown = ok(project, "group-show", groupId);
		assertThat(CinderCliIT.property(shown, "group_type")).isNotBlank();
		assertThat(shown).contains("volume_types");

		String volume = ok(project, "create", "--volume-type", volumeType, "--name", "cli-gvol", "1");
		String volumeId = CinderCliIT.property(volume, "id");
		awaitVolume(project, volumeId, "available");
		ok(project, "group-update", "--add-volumes", volumeId, groupId);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(CinderCliIT.property(ok(project, "show", volumeId), "group_id")).isEqualTo(groupId);
			assertThat(CinderCliIT.property(ok(project, "group-show", groupId), "status")).isEqualTo("available");
		});

		String snapshot = ok(project, "group-snapshot-create", "--name", "cli-gsnap", groupId);
		String groupSnapshotId = CinderCliIT.property(snapshot, "id");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			String listed = ok(project, "group-snapshot-list");
			assertThat(listed).containsPattern(Pattern.quote(groupSnapshotId) + "\\s*\\|\\s*available");
		});
		assertThat(ok(project, "snapshot-list")).contains(volumeId).contains("available");
		SystemTestSupport.observe("CinderGroupCliIT", "cinder group-snapshot-list:\n" + ok(project,
				"group-snapshot-list"));

		ok(project, "group-snapshot-delete", groupSnapshotId);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(ok(project, "group-snapshot-list")).doesNotContain(groupSnapshotId);
			assertThat(ok(project, "snapshot-list")).doesNotContain(volumeId);
		});

		ok(project, "group-delete", "--delete-volumes", groupId);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(ok(project, "group-list")).doesNotContain(groupId);
			assertThat(ok(project, "list")).doesNotContain(volumeId);
		});
		String quota = ok(project, "quota-usage", project);
		assertThat(quota).containsPattern("\\|\\s*groups\\s*\\|\\s*0\\s*\\|");
		assertThat(quota).containsPattern("\\|\\s*volumes\\s*\\|\\s*0\\s*\\|");
	}

	private void awaitGroup(String project, String groupId, String status) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(CinderCliIT.property(ok(project, "group-show", groupId), "status"))
				.isEqualTo(status));
	}

	private void awaitVolume(String project, String volumeId, String status) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(CinderCliIT.property(ok(project, "show", volumeId), "status"))
				.isEqualTo(status));
	}

	/** Runs {@code cinder --os-volume-api-version 3.14 <args>} as {@code cli-user} of {@code project}; must exit 0. */
	private String ok(String project, String... args) {
		List<String> cmd = new ArrayList<>(List.of(CINDER.toString(), "--os-volume-api-version", VERSION,
				"--user-id", "cli-user", "--project-id", project, "--endpoint",
				// below 3.67 a v3 URL names the project (cinderclient's noauth endpoint is used as given)
				this.stack.apiBaseUrl() + "/v3/" + project));
		cmd.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().keySet().removeIf(k -> k.startsWith("OS_") || k.startsWith("CINDER_"));
		pb.environment().put("OS_AUTH_TYPE", "noauth");
		try {
			Process p = pb.start();
			byte[] out = p.getInputStream().readAllBytes();
			if (!p.waitFor(60, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new AssertionError("cinder " + String.join(" ", args) + " did not finish in 60 s");
			}
			String text = new String(out, StandardCharsets.UTF_8);
			assertThat(p.exitValue()).as("exit code of `cinder %s`; output:%n%s", String.join(" ", args), text)
				.isZero();
			return text;
		}
		catch (IOException ex) {
			throw new AssertionError("cannot run " + cmd, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
