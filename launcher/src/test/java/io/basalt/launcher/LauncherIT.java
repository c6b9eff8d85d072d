package io.basalt.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The real launcher jar ({@code java -jar launcher-<version>-exec.jar}) with nothing else: no
 * {@code BASALT_DB_*}/{@code BASALT_RABBIT_*} in its environment and every port its own free one, so that the
 * system PostgreSQL (5432) and RabbitMQ (5672) are never touched. It must come up (embedded PostgreSQL and Qpid,
 * api, two schedulers, a volume service), create a volume to {@code available}, stop everything on SIGTERM (no
 * service, no postmaster, no broker left), and after a restart on the same data directory still list the volume.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class LauncherIT {

	/** Generous: on a 2-core machine shared with other builds, four Spring Boot JVMs can take minutes. */
	static final Duration UP_TIMEOUT = Duration.ofMinutes(7);

	static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Path work = Path.of("target", "launcher-it").toAbsolutePath();

	private final Path var = this.work.resolve("var");

	private final int pgPort = freePort();

	private final int amqpPort = freePort();

	private final int apiPort = freePort();

	private final List<Integer> schedulerPorts = List.of(freePort(), freePort());

	private final int volumePort = freePort();

	private Process launcher;

	@AfterEach
	void killLeftovers() throws Exception {
		if (this.launcher != null && this.launcher.isAlive()) {
			this.launcher.destroy();
			if (!this.launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.launcher.destroyForcibly();
			}
		}
	}

	@Test
	void startsCreatesAVolumeStopsCleanlyAndKeepsDataAcrossARestart() throws Exception {
		deleteRecursively(this.work);
		Files.createDirectories(this.work);

		// ---- first run: a fresh data directory
		Path out1 = this.work.resolve("launcher-1.out");
		start(out1);
		String banner = awaitUp(out1);
		assertThat(banner).contains("http://127.0.0.1:" + this.apiPort + "/v3").contains("cinder");
		assertNeverTouchesSystemServices();
		List<Long> children = childPids();
		assertThat(children).hasSize(4);

		HttpResponse<String> created = send("POST", "/v3/demo/volumes", "admin:demo",
				"{\"volume\":{\"size\":1,\"name\":\"x\"}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		String id = this.json.readTree(created.body()).path("volume").path("id").asString();
		assertThat(id).isNotBlank();
		String status = awaitStatus(id, "available", Duration.ofSeconds(90));
		assertThat(status).isEqualTo("available");

		stopAndCheckEverythingIsGone(children, out1);

		// ---- second run: the same data directory
		Path out2 = this.work.resolve("launcher-2.out");
		start(out2);
		awaitUp(out2);
		assertThat(Files.readString(out2)).contains("kept");
		List<Long> children2 = childPids();
		HttpResponse<String> listed = send("GET", "/v3/demo/volumes/detail", "admin:demo", null);
		assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		for (JsonNode v : this.json.readTree(listed.body()).path("volumes")) {
			ids.add(v.path("id").asString());
			if (id.equals(v.path("id").asString())) {
				assertThat(v.path("status").asString()).isEqualTo("available");
				assertThat(v.path("name").asString()).isEqualTo("x");
			}
		}
		assertThat(ids).contains(id);
		stopAndCheckEverythingIsGone(children2, out2);
	}

	// ------------------------------------------------------------------------------------------ steps

	private void start(Path out) throws IOException {
		String java = ProcessHandle.current().info().command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		List<String> cmd = new ArrayList<>(List.of(java, "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-Xmx160m", "-XX:MaxDirectMemorySize=64m", "-jar", launcherJar().toString(), "--root=" + root(),
				"--var-dir=" + this.var, "--postgres-port=" + this.pgPort, "--amqp-port=" + this.amqpPort,
				"--api-port=" + this.apiPort,
				"--scheduler-ports=" + this.schedulerPorts.get(0) + "," + this.schedulerPorts.get(1),
				"--volume-port=" + this.volumePort, "--ready-timeout=" + UP_TIMEOUT.toSeconds()));
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.to(out.toFile()))
			.directory(this.work.toFile());
		Map<String, String> env = pb.environment();
		env.keySet().removeIf(k -> k.startsWith("BASALT_"));
		this.launcher = pb.start();
	}

	private String awaitUp(Path out) throws Exception {
		long deadline = System.nanoTime() + UP_TIMEOUT.plusSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			String text = Files.exists(out) ? Files.readString(out) : "";
			if (text.contains("Basalt is up")) {
				return text;
			}
			if (!this.launcher.isAlive()) {
				fail("the launcher exited with code " + this.launcher.exitValue() + ":\n" + text + "\n" + logTails());
			}
			Thread.sleep(500);
		}
		fail("the launcher did not report 'Basalt is up' within " + UP_TIMEOUT + ":\n" + Files.readString(out) + "\n"
				+ logTails());
		return null;
	}

	/** The children were given the embedded PostgreSQL and broker: never 5432/5672. */
	private void assertNeverTouchesSystemServices() throws IOException {
		for (String name : List.of("api", "scheduler-1", "scheduler-2", "volume-1")) {
			String command = Files.readAllLines(this.var.resolve("log").resolve(name + ".log")).get(0);
			assertThat(command).contains("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + this.pgPort + "/basalt")
				.contains("--spring.rabbitmq.port=" + this.amqpPort)
				.doesNotContain(":5432/")
				.doesNotContain("--spring.rabbitmq.port=5672");
		}
	}

	private List<Long> childPids() throws IOException {
		List<Long> pids = new ArrayList<>();
		for (String line : Files.readAllLines(this.var.resolve("services.pid"))) {
			if (!line.isBlank()) {
				pids.add(Long.parseLong(line.trim().split("\\s+")[0]));
			}
		}
		return pids;
	}

	private void stopAndCheckEverythingIsGone(List<Long> children, Path out) throws Exception {
		Path postmasterPid = this.var.resolve("postgres").resolve("postmaster.pid");
		assertThat(postmasterPid).exists();
		long postmaster = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
		this.launcher.destroy(); // SIGTERM, as Ctrl-C or a service manager would
		if (!this.launcher.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			fail("the launcher did not stop within " + STOP_TIMEOUT + ":\n" + Files.readString(out));
		}
		String text = Files.readString(out);
		assertThat(this.launcher.exitValue()).as(text).isZero();
		assertThat(text).contains("Stopped.").doesNotContain("did not stop");
		for (long pid : children) {
			Optional<ProcessHandle> h = ProcessHandle.of(pid);
			assertThat(h.isPresent() && h.get().isAlive()).as("service pid %d still alive", pid).isFalse();
		}
		Optional<ProcessHandle> pg = ProcessHandle.of(postmaster);
		assertThat(pg.isPresent() && pg.get().isAlive()).as("postmaster %d still alive", postmaster).isFalse();
		assertThat(postmasterPid).as("a clean PostgreSQL shutdown removes postmaster.pid").doesNotExist();
		for (int port : List.of(this.amqpPort, this.pgPort, this.apiPort, this.volumePort)) {
			assertThat(listening(port)).as("something still listens on %d", port).isFalse();
		}
		this.launcher = null;
	}

	private String awaitStatus(String id, String wanted, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		String status = null;
		while (System.nanoTime() < deadline) {
			HttpResponse<String> r = send("GET", "/v3/demo/volumes/" + id, "admin:demo", null);
			if (r.statusCode() == 200) {
				status = this.json.readTree(r.body()).path("volume").path("status").asString();
				if (wanted.equals(status) || "error".equals(status)) {
					return status;
				}
			}
			Thread.sleep(500);
		}
		return status;
	}

	// ------------------------------------------------------------------------------------------ helpers

	private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.apiPort + path))
			.timeout(Duration.ofSeconds(30))
			.header("X-Auth-Token", token)
			.header("Accept", "application/json");
		if (body != null) {
			b.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		}
		else {
			b.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return this.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String logTails() {
		StringBuilder sb = new StringBuilder();
		Path logs = this.var.resolve("log");
		if (!Files.isDirectory(logs)) {
			return "(no logs)";
		}
		try (DirectoryStream<Path> ds = Files.newDirectoryStream(logs, "*.log")) {
			for (Path p : ds) {
				List<String> lines = Files.readAllLines(p, StandardCharsets.ISO_8859_1);
				sb.append("----- ").append(p).append('\n')
					.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size())))
					.append('\n');
			}
		}
		catch (IOException ex) {
			sb.append(ex);
		}
		return sb.toString();
	}

	private static boolean listening(int port) {
		try (Socket s = new Socket()) {
			s.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static Path root() {
		return Path.of(System.getProperty("basalt.launcher.root", "..")).toAbsolutePath().normalize();
	}

	static Path launcherJar() {
		Path jar = root().resolve("launcher/target/launcher-" + Settings.buildVersion() + "-exec.jar");
		assertThat(jar).as("the launcher jar (mvn package runs before the integration tests)").exists();
		return jar;
	}

	static int freePort() {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
	}

}
