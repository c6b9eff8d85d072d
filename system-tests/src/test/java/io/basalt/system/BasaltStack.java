package io.basalt.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;

/**
 * A whole Basalt deployment for one test class: a fresh PostgreSQL database and RabbitMQ vhost, the api service,
 * N scheduler processes and M volume processes, each a separate JVM started from the module's Spring Boot
 * executable jar ({@code <module>/target/<module>-<version>-exec.jar}).
 * <p>
 * Each process writes stdout and stderr to {@code system-tests/target/stack-logs/<test>-<name>.log}.
 * {@link #kill(String)} ends one process at once (a node dying), {@link #start(String)} starts it again with the
 * same configuration and port, {@link #close()} stops everything and drops the database and the vhost.
 */
public final class BasaltStack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BasaltStack.class);

	/** Keep the children small: this runs on two shared cores. */
	static final List<String> JVM_FLAGS = List.of("-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-Xms32m", "-Xmx256m", "-XX:MaxNewSize=12m");

	static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(90);

	static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

	static final String API_NAME = "api";

	enum Kind {

		API("api-service"), SCHEDULER("scheduler-service"), VOLUME("volume-service");

		final String module;

		Kind(String module) {
			this.module = module;
		}

	}

	/** One service process: its fixed configuration and, while it runs, its {@link Process}. */
	static final class Node {

		final String name;

		final Kind kind;

		final int port;

		/** Where {@code /actuator} answers: the api's management port, the others' {@link #port}. */
		final int managementPort;

		final List<String> args;

		final Path logFile;

		final List<String> backendHosts;

		volatile Process process;

		Node(String name, Kind kind, int port, int managementPort, List<String> args, Path logFile,
				List<String> backendHosts) {
			this.name = name;
			this.kind = kind;
			this.port = port;
			this.managementPort = managementPort;
			this.args = args;
			this.logFile = logFile;
			this.backendHosts = backendHosts;
		}

	}

	private final String testName;

	private final PostgresDatabase db;

	private final RabbitVhost vhost;

	private final Map<String, Node> nodes = new LinkedHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private CinderApi api;

	private BasaltStack(String testName, PostgresDatabase db, RabbitVhost vhost) {
		this.testName = testName;
		this.db = db;
		this.vhost = vhost;
	}

	public static Builder builder(String testName) {
		return new Builder(testName);
	}

	// ------------------------------------------------------------------------------------------ accessors

	/** A REST client on the api process. */
	public CinderApi api() {
		return this.api;
	}

	public int apiPort() {
		return node(API_NAME).port;
	}

	/** {@code http://127.0.0.1:<port>} of the api. */
	public String apiBaseUrl() {
		return "http://127.0.0.1:" + apiPort();
	}

	/** {@code http://127.0.0.1:<management port>} of the api: its actuator and {@code /dashboard}. */
	public String apiManagementUrl() {
		return "http://127.0.0.1:" + node(API_NAME).managementPort;
	}

	public PostgresDatabase database() {
		return this.db;
	}

	public RabbitVhost vhost() {
		return this.vhost;
	}

	/** Plain JDBC on the stack's database. */
	public Jdbc jdbc() {
		return new Jdbc(this.db);
	}

	/** The service hosts ({@code host@backend}) of a volume process. */
	public List<String> backendHosts(String volumeNode) {
		return node(volumeNode).backendHosts;
	}

	/** Every service host the stack runs: scheduler hosts and {@code host@backend} of every backend. */
	public List<String> expectedServiceHosts() {
		List<String> hosts = new ArrayList<>();
		for (Node n : this.nodes.values()) {
			switch (n.kind) {
				case SCHEDULER -> hosts.add(n.name);
				case VOLUME -> hosts.addAll(n.backendHosts);
				default -> {
				}
			}
		}
		return hosts;
	}

	public Path logFile(String name) {
		return node(name).logFile;
	}

	public boolean isAlive(String name) {
		Process p = node(name).process;
		return p != null && p.isAlive();
	}

	// ------------------------------------------------------------------------------------------ lifecycle

	/** Kills a process at once (SIGKILL), like a node that dies; returns when it is gone. */
	public void kill(String name) {
		Node n = node(name);
		Process p = n.process;
		if (p == null) {
			return;
		}
		log.info("Killing {} (pid {})", name, p.pid());
		p.destroyForcibly();
		try {
			if (!p.waitFor(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException(name + " did not die within 30 s of SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		appendMarker(n, "killed by the test (SIGKILL)");
		n.process = null;
	}

	/** Starts a process (again) with its configuration and port and waits until it is healthy. */
	public void start(String name) {
		Node n = node(name);
		if (n.process != null && n.process.isAlive()) {
			throw new IllegalStateException(name + " is running");
		}
		launch(n);
		awaitHealthy(n);
	}

	/** Stops every process (SIGTERM, then SIGKILL after 20 s), then drops the database and deletes the vhost. */
	@Override
	public void close() {
		List<Node> reversed = new ArrayList<>(this.nodes.values());
		java.util.Collections.reverse(reversed);
		for (Node n : reversed) {
			if (n.process != null) {
				n.process.destroy();
			}
		}
		for (Node n : reversed) {
			Process p = n.process;
			if (p == null) {
				continue;
			}
			try {
				if (!p.waitFor(20, TimeUnit.SECONDS)) {
					log.warn("{} did not stop within 20 s of SIGTERM; killing it", n.name);
					p.destroyForcibly();
					p.waitFor(20, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				p.destroyForcibly();
			}
			n.process = null;
		}
		try {
			this.vhost.close();
		}
		catch (RuntimeException ex) {
			log.warn("Could not delete vhost {}: {}", this.vhost.vhost(), ex.toString());
		}
		try {
			this.db.close();
		}
		catch (RuntimeException ex) {
			log.warn("Could not drop database {}: {}", this.db.name(), ex.toString());
		}
	}

	private Node node(String name) {
		Node n = this.nodes.get(name);
		if (n == null) {
			throw new IllegalArgumentException("no process " + name + " in this stack; known: " + this.nodes.keySet());
		}
		return n;
	}

	private void launch(Node n) {
		Path jar = executableJar(n.kind.module);
		String java = ProcessHandle.current().info().command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		List<String> cmd = new ArrayList<>();
		cmd.add(java);
		cmd.addAll(JVM_FLAGS);
		cmd.add("-jar");
		cmd.add(jar.toString());
		cmd.addAll(n.args);
		try {
			Files.createDirectories(n.logFile.getParent());
			appendMarker(n, "starting: " + String.join(" ", cmd));
			ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(n.logFile.toFile()))
				.directory(n.logFile.getParent().toFile());
			n.process = pb.start();
			log.info("Started {} (pid {}, port {}), log {}", n.name, n.process.pid(), n.port, n.logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start " + n.name, ex);
		}
	}

	private static void appendMarker(Node n, String text) {
		try {
			Files.createDirectories(n.logFile.getParent());
			Files.writeString(n.logFile, "\n===== [system-tests " + Instant.now() + "] " + text + " =====\n",
					StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
					java.nio.file.StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			log.warn("cannot write to {}: {}", n.logFile, ex.toString());
		}
	}

	private void awaitHealthy(Node n) {
		Instant deadline = Instant.now().plus(HEALTH_TIMEOUT);
		URI uri = URI.create("http://127.0.0.1:" + n.managementPort + "/actuator/health");
		String last = "no answer";
		while (Instant.now().isBefore(deadline)) {
			Process p = n.process;
			if (p == null || !p.isAlive()) {
				throw new AssertionError(n.name + " exited with code " + (p == null ? "?" : p.exitValue())
						+ " before it was healthy; tail of " + n.logFile + ":\n" + tail(n.logFile, 80));
			}
			try {
				HttpResponse<String> r = this.http.send(
						HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
						HttpResponse.BodyHandlers.ofString());
				if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
					log.info("{} is healthy", n.name);
					return;
				}
				last = r.statusCode() + " " + r.body();
			}
			catch (ConnectException ex) {
				last = "connection refused";
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			sleep(500);
		}
		throw new AssertionError(n.name + " not healthy within " + HEALTH_TIMEOUT + " (last: " + last + "); tail of "
				+ n.logFile + ":\n" + tail(n.logFile, 80));
	}

	/**
	 * Waits until {@code os-services} lists every expected service {@code up} and get_pools lists a pool of every
	 * backend ({@code checks} answers in a row, so that each of several schedulers is likely asked).
	 */
	public void awaitReady() {
		awaitReady(expectedServiceHosts(), allBackendHosts(), 3);
	}

	List<String> allBackendHosts() {
		List<String> all = new ArrayList<>();
		for (Node n : this.nodes.values()) {
			all.addAll(n.backendHosts);
		}
		return all;
	}

	void awaitReady(Collection<String> serviceHosts, Collection<String> backendHosts, int checks) {
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		String project = "readiness";
		int inARow = 0;
		String last = "";
		while (Instant.now().isBefore(deadline)) {
			try {
				JsonNode services = this.api.services(project);
				List<String> missing = new ArrayList<>();
				for (String host : serviceHosts) {
					boolean up = false;
					for (JsonNode s : services) {
						if (host.equals(CinderApi.text(s, "host")) && "up".equals(CinderApi.text(s, "state"))) {
							up = true;
						}
					}
					if (!up) {
						missing.add("service " + host);
					}
				}
				JsonNode pools = this.api.pools(project, false);
				for (String backend : backendHosts) {
					boolean found = false;
					for (JsonNode pool : pools) {
						String name = CinderApi.text(pool, "name");
						if (name != null && (name.equals(backend) || name.startsWith(backend + "#"))) {
							found = true;
						}
					}
					if (!found) {
						missing.add("pool of " + backend);
					}
				}
				if (missing.isEmpty()) {
					if (++inARow >= checks) {
						return;
					}
				}
				else {
					inARow = 0;
					last = "missing " + missing + "; services " + services + "; pools " + pools;
				}
			}
			catch (RuntimeException ex) {
				inARow = 0;
				last = ex.toString();
			}
			sleep(500);
		}
		throw new AssertionError("stack not ready within " + READY_TIMEOUT + ": " + last + "\n" + tails());
	}

	/** The last lines of every process log (for failure messages). */
	public String tails() {
		StringBuilder sb = new StringBuilder();
		for (Node n : this.nodes.values()) {
			sb.append("----- ").append(n.name).append(" (").append(n.logFile).append(")\n")
				.append(tail(n.logFile, 30)).append('\n');
		}
		return sb.toString();
	}

	static String tail(Path file, int lines) {
		try {
			if (!Files.exists(file)) {
				return "(no log)";
			}
			List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(cannot read log: " + ex + ")";
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

	static Path rootDirectory() {
		String root = System.getProperty("basalt.system.root");
		if (root != null) {
			return Path.of(root).toAbsolutePath().normalize();
		}
		Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
		return Files.isDirectory(dir.resolve("system-tests")) ? dir : dir.getParent();
	}

	static Path logDirectory() {
		String logs = System.getProperty("basalt.system.logs");
		return (logs != null) ? Path.of(logs) : rootDirectory().resolve("system-tests/target/stack-logs");
	}

	private static final Map<String, Path> JARS = new java.util.concurrent.ConcurrentHashMap<>();

	/**
	 * The module's executable jar, copied once per test JVM to {@code target/stack-jars/} so that a rebuild of the
	 * module while the tests run (other builds on the machine) cannot corrupt the jar a process (re)starts from.
	 * {@code -Dbasalt.system.jar.<module>=<path>} points at another jar.
	 */
	static Path executableJar(String module) {
		return JARS.computeIfAbsent(module, BasaltStack::copyOfJar);
	}

	private static Path copyOfJar(String module) {
		Path source = sourceJar(module);
		Path copy = logDirectory().resolveSibling("stack-jars").resolve(module + "-exec.jar");
		Instant deadline = Instant.now().plusSeconds(120);
		while (true) {
			try {
				Files.createDirectories(copy.getParent());
				Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(copy.toFile())) {
					if (zip.getEntry("META-INF/MANIFEST.MF") == null) {
						throw new IOException("no manifest in " + source);
					}
				}
				return copy;
			}
			catch (IOException ex) {
				if (Instant.now().isAfter(deadline)) {
					throw new AssertionError("cannot copy a valid " + source + " (a build writing it?)", ex);
				}
				log.info("{} is not a valid jar yet ({}); retrying", source, ex.toString());
				sleep(2000);
			}
		}
	}

	private static Path sourceJar(String module) {
		String override = System.getProperty("basalt.system.jar." + module);
		if (override != null) {
			return Path.of(override);
		}
		Path target = rootDirectory().resolve(module).resolve("target");
		Path exact = target.resolve(module + "-0.1.0-SNAPSHOT-exec.jar");
		if (Files.isRegularFile(exact)) {
			return exact;
		}
		if (Files.isDirectory(target)) {
			try (DirectoryStream<Path> ds = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
				for (Path p : ds) {
					return p;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		throw new AssertionError("no executable jar " + exact
				+ ": build the services first (cd " + rootDirectory() + " && ./mvnw install -DskipTests)");
	}

	static int freePort() {
		try (ServerSocket s = new ServerSocket(0)) {
			s.setReuseAddress(true);
			return s.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// ------------------------------------------------------------------------------------------ builder

	/** Configures and starts a stack. */
	public static final class Builder {

		private final String testName;

		private int schedulers = 1;

		private final Map<String, List<Backend>> volumes = new LinkedHashMap<>();

		private final Map<String, String> common = new LinkedHashMap<>();

		private final Map<String, String> apiProps = new LinkedHashMap<>();

		private final Map<String, String> schedulerProps = new LinkedHashMap<>();

		private final Map<String, String> volumeProps = new LinkedHashMap<>();

		private boolean awaitReady = true;

		Builder(String testName) {
			this.testName = testName;
			// reports start at once instead of after a random delay of up to a minute
			this.common.put("basalt.service.periodic-fuzzy-delay", "0s");
			this.volumeProps.put("basalt.volume.capability-interval", "5s");
		}

		/** How many scheduler processes (named {@code sched1}, {@code sched2}, ...). Default 1. */
		public Builder schedulers(int count) {
			this.schedulers = count;
			return this;
		}

		/** A volume process named {@code name} (also its {@code basalt.service.host}) serving these backends. */
		public Builder volume(String name, Backend... backends) {
			this.volumes.put(name, List.of(backends));
			return this;
		}

		/** A property for every process. */
		public Builder property(String key, String value) {
			this.common.put(key, value);
			return this;
		}

		public Builder apiProperty(String key, String value) {
			this.apiProps.put(key, value);
			return this;
		}

		public Builder schedulerProperty(String key, String value) {
			this.schedulerProps.put(key, value);
			return this;
		}

		public Builder volumeProperty(String key, String value) {
			this.volumeProps.put(key, value);
			return this;
		}

		public Builder reportInterval(Duration interval) {
			return property("basalt.service.report-interval", interval.toMillis() + "ms");
		}

		public Builder serviceDownTime(Duration downTime) {
			return property("basalt.service.service-down-time", downTime.toMillis() + "ms");
		}

		public Builder capabilityInterval(Duration interval) {
			return volumeProperty("basalt.volume.capability-interval", interval.toMillis() + "ms");
		}

		/** Whether {@link #start()} waits for every service up and every pool known (default true). */
		public Builder awaitReady(boolean awaitReady) {
			this.awaitReady = awaitReady;
			return this;
		}

		/** Creates the database and vhost, starts api, schedulers and volume processes, waits until healthy. */
		public BasaltStack start() {
			Instant t0 = Instant.now();
			PostgresDatabase db = TestServices.postgresDatabase();
			RabbitVhost vhost;
			try {
				vhost = TestServices.rabbitVhost();
			}
			catch (RuntimeException ex) {
				db.close();
				throw ex;
			}
			BasaltStack stack = new BasaltStack(this.testName, db, vhost);
			try {
				stack.addNode(API_NAME, Kind.API, merged(this.apiProps), List.of());
				for (int i = 1; i <= this.schedulers; i++) {
					stack.addNode("sched" + i, Kind.SCHEDULER, merged(this.schedulerProps), List.of());
				}
				this.volumes.forEach((name, backends) -> {
					Map<String, String> props = merged(this.volumeProps);
					List<String> hosts = new ArrayList<>();
					for (int i = 0; i < backends.size(); i++) {
						props.putAll(backends.get(i).toProperties(i));
						hosts.add(name + "@" + backends.get(i).name());
					}
					stack.addNode(name, Kind.VOLUME, props, hosts);
				});
				// the api first: it migrates the database
				Node api = stack.node(API_NAME);
				stack.launch(api);
				stack.awaitHealthy(api);
				stack.api = new CinderApi(stack.apiBaseUrl());
				List<Node> others = stack.nodes.values().stream().filter(n -> n != api).toList();
				others.forEach(stack::launch);
				others.forEach(stack::awaitHealthy);
				if (this.awaitReady) {
					stack.awaitReady();
				}
				log.info("Stack {} up in {} ms", this.testName, Duration.between(t0, Instant.now()).toMillis());
				return stack;
			}
			catch (RuntimeException | Error ex) {
				stack.close();
				throw ex;
			}
		}

		private Map<String, String> merged(Map<String, String> specific) {
			Map<String, String> m = new LinkedHashMap<>(this.common);
			m.putAll(specific);
			return m;
		}

	}

	private void addNode(String name, Kind kind, Map<String, String> props, List<String> backendHosts) {
		int port = freePort();
		int managementPort = (kind == Kind.API) ? freePort() : port;
		Map<String, String> all = new LinkedHashMap<>();
		all.put("server.port", Integer.toString(port));
		if (kind == Kind.API) {
			all.put("management.server.port", Integer.toString(managementPort));
		}
		all.put("basalt.service.host", name);
		all.put("spring.datasource.url", this.db.jdbcUrl());
		all.put("spring.datasource.username", this.db.username());
		all.put("spring.datasource.password", this.db.password() == null ? "" : this.db.password());
		all.put("spring.rabbitmq.host", this.vhost.host());
		all.put("spring.rabbitmq.port", Integer.toString(this.vhost.port()));
		all.put("spring.rabbitmq.username", this.vhost.username());
		all.put("spring.rabbitmq.password", this.vhost.password());
		all.put("spring.rabbitmq.virtual-host", this.vhost.vhost());
		all.putAll(props);
		List<String> args = new ArrayList<>();
		all.forEach((k, v) -> args.add("--" + k + "=" + v));
		Path logFile = logDirectory().resolve(this.testName + "-" + name + ".log");
		try {
			Files.deleteIfExists(logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.nodes.put(name, new Node(name, kind, port, managementPort, List.copyOf(args), logFile,
				List.copyOf(backendHosts)));
	}

}
