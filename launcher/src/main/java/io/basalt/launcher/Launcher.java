package io.basalt.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.basalt.db.migrations.MigrateMain;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code bin/stack up}: an embedded PostgreSQL and AMQP 0-9-1 broker (unless given real ones), then the api,
 * two schedulers and a volume service with the backends {@code fake} and {@code file} as child JVMs; waits until
 * the API answers and every backend's pool is known to the schedulers, prints how to use it, then restarts a
 * service that exits ({@link Supervisor}) until SIGINT/SIGTERM stops the services (SIGTERM, SIGKILL after a bound),
 * then the broker, then PostgreSQL.
 */
public final class Launcher {

	static final String DATABASE = "basalt";

	static final String VOLUME_HOST = "volume-1";

	static final List<String> BACKENDS = List.of("fake", "file");

	private final Settings settings;

	private final PrintStream out;

	private final Logger log;

	private final List<ServiceProcess> services = new ArrayList<>();

	private EmbeddedDatabase database;

	private EmbeddedBroker broker;

	private final VarDirectory var;

	private Supervisor supervisor;

	private Instant launchedAt;

	private volatile boolean stopRequested;

	private volatile int signals;

	private boolean stopped;

	private String dbUrl;

	private String dbUser;

	private String dbPassword;

	private Settings.ExternalBroker amqp;

	Launcher(Settings settings, PrintStream out) {
		this.settings = settings;
		this.out = out;
		this.log = LoggerFactory.getLogger(Launcher.class);
		this.var = new VarDirectory(settings.varDir());
	}

	public static void main(String[] args) {
		Settings settings;
		try {
			settings = Settings.parse(args, System.getenv());
		}
		catch (IllegalArgumentException ex) {
			System.err.println("basalt launcher: " + ex.getMessage());
			System.err.println("options: --root= --var-dir= --postgres-dir= --postgres-port= --amqp-port= --api-port= "
					+ "--scheduler-ports= --volume-port= --volume-dir= --jvm-options= --ready-timeout= --stop-timeout=");
			System.exit(2);
			return;
		}
		// before the first logger: logback.xml writes var/log/launcher.log
		System.setProperty("basalt.log.dir", settings.logDir().toString());
		Launcher launcher = new Launcher(settings, System.out);
		int code = launcher.run();
		System.exit(code);
	}

	/**
	 * Starts everything (a service that dies before the stack is ready fails the start), supervises the services
	 * until a signal, stops everything; returns the exit code: 0, or 1 if a service was given up on.
	 */
	int run() {
		long t0 = System.nanoTime();
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "basalt-launcher-stop"));
		handle("INT");
		handle("TERM");
		try {
			start(t0);
		}
		catch (StopRequested ex) {
			stop();
			return 130;
		}
		catch (Exception ex) {
			this.log.error("Basalt did not start: {}", ex.getMessage());
			this.log.debug("start-up failure", ex);
			stop();
			return 1;
		}
		Supervisor watch = new Supervisor(this.services, this.launchedAt, RestartPolicy.Limits.DEFAULT,
				Clock.systemUTC(), () -> this.stopRequested || this.stopped, p -> writePids());
		this.supervisor = watch;
		while (!this.stopRequested) {
			// under stop()'s lock: a stop from the shutdown hook is never raced by a restart
			synchronized (this) {
				watch.poll();
			}
			sleep(250);
		}
		stop();
		return watch.gaveUpOnAny() ? 1 : 0;
	}

	// ------------------------------------------------------------------------------------------ start

	private void start(long t0) throws Exception {
		Settings s = this.settings;
		Files.createDirectories(s.logDir());
		Files.createDirectories(s.volumeDir());
		this.var.lock();
		this.var.stopLeftovers(s.stopTimeout());
		Map<String, Path> jars = jars();
		checkPorts();
		this.log.info("Starting Basalt {} from {}", s.version(), s.root());

		if (s.externalDatabase() == null) {
			long t = System.nanoTime();
			boolean fresh = !Files.exists(s.postgresDir().resolve("postgresql.conf"));
			this.database = EmbeddedDatabase.start(s.postgresDir(), s.postgresPort(), s.logDir().resolve("postgres.log"));
			this.dbUrl = this.database.jdbcUrl(DATABASE);
			this.dbUser = EmbeddedDatabase.USER;
			this.dbPassword = "";
			this.log.info("  PostgreSQL  127.0.0.1:{}, data in {} ({}) {}", s.postgresPort(),
					Banner.relative(s.postgresDir()), fresh ? "new" : "kept", since(t));
		}
		else {
			this.dbUrl = s.externalDatabase().url();
			this.dbUser = s.externalDatabase().user();
			this.dbPassword = s.externalDatabase().password();
			this.log.info("  PostgreSQL  {} (given by BASALT_DB_URL)", this.dbUrl);
		}
		checkStop();
		try {
			if (EmbeddedDatabase.ensureDatabase(this.dbUrl, this.dbUser, this.dbPassword)) {
				this.log.info("  created database {}", EmbeddedDatabase.databaseName(this.dbUrl));
			}
		}
		catch (java.sql.SQLException ex) {
			if (s.externalDatabase() == null) {
				throw ex;
			}
			this.log.warn("  could not check or create database {} ({}); going on",
					EmbeddedDatabase.databaseName(this.dbUrl), ex.getMessage());
		}
		checkStop();

		if (s.externalBroker() == null) {
			long t = System.nanoTime();
			this.broker = EmbeddedBroker.start(s.amqpPort(), s.varDir().resolve("broker"));
			this.amqp = new Settings.ExternalBroker("127.0.0.1", s.amqpPort(), EmbeddedBroker.USER,
					EmbeddedBroker.PASSWORD, EmbeddedBroker.VHOST);
			this.log.info("  AMQP broker 127.0.0.1:{} (Qpid Broker-J, in memory) {}", s.amqpPort(), since(t));
		}
		else {
			this.amqp = s.externalBroker();
			this.log.info("  AMQP broker {}:{} vhost {} (given by BASALT_RABBIT_HOST)", this.amqp.host(),
					this.amqp.port(), this.amqp.vhost());
		}
		checkStop();

		String java = ProcessHandle.current().info().command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		// the api's actuator and /dashboard listen on their own port (loopback); auth settings come from the
		// BASALT_API_* environment, which every child inherits (e.g. BASALT_API_AUTH_STRATEGY=keystone)
		ServiceProcess api = service(java, "api", s.apiPort(), s.apiManagementPort(), jars.get("api-service"),
				Map.of("management.server.port", Integer.toString(s.apiManagementPort())));
		List<ServiceProcess> rest = new ArrayList<>();
		for (int i = 0; i < s.schedulerPorts().size(); i++) {
			int port = s.schedulerPorts().get(i);
			rest.add(service(java, "scheduler-" + (i + 1), port, port, jars.get("scheduler-service"), Map.of()));
		}
		Map<String, String> backends = StackBackends.properties(s.volumeDir(),
				StackBackends.fileSystemBytes(s.volumeDir()));
		this.log.info("  backends    fake (thin, {} GiB: as large as the file backend's file system, so that both get "
				+ "volumes) and file ({})", String.format(Locale.ROOT, "%.1f",
						Double.parseDouble(backends.get("basalt.volume.backends[0].fake.capacity-gb"))),
				Banner.relative(s.volumeDir()));
		rest.add(service(java, VOLUME_HOST, s.volumePort(), s.volumePort(), jars.get("volume-service"), backends));

		// The schema first (the api would migrate it too, but the others only validate it): then all at once.
		long t = System.nanoTime();
		MigrateResult migrated = MigrateMain.migrate(this.dbUrl, this.dbUser, this.dbPassword);
		this.log.info("  schema      version {} ({} migration(s) applied) {}",
				migrated.targetSchemaVersion != null ? migrated.targetSchemaVersion : migrated.initialSchemaVersion,
				migrated.migrationsExecuted, since(t));
		checkStop();
		Readiness ready = new Readiness(s.readyTimeout(), () -> this.stopRequested);
		t = System.nanoTime();
		this.launchedAt = Clock.systemUTC().instant();
		launch(api);
		for (ServiceProcess p : rest) {
			launch(p);
		}
		ready.awaitHealthy(api);
		this.log.info("  api         http://127.0.0.1:{}/v3/ {}", s.apiPort(), since(t));
		for (ServiceProcess p : rest) {
			ready.awaitHealthy(p);
		}
		List<String> pools = BACKENDS.stream().map(b -> VOLUME_HOST + "@" + b).toList();
		ready.awaitPools(api, rest, pools);
		this.log.info("  schedulers and volume service up, pools {} known {}", pools, since(t));
		banner(t0);
	}

	private ServiceProcess service(String java, String name, int port, int healthPort, Path jar,
			Map<String, String> extra) {
		Map<String, String> props = new LinkedHashMap<>();
		props.put("server.port", Integer.toString(port));
		props.put("basalt.service.host", name);
		props.put("spring.datasource.url", this.dbUrl);
		props.put("spring.datasource.username", this.dbUser);
		props.put("spring.datasource.password", this.dbPassword);
		props.put("spring.rabbitmq.host", this.amqp.host());
		props.put("spring.rabbitmq.port", Integer.toString(this.amqp.port()));
		props.put("spring.rabbitmq.username", this.amqp.user());
		props.put("spring.rabbitmq.password", this.amqp.password());
		props.put("spring.rabbitmq.virtual-host", this.amqp.vhost());
		// one node of each kind: report capabilities at once rather than after a random delay of up to a minute
		props.put("basalt.service.periodic-fuzzy-delay", "0s");
		props.putAll(extra);
		List<String> args = new ArrayList<>();
		props.forEach((k, v) -> args.add("--" + k + "=" + v));
		ServiceProcess p = new ServiceProcess(name, port, healthPort, java, this.settings.jvmOptions(), jar, args,
				this.settings.logDir().resolve(name + ".log"));
		this.services.add(p);
		return p;
	}

	private void launch(ServiceProcess p) throws IOException {
		checkStop();
		p.start();
		this.var.writePids(this.services);
		this.log.debug("started {} (pid {}): {}", p.name, p.pid(), String.join(" ", p.command()));
	}

	private void banner(long t0) {
		this.out.println(new Banner(this.settings, this.dbUrl, this.database != null, this.amqp, this.broker != null,
				System.getenv()).text((System.nanoTime() - t0) / 1e9));
		this.out.flush();
	}

	// ------------------------------------------------------------------------------------------ stop

	/** Services first (SIGTERM, SIGKILL after the bound), then the broker, then PostgreSQL. Runs once. */
	synchronized void stop() {
		if (this.stopped) {
			return;
		}
		this.stopped = true;
		boolean anything = !this.services.isEmpty() || this.broker != null || this.database != null;
		if (anything) {
			this.log.info("Stopping Basalt...");
		}
		List<ServiceProcess> reversed = new ArrayList<>(this.services);
		java.util.Collections.reverse(reversed);
		for (ServiceProcess p : reversed) {
			p.terminate();
		}
		long deadline = System.nanoTime() + this.settings.stopTimeout().toNanos();
		for (ServiceProcess p : reversed) {
			try {
				Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
				if (!p.awaitExit(left)) {
					this.log.warn("  {} did not stop within {} s of SIGTERM: killed", p.name,
							this.settings.stopTimeout().toSeconds());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				p.kill();
			}
		}
		if (this.supervisor != null) {
			this.log.info("  {}", this.supervisor.summary());
		}
		if (this.broker != null) {
			try {
				this.broker.close();
			}
			catch (RuntimeException ex) {
				this.log.warn("  the broker did not stop cleanly: {}", ex.toString());
			}
			this.broker = null;
		}
		if (this.database != null) {
			try {
				this.database.close();
			}
			catch (IOException | RuntimeException ex) {
				this.log.warn("  PostgreSQL did not stop cleanly: {}", ex.toString());
			}
			this.database = null;
		}
		this.var.deletePids();
		this.var.unlock();
		if (anything) {
			this.log.info("Stopped.");
		}
	}

	private void handle(String signal) {
		try {
			Signal.handle(new Signal(signal), sig -> {
				this.stopRequested = true;
				if (++this.signals > 1) {
					// a second Ctrl-C: do not wait for the graceful shutdown of the services
					this.services.forEach(ServiceProcess::kill);
				}
			});
		}
		catch (IllegalArgumentException | UnsupportedOperationException ex) {
			// no such signal here: the shutdown hook still stops everything
		}
	}

	private void checkStop() {
		if (this.stopRequested) {
			throw new StopRequested();
		}
	}

	static final class StopRequested extends RuntimeException {

		StopRequested() {
			super("stop requested", null, false, false);
		}

	}

	// ------------------------------------------------------------------------------------------ housekeeping

	private void writePids() {
		try {
			this.var.writePids(this.services);
		}
		catch (IOException ex) {
			this.log.warn("cannot write {}: {}", this.var.pidFile(), ex.toString());
		}
	}

	private Map<String, Path> jars() {
		Map<String, Path> jars = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		for (String module : List.of("api-service", "scheduler-service", "volume-service")) {
			Path jar = this.settings.root().resolve(module).resolve("target")
				.resolve(module + "-" + this.settings.version() + "-exec.jar");
			if (!Files.isRegularFile(jar)) {
				missing.add(jar.toString());
			}
			jars.put(module, jar);
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException("missing " + missing + ": build them first (cd " + this.settings.root()
					+ " && ./mvnw -q -B package -DskipTests), or give --root");
		}
		return jars;
	}

	private void checkPorts() {
		Settings s = this.settings;
		Map<String, Integer> ports = new LinkedHashMap<>();
		if (s.externalDatabase() == null) {
			ports.put("PostgreSQL", s.postgresPort());
		}
		if (s.externalBroker() == null) {
			ports.put("AMQP", s.amqpPort());
		}
		ports.put("api", s.apiPort());
		ports.put("api management", s.apiManagementPort());
		for (int i = 0; i < s.schedulerPorts().size(); i++) {
			ports.put("scheduler-" + (i + 1), s.schedulerPorts().get(i));
		}
		ports.put(VOLUME_HOST, s.volumePort());
		List<String> taken = new ArrayList<>();
		ports.forEach((name, port) -> {
			try (ServerSocket socket = new ServerSocket(port)) {
				// free
			}
			catch (IOException ex) {
				taken.add(name + " " + port);
			}
		});
		if (!taken.isEmpty()) {
			throw new IllegalStateException("port(s) in use: " + String.join(", ", taken)
					+ " (another Basalt? set other ports, see launcher/README.md)");
		}
	}

	private static String since(long t) {
		return String.format(Locale.ROOT, "(%.1f s)", (System.nanoTime() - t) / 1e9);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
