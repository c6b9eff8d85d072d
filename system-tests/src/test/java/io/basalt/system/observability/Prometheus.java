package io.basalt.system.observability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus ({@code /usr/bin/prometheus}, Debian's {@code prometheus} package) for a test: a generated
 * config scraping the given jobs' {@code /actuator/prometheus} every second, a temporary storage directory, a
 * free port on 127.0.0.1. {@link #close()} stops it and deletes the directory.
 */
public final class Prometheus implements AutoCloseable {

	public static final Path BINARY = Path.of("/usr/bin/prometheus");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path dir;

	private final Process process;

	private final int port;

	private Prometheus(Path dir, Process process, int port) {
		this.dir = dir;
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts Prometheus scraping {@code jobs} (job name → {@code host:port} targets) and waits until it is ready.
	 * @param log where its output goes
	 */
	public static Prometheus start(Map<String, List<String>> jobs, Path log) throws IOException {
		if (!Files.isExecutable(BINARY)) {
			throw new AssertionError(BINARY + " is missing: apt-get install --no-install-recommends prometheus "
					+ "(.ci/run installs it)");
		}
		Path dir = Files.createTempDirectory("basalt-prometheus");
		StringBuilder config = new StringBuilder("""
				global:
				  scrape_interval: 1s
				  scrape_timeout: 1s
				  evaluation_interval: 1s
				scrape_configs:
				""");
		jobs.forEach((job, targets) -> config.append("  - job_name: ").append(job).append('\n')
			.append("    metrics_path: /actuator/prometheus\n")
			.append("    static_configs:\n")
			.append("      - targets: [")
			.append(String.join(", ", targets.stream().map(t -> "\"" + t + "\"").toList()))
			.append("]\n"));
		Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config.toString());
		int port = freePort();
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + configFile,
				"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
				"--storage.tsdb.retention.time=1h", "--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		Prometheus prometheus = new Prometheus(dir, process, port);
		try {
			prometheus.awaitReady(Duration.ofSeconds(60));
		}
		catch (RuntimeException | Error ex) {
			prometheus.close();
			throw ex;
		}
		return prometheus;
	}

	public int port() {
		return this.port;
	}

	private void awaitReady(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new AssertionError("prometheus exited with " + this.process.exitValue());
			}
			try {
				if (get("/-/ready").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			sleep(200);
		}
		throw new AssertionError("prometheus not ready within " + timeout);
	}

	/** Waits until every scrape target is up and has been scraped at least {@code scrapes} times. */
	public void awaitScrapes(int scrapes, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		String last = "";
		while (Instant.now().isBefore(deadline)) {
			JsonNode result = query("min(count_over_time(up[5m])) >= " + scrapes + " and min(up) == 1");
			if (result.isArray() && !result.isEmpty()) {
				return;
			}
			last = query("up").toString();
			sleep(500);
		}
		throw new AssertionError("targets not scraped " + scrapes + " times within " + timeout + ": " + last);
	}

	/**
	 * An instant query ({@code /api/v1/query}); returns {@code data.result}.
	 * @throws AssertionError when Prometheus answers with an error (e.g. a PromQL syntax error)
	 */
	public JsonNode query(String promql) {
		return query(promql, null);
	}

	/** An instant query evaluated at {@code at} (now when null); returns {@code data.result}. */
	public JsonNode query(String promql, Instant at) {
		try {
			String time = (at != null) ? "&time=" + (at.toEpochMilli() / 1000.0) : "";
			HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
					+ time);
			JsonNode body = JSON.readTree(r.body());
			if (r.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
				throw new AssertionError("query failed (" + r.statusCode() + "): " + promql + " → " + r.body());
			}
			return body.path("data").path("result");
		}
		catch (IOException ex) {
			throw new AssertionError("query failed: " + promql, ex);
		}
	}

	private HttpResponse<String> get(String path) throws IOException {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(10))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
		try (Stream<Path> files = Files.walk(this.dir)) {
			List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
			for (Path p : all) {
				Files.deleteIfExists(p);
			}
		}
		catch (IOException ex) {
			// a leftover temp directory is harmless
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0)) {
			return s.getLocalPort();
		}
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
