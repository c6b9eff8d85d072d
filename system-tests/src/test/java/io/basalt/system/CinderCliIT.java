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
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The real {@code cinder} CLI (python3-cinderclient) against the stack, unmodified, in noauth mode:
 * <pre>
 * OS_AUTH_TYPE=noauth OS_VOLUME_API_VERSION=&lt;api max&gt; cinder --user-id U --project-id P \
 *     --endpoint http://127.0.0.1:&lt;port&gt;/v3 &lt;command&gt;
 * </pre>
 * (with {@code OS_AUTH_TYPE=noauth}, cinderclient 9.1 takes {@code --user-id/--project-id/--endpoint}; the
 * {@code --os-user-id/--os-project-id/--os-endpoint} spellings are rejected in that mode). Each command must exit 0
 * and print the expected values.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CinderCliIT {

	static final Path CINDER = Path.of("/usr/bin/cinder");

	static final Pattern ID_ROW = Pattern.compile("\\|\\s*id\\s*\\|\\s*([0-9a-f-]{36})\\s*\\|");

	BasaltStack stack;

	String apiVersion;

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
		String max = CinderApi.text(this.stack.api().versions().body().path("versions").path(0), "version");
		// cinderclient 9.1 knows up to 3.70
		this.apiVersion = (max == null || compare(max, "3.70") > 0) ? "3.70" : max;
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	record Run(int exit, String out) {
	}

	/** Runs {@code cinder <args>} as user {@code cli-user} of {@code project}; stdout and stderr together. */
	Run cinder(String project, String... args) {
		return cinderAt(this.stack.apiBaseUrl() + "/v3", project, args);
	}

	/**
	 * Runs {@code cinder <args>} against {@code endpoint}. In noauth mode cinderclient puts no project in its URLs
	 * (they are 3.67's project-less paths, refused below 3.67), so a command run at an older
	 * {@code --os-volume-api-version} names the project in the endpoint, as a catalog's {@code .../v3/<project>}
	 * does.
	 */
	Run cinderAt(String endpoint, String project, String... args) {
		List<String> cmd = new ArrayList<>(List.of(CINDER.toString(), "--user-id", "cli-user", "--project-id",
				project, "--endpoint", endpoint));
		cmd.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().keySet().removeIf(k -> k.startsWith("OS_") || k.startsWith("CINDER_"));
		pb.environment().put("OS_AUTH_TYPE", "noauth");
		pb.environment().put("OS_VOLUME_API_VERSION", this.apiVersion);
		try {
			Process p = pb.start();
			byte[] out = p.getInputStream().readAllBytes();
			if (!p.waitFor(60, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new AssertionError("cinder " + String.join(" ", args) + " did not finish in 60 s");
			}
			return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new AssertionError("cannot run " + cmd, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Runs a command that must succeed and returns its output. */
	String ok(String project, String... args) {
		return ok(cinder(project, args), args);
	}

	/** Runs {@code cinder --os-volume-api-version 3.44 <args>} (endpoint {@code .../v3/<project>}); must succeed. */
	String ok344(String project, String... args) {
		List<String> all = new ArrayList<>(List.of("--os-volume-api-version", "3.44"));
		all.addAll(List.of(args));
		String[] withVersion = all.toArray(String[]::new);
		return ok(cinderAt(this.stack.apiBaseUrl() + "/v3/" + project, project, withVersion), withVersion);
	}

	private static String ok(Run r, String... args) {
		assertThat(r.exit()).as("exit code of `cinder %s`; output:%n%s", String.join(" ", args), r.out()).isZero();
		return r.out();
	}

	/** The value column of a {@code | Property | Value |} table row. */
	static String property(String table, String name) {
		Matcher m = Pattern.compile("\\|\\s*" + Pattern.quote(name) + "\\s*\\|\\s*(.*?)\\s*\\|").matcher(table);
		return m.find() ? m.group(1) : null;
	}

	@Test
	void volumeCreateListShowExtendDelete() {
		String project = newProject();
		String created = ok(project, "create", "--name", "cli-vol", "1");
		assertThat(created).contains("cli-vol");
		Matcher id = ID_ROW.matcher(created);
		assertThat(id.find()).as("an id row in:%n%s", created).isTrue();
		String volumeId = id.group(1);

		String shown = awaitShowStatus(project, volumeId, "available");
		assertThat(property(shown, "name")).isEqualTo("cli-vol");
		assertThat(property(shown, "size")).isEqualTo("1");
		SystemTestSupport.observe("CinderCliIT", "cinder show after create:\n" + shown);

		String listed = ok(project, "list");
		assertThat(listed).contains(volumeId).contains("cli-vol").contains("available");

		ok(project, "extend", volumeId, "2");
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			String s = ok(project, "show", volumeId);
			assertThat(property(s, "size")).isEqualTo("2");
			assertThat(property(s, "status")).isEqualTo("available");
		});

		ok(project, "delete", volumeId);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(ok(project, "list")).doesNotContain(volumeId));
	}

	/** {@code metadata}, {@code metadata-show}, {@code metadata-update-all} and their snapshot twins. */
	@Test
	void volumeAndSnapshotMetadata() {
		String project = newProject();
		Matcher id = ID_ROW.matcher(ok(project, "create", "--name", "cli-meta", "1"));
		assertThat(id.find()).isTrue();
		String volumeId = id.group(1);
		awaitShowStatus(project, volumeId, "available");

		ok(project, "metadata", volumeId, "set", "a=1", "b=2", "c=3");
		String shown = ok(project, "metadata-show", volumeId);
		assertThat(property(shown, "a")).isEqualTo("1");
		assertThat(property(shown, "b")).isEqualTo("2");
		// from 3.15 unset is a GET and a PUT with If-Match: the Etag must round-trip
		ok(project, "metadata", volumeId, "unset", "a", "c");
		shown = ok(project, "metadata-show", volumeId);
		assertThat(property(shown, "a")).isNull();
		assertThat(property(shown, "c")).isNull();
		assertThat(property(shown, "b")).isEqualTo("2");
		String all = ok(project, "metadata-update-all", volumeId, "z=26");
		assertThat(property(all, "z")).isEqualTo("26");
		assertThat(property(ok(project, "metadata-show", volumeId), "b")).isNull();

		String snap = ok(project, "snapshot-create", "--name", "cli-snap", "--metadata", "k=v", "--", volumeId);
		Matcher sid = ID_ROW.matcher(snap);
		assertThat(sid.find()).as("an id row in:%n%s", snap).isTrue();
		String snapshotId = sid.group(1);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(property(ok(project, "snapshot-show", snapshotId), "status"))
				.isEqualTo("available"));
		ok(project, "snapshot-metadata", snapshotId, "set", "x=1", "y=2");
		String snapMeta = ok(project, "snapshot-metadata-show", snapshotId);
		assertThat(property(snapMeta, "k")).isEqualTo("v");
		assertThat(property(snapMeta, "x")).isEqualTo("1");
		ok(project, "snapshot-metadata", snapshotId, "unset", "x");
		assertThat(property(ok(project, "snapshot-metadata-show", snapshotId), "x")).isNull();
		assertThat(ok(project, "snapshot-metadata-update-all", snapshotId, "only=1")).contains("only");
		snapMeta = ok(project, "snapshot-metadata-show", snapshotId);
		assertThat(property(snapMeta, "only")).isEqualTo("1");
		assertThat(property(snapMeta, "k")).isNull();

		// snapshot actions and sorted lists through the CLI; then a cascading delete takes the snapshot along
		ok(project, "snapshot-reset-state", "--state", "error", snapshotId);
		assertThat(property(ok(project, "snapshot-show", snapshotId), "status")).isEqualTo("error");
		assertThat(ok(project, "snapshot-list", "--sort", "created_at:asc")).contains(snapshotId);
		ok(project, "delete", "--cascade", volumeId);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			assertThat(ok(project, "list")).doesNotContain(volumeId);
			assertThat(ok(project, "snapshot-list")).doesNotContain(snapshotId);
		});
		String quota = ok(project, "quota-usage", project);
		assertThat(quota).containsPattern("\\|\\s*snapshots\\s*\\|\\s*0\\s*\\|");
	}

	@Test
	void readonlyModeUpdateSetBootableZonesAndExtensions() {
		String project = newProject();
		String created = ok(project, "create", "--name", "cli-flags", "1");
		Matcher id = ID_ROW.matcher(created);
		assertThat(id.find()).as("an id row in:%n%s", created).isTrue();
		String volumeId = id.group(1);
		awaitShowStatus(project, volumeId, "available");

		ok(project, "readonly-mode-update", volumeId, "True");
		ok(project, "set-bootable", volumeId, "true");
		String shown = ok(project, "show", volumeId);
		assertThat(property(shown, "bootable")).isEqualTo("true");
		assertThat(shown).containsPattern("readonly\\W+True");
		ok(project, "readonly-mode-update", volumeId, "false");
		ok(project, "set-bootable", volumeId, "False");
		shown = ok(project, "show", volumeId);
		assertThat(property(shown, "bootable")).isEqualTo("false");
		assertThat(shown).containsPattern("readonly\\W+False");
		SystemTestSupport.observe("CinderCliIT", "cinder show after readonly-mode-update and set-bootable:\n" + shown);

		// a wrong state is Cinder's 400, which the CLI reports with a non-zero exit
		ok(project, "reset-state", "--state", "error", volumeId);
		Run refused = cinder(project, "readonly-mode-update", volumeId, "True");
		assertThat(refused.exit()).isNotZero();
		assertThat(refused.out()).contains("must be available to update readonly flag");

		assertThat(ok(project, "availability-zone-list")).contains("available");
		assertThat(ok(project, "list-extensions")).contains("VolumeActions").contains("os-volume-actions");
	}

	@Test
	void typeCreateAndTypeKey() {
		String project = newProject();
		String created = ok(project, "type-create", "cli-type");
		assertThat(created).contains("cli-type");
		ok(project, "type-key", "cli-type", "set", "volume_backend_name=fake");
		String specs = ok(project, "extra-specs-list");
		assertThat(specs).contains("cli-type").contains("volume_backend_name").contains("fake");
		assertThat(ok(project, "type-list")).contains("cli-type");

		// a volume of that type lands on the backend it names
		String vol = ok(project, "create", "--volume-type", "cli-type", "--name", "typed", "1");
		Matcher id = ID_ROW.matcher(vol);
		assertThat(id.find()).isTrue();
		String shown = awaitShowStatus(project, id.group(1), "available");
		assertThat(property(shown, "volume_type")).isEqualTo("cli-type");
		assertThat(property(shown, "os-vol-host-attr:host")).startsWith("vol1@fake");
	}

	@Test
	void serviceListGetPoolsQuotaShow() {
		String project = newProject();
		String services = ok(project, "service-list");
		assertThat(services).contains("vol1@fake").contains("sched1").contains("up").contains("enabled");

		String pools = ok(project, "get-pools");
		assertThat(pools).contains("vol1@fake");
		String detail = ok(project, "get-pools", "--detail");
		assertThat(detail).contains("vol1@fake").contains("total_capacity_gb").contains("free_capacity_gb");

		String quota = ok(project, "quota-show", project);
		assertThat(property(quota, "volumes")).isEqualTo("10");
		assertThat(property(quota, "gigabytes")).isEqualTo("1000");
		assertThat(property(quota, "snapshots")).isEqualTo("10");
	}

	/**
	 * transfer-create, transfer-list, transfer-show and transfer-accept (by another project) move a volume; a
	 * create no backend can take leaves a user message that message-list and message-show print.
	 */
	@Test
	void transferCreateAcceptAndMessageList() {
		String donor = newProject();
		String recipient = newProject();
		Matcher id = ID_ROW.matcher(ok(donor, "create", "--name", "cli-xfer", "1"));
		assertThat(id.find()).isTrue();
		String volumeId = id.group(1);
		awaitShowStatus(donor, volumeId, "available");

		String created = ok(donor, "transfer-create", "--name", "cli-t", volumeId);
		String transferId = property(created, "id");
		String authKey = property(created, "auth_key");
		assertThat(authKey).hasSize(16);
		assertThat(ok(donor, "transfer-list")).contains(transferId).contains("cli-t");
		assertThat(property(ok(donor, "transfer-show", transferId), "volume_id")).isEqualTo(volumeId);
		assertThat(property(ok(donor, "show", volumeId), "status")).isEqualTo("awaiting-transfer");
		assertThat(cinder(recipient, "transfer-accept", transferId, "0000000000000000").exit()).isNotZero();

		String accepted = ok(recipient, "transfer-accept", transferId, authKey);
		assertThat(property(accepted, "volume_id")).isEqualTo(volumeId);
		assertThat(ok(recipient, "list")).contains(volumeId);
		assertThat(ok(donor, "list")).doesNotContain(volumeId);
		assertThat(property(ok(recipient, "show", volumeId), "status")).isEqualTo("available");
		SystemTestSupport.observe("CinderCliIT", "cinder transfer-accept:\n" + accepted);

		ok(recipient, "type-create", "cli-nowhere-" + recipient.substring(0, 8));
		ok(recipient, "type-key", "cli-nowhere-" + recipient.substring(0, 8), "set", "volume_backend_name=nowhere");
		Matcher failed = ID_ROW.matcher(ok(recipient, "create", "--volume-type",
				"cli-nowhere-" + recipient.substring(0, 8), "1"));
		assertThat(failed.find()).isTrue();
		awaitShowStatus(recipient, failed.group(1), "error");
		String messages = ok(recipient, "message-list");
		assertThat(messages).contains(failed.group(1)).contains("VOLUME_VOLUME_001_003");
		Matcher messageId = Pattern.compile("\\|\\s*([0-9a-f-]{36})\\s*\\|\\s*VOLUME\\s*\\|").matcher(messages);
		assertThat(messageId.find()).as(messages).isTrue();
		assertThat(property(ok(recipient, "message-show", messageId.group(1)), "user_message"))
			.isEqualTo("schedule allocate volume: Could not find any available weighted backend.");
		ok(recipient, "message-delete", messageId.group(1));
		assertThat(ok(recipient, "message-list")).doesNotContain(messageId.group(1));
		SystemTestSupport.observe("CinderCliIT", "cinder message-list:\n" + messages);
	}

	/**
	 * The attachments API (3.44) through the CLI: {@code attachment-create} without a connector reserves the volume,
	 * {@code attachment-list}/{@code attachment-show} show it, {@code attachment-delete} frees the volume; with
	 * connector options the fake driver's connection info is printed, {@code attachment-complete} makes the volume
	 * {@code in-use}, and the delete makes it {@code available} again.
	 */
	@Test
	void attachmentCreateListShowCompleteDelete() {
		String project = newProject();
		Matcher volume = ID_ROW.matcher(ok(project, "create", "--name", "cli-attach", "1"));
		assertThat(volume.find()).isTrue();
		String volumeId = volume.group(1);
		awaitShowStatus(project, volumeId, "available");
		String instance = java.util.UUID.randomUUID().toString();

		String reserved = ok344(project, "attachment-create", volumeId, instance);
		SystemTestSupport.observe("CinderCliIT", "cinder attachment-create (no connector):\n" + reserved);
		Matcher reservedId = ID_ROW.matcher(reserved);
		assertThat(reservedId.find()).as("an id row in:%n%s", reserved).isTrue();
		String attachment = reservedId.group(1);
		assertThat(property(reserved, "status")).isEqualTo("reserved");
		assertThat(property(ok(project, "show", volumeId), "status")).isEqualTo("reserved");
		String listed = ok344(project, "attachment-list");
		assertThat(listed).contains(attachment).contains(volumeId).contains("reserved").contains(instance);
		String shown = ok344(project, "attachment-show", attachment);
		assertThat(property(shown, "volume_id")).isEqualTo(volumeId);
		assertThat(property(shown, "instance")).isEqualTo(instance);
		ok344(project, "attachment-delete", attachment);
		assertThat(property(ok(project, "show", volumeId), "status")).isEqualTo("available");
		assertThat(ok344(project, "attachment-list")).doesNotContain(attachment);

		String connected = ok344(project, "attachment-create", "--connect", "True",
				"--host", "cli-host", "--initiator", "iqn.1993-08.org.debian:01:cli", "--mountpoint", "/dev/vdb",
				volumeId, instance);
		SystemTestSupport.observe("CinderCliIT", "cinder attachment-create --connect True:\n" + connected);
		Matcher connectedId = ID_ROW.matcher(connected);
		assertThat(connectedId.find()).as("an id row in:%n%s", connected).isTrue();
		String second = connectedId.group(1);
		assertThat(property(connected, "status")).isEqualTo("attaching");
		assertThat(property(connected, "driver_volume_type")).isEqualTo("fake");
		assertThat(property(connected, "target_host")).isEqualTo("cli-host");
		assertThat(property(connected, "attachment_id")).isEqualTo(second);
		assertThat(property(ok(project, "show", volumeId), "status")).isEqualTo("attaching");
		ok344(project, "attachment-complete", second);
		String inUse = ok(project, "show", volumeId);
		assertThat(property(inUse, "status")).isEqualTo("in-use");
		assertThat(inUse).contains(second);
		ok344(project, "attachment-delete", second);
		assertThat(property(ok(project, "show", volumeId), "status")).isEqualTo("available");
	}

	private String awaitShowStatus(String project, String volumeId, String status) {
		AtomicReference<String> last = new AtomicReference<>();
		try {
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
				String s = ok(project, "show", volumeId);
				last.set(s);
				return status.equals(property(s, "status"));
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("cinder show " + volumeId + " never showed " + status + ":\n" + last.get(), ex);
		}
		return last.get();
	}

	static int compare(String a, String b) {
		String[] x = a.split("\\.");
		String[] y = b.split("\\.");
		int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
		return (c != 0) ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
	}

}
