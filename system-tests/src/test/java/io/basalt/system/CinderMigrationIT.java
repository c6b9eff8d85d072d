package io.basalt.system;

import static io.basalt.system.SystemTestSupport.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
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
 * Volume migration through the real {@code cinder} CLI (noauth, as {@link CinderCliIT}) between two {@code file}
 * backends on this machine: {@code cinder retype --migration-policy on-demand} and {@code cinder migrate} end with
 * the volume on the other backend, its {@code name_id} naming the destination's file, and the data written into
 * the source's file readable at the destination (the holes still holes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CinderMigrationIT {

	static final Path CINDER = Path.of("/usr/bin/cinder");

	static final Pattern ID_ROW = Pattern.compile("\\|\\s*id\\s*\\|\\s*([0-9a-f-]{36})\\s*\\|");

	static final long OFFSET = 300L << 20;

	BasaltStack stack;

	Path dir1;

	Path dir2;

	@BeforeAll
	void startStack() throws IOException {
		if (!Files.isExecutable(CINDER)) {
			fail(CINDER + " is missing: install python3-cinderclient to run the CLI tests");
		}
		Path root = Files.createTempDirectory("basalt-migration");
		this.dir1 = root.resolve("file1");
		this.dir2 = root.resolve("file2");
		this.stack = BasaltStack.builder(getClass().getSimpleName())
			.volume("vol1", Backend.file("file1", this.dir1), Backend.file("file2", this.dir2))
			.capabilityInterval(Duration.ofSeconds(2))
			.start();
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	/** Retype to a type of the other backend, migration on demand: the data moves with the volume. */
	@Test
	void retypeOnDemandMovesTheData() throws IOException {
		String project = newProject();
		String suffix = project.substring(0, 8);
		ok(project, "type-create", "src-" + suffix);
		ok(project, "type-key", "src-" + suffix, "set", "volume_backend_name=file1");
		ok(project, "type-create", "dst-" + suffix);
		ok(project, "type-key", "dst-" + suffix, "set", "volume_backend_name=file2");
		String volumeId = create(project, "--volume-type", "src-" + suffix);
		String before = awaitShow(project, volumeId, s -> "available".equals(property(s, "status")));
		assertThat(property(before, "os-vol-host-attr:host")).contains("@file1");
		byte[] pattern = pattern("retype " + volumeId);
		write(this.dir1.resolve("volume-" + volumeId), pattern);

		ok(project, "retype", "--migration-policy", "on-demand", volumeId, "dst-" + suffix);

		String after = awaitShow(project, volumeId, s -> ("dst-" + suffix).equals(property(s, "volume_type"))
				|| "error".equals(property(s, "os-vol-mig-status-attr:migstat")));
		SystemTestSupport.observe("CinderMigrationIT", "cinder show after retype:\n" + after);
		assertMoved(after, volumeId, "available", pattern);
	}

	/** {@code cinder migrate} to the other backend (a type naming no backend): the data moves, the id stays. */
	@Test
	void migrateMovesTheData() throws IOException {
		String project = newProject();
		String volumeId = create(project);
		String before = awaitShow(project, volumeId, s -> "available".equals(property(s, "status")));
		String host = property(before, "os-vol-host-attr:host");
		boolean onFirst = host.contains("@file1#") || host.endsWith("@file1");
		Path source = (onFirst ? this.dir1 : this.dir2).resolve("volume-" + volumeId);
		String destination = host.substring(0, host.indexOf('@')) + (onFirst ? "@file2" : "@file1");
		byte[] pattern = pattern("migrate " + volumeId);
		write(source, pattern);

		ok(project, "migrate", "--force-host-copy", "True", volumeId, destination);

		String after = awaitShow(project, volumeId, s -> "success".equals(property(s, "os-vol-mig-status-attr:migstat"))
				|| "error".equals(property(s, "os-vol-mig-status-attr:migstat")));
		SystemTestSupport.observe("CinderMigrationIT", "cinder show after migrate:\n" + after);
		assertThat(property(after, "os-vol-host-attr:host")).startsWith(destination);
		assertMoved(after, volumeId, "available", pattern);
		assertThat(source).doesNotExist();

		// a second migration to where it is now is refused (cinderclient prints the 400 and exits 0), and changes
		// nothing
		Run again = cinder(project, "migrate", volumeId, destination);
		assertThat(again.out()).contains("Migration for volume " + volumeId + " failed")
			.contains("destination host/cluster must be different");
		assertThat(property(ok(project, "show", volumeId), "os-vol-host-attr:host")).startsWith(destination);
	}

	private void assertMoved(String shown, String volumeId, String status, byte[] pattern) throws IOException {
		assertThat(property(shown, "os-vol-mig-status-attr:migstat")).isEqualTo("success");
		assertThat(property(shown, "migration_status")).isEqualTo("success");
		assertThat(property(shown, "status")).isEqualTo(status);
		String nameId = property(shown, "os-vol-mig-status-attr:name_id");
		assertThat(nameId).isNotNull().isNotEqualTo("None").isNotEqualTo(volumeId);
		String host = property(shown, "os-vol-host-attr:host");
		Path dir = host.contains("@file2") ? this.dir2 : this.dir1;
		Path moved = dir.resolve("volume-" + nameId);
		assertThat(moved).exists();
		assertThat(Files.size(moved)).isEqualTo(1L << 30);
		assertThat(read(moved, pattern.length)).isEqualTo(pattern);
		// sparse at the destination: the 1 GiB volume holds one written MiB, not a full copy
		assertThat(allocatedBytes(moved)).isLessThan(8L << 20);
	}

	private String create(String project, String... options) {
		List<String> args = new ArrayList<>(List.of("create"));
		args.addAll(List.of(options));
		args.add("1");
		String created = ok(project, args.toArray(String[]::new));
		Matcher id = ID_ROW.matcher(created);
		assertThat(id.find()).as("an id row in:%n%s", created).isTrue();
		return id.group(1);
	}

	record Run(int exit, String out) {
	}

	Run cinder(String project, String... args) {
		List<String> cmd = new ArrayList<>(List.of(CINDER.toString(), "--user-id", "cli-user", "--project-id",
				project, "--endpoint", this.stack.apiBaseUrl() + "/v3"));
		cmd.addAll(List.of(args));
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().keySet().removeIf(k -> k.startsWith("OS_") || k.startsWith("CINDER_"));
		pb.environment().put("OS_AUTH_TYPE", "noauth");
		pb.environment().put("OS_VOLUME_API_VERSION", "3.70");
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

	String ok(String project, String... args) {
		Run r = cinder(project, args);
		assertThat(r.exit()).as("exit code of `cinder %s`; output:%n%s", String.join(" ", args), r.out()).isZero();
		return r.out();
	}

	static String property(String table, String name) {
		Matcher m = Pattern.compile("\\|\\s*" + Pattern.quote(name) + "\\s*\\|\\s*(.*?)\\s*\\|").matcher(table);
		return m.find() ? m.group(1) : null;
	}

	private String awaitShow(String project, String volumeId, java.util.function.Predicate<String> done) {
		AtomicReference<String> last = new AtomicReference<>();
		try {
			await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
				String s = ok(project, "show", volumeId);
				last.set(s);
				return done.test(s);
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("cinder show " + volumeId + " never got there:\n" + last.get(), ex);
		}
		return last.get();
	}

	static byte[] pattern(String seed) {
		byte[] unit = seed.getBytes(StandardCharsets.UTF_8);
		byte[] data = new byte[1 << 20];
		for (int i = 0; i < data.length; i++) {
			data[i] = unit[i % unit.length];
		}
		return data;
	}

	static void write(Path file, byte[] data) throws IOException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			raf.seek(OFFSET);
			raf.write(data);
		}
	}

	static byte[] read(Path file, int length) throws IOException {
		byte[] data = new byte[length];
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			raf.seek(OFFSET);
			raf.readFully(data);
		}
		return data;
	}

	static long allocatedBytes(Path file) throws IOException {
		Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
		String out = new String(stat.getInputStream().readAllBytes()).trim();
		String[] parts = out.split(" ");
		return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
	}

}
