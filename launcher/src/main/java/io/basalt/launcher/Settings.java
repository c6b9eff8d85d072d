package io.basalt.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * What the launcher runs and where, from command-line options ({@code --name=value}), then environment variables,
 * then defaults. Options and variables:
 *
 * <pre>
 * --root              BASALT_HOME            the repository (jars under &lt;module&gt;/target, default var dir)   .
 * --var-dir           BASALT_VAR_DIR         state and logs                                                    &lt;root&gt;/var
 * --postgres-dir      BASALT_PG_DATA         data directory of the embedded PostgreSQL (kept across runs)     &lt;var&gt;/postgres
 * --postgres-port     BASALT_PG_PORT         port of the embedded PostgreSQL                                   5433
 * --amqp-port         BASALT_AMQP_PORT       port of the embedded AMQP 0-9-1 broker                            5673
 * --api-port          BASALT_API_PORT        the Cinder v3 API                                                 8776
 * --api-management-port BASALT_API_MANAGEMENT_PORT the api's actuator and /dashboard (loopback)                 9776
 * --scheduler-ports   BASALT_SCHEDULER_PORTS actuator ports of the schedulers (one scheduler per port)         8777,8787
 * --volume-port       BASALT_VOLUME_PORT     actuator port of the volume service                               8778
 * --volume-dir        BASALT_VOLUME_DIR      the file backend's directory                                      &lt;var&gt;/volumes
 * --jvm-options       BASALT_JVM_OPTIONS     JVM flags of every service                                        -Xss512k ... -Xmx256m
 * --ready-timeout     BASALT_READY_TIMEOUT   how long to wait for the stack (seconds)                          300
 * --stop-timeout      BASALT_STOP_TIMEOUT    SIGTERM → SIGKILL bound per service (seconds)                     20
 * (none)              BASALT_DB_URL, BASALT_DB_USER, BASALT_DB_PASSWORD              use this PostgreSQL, start none
 * (none)              BASALT_RABBIT_HOST, _PORT, _USER, _PASSWORD, _VHOST            use this broker, start none
 * </pre>
 */
record Settings(Path root, Path varDir, Path postgresDir, int postgresPort, int amqpPort, int apiPort,
		int apiManagementPort, List<Integer> schedulerPorts, int volumePort, Path volumeDir, List<String> jvmOptions, Duration readyTimeout,
		Duration stopTimeout, ExternalDatabase externalDatabase, ExternalBroker externalBroker, String version) {

	static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xss512k", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1", "-Xms32m", "-Xmx256m", "-XX:MaxNewSize=12m");

	/** A PostgreSQL given by configuration: the launcher starts none. */
	record ExternalDatabase(String url, String user, String password) {
	}

	/** A RabbitMQ (or other AMQP 0-9-1 broker) given by configuration: the launcher starts none. */
	record ExternalBroker(String host, int port, String user, String password, String vhost) {
	}

	Path logDir() {
		return this.varDir.resolve("log");
	}

	static Settings parse(String[] args, Map<String, String> env) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("expected --name=value, got: " + arg);
			}
			int eq = arg.indexOf('=');
			options.put(arg.substring(2, eq), arg.substring(eq + 1));
		}
		Function<String[], String> get = keys -> {
			String v = options.remove(keys[0]);
			if (v == null || v.isBlank()) {
				v = env.get(keys[1]);
			}
			return (v == null || v.isBlank()) ? null : v.trim();
		};
		Path root = path(or(get.apply(new String[] { "root", "BASALT_HOME" }),
				System.getProperty("basalt.launcher.root", ".")), null);
		Path var = path(get.apply(new String[] { "var-dir", "BASALT_VAR_DIR" }), root.resolve("var"));
		Path pg = path(get.apply(new String[] { "postgres-dir", "BASALT_PG_DATA" }), var.resolve("postgres"));
		int pgPort = port(or(get.apply(new String[] { "postgres-port", "BASALT_PG_PORT" }), "5433"));
		int amqpPort = port(or(get.apply(new String[] { "amqp-port", "BASALT_AMQP_PORT" }), "5673"));
		int apiPort = port(or(get.apply(new String[] { "api-port", "BASALT_API_PORT" }), "8776"));
		int apiManagementPort = port(
				or(get.apply(new String[] { "api-management-port", "BASALT_API_MANAGEMENT_PORT" }), "9776"));
		List<Integer> schedPorts = Arrays
			.stream(or(get.apply(new String[] { "scheduler-ports", "BASALT_SCHEDULER_PORTS" }), "8777,8787").split(","))
			.map(String::trim)
			.filter(s -> !s.isEmpty())
			.map(Settings::port)
			.toList();
		int volumePort = port(or(get.apply(new String[] { "volume-port", "BASALT_VOLUME_PORT" }), "8778"));
		Path volumeDir = path(get.apply(new String[] { "volume-dir", "BASALT_VOLUME_DIR" }), var.resolve("volumes"));
		String jvm = get.apply(new String[] { "jvm-options", "BASALT_JVM_OPTIONS" });
		List<String> jvmOptions = (jvm == null) ? DEFAULT_JVM_OPTIONS : List.of(jvm.trim().split("\\s+"));
		Duration ready = Duration
			.ofSeconds(Long.parseLong(or(get.apply(new String[] { "ready-timeout", "BASALT_READY_TIMEOUT" }), "300")));
		Duration stop = Duration
			.ofSeconds(Long.parseLong(or(get.apply(new String[] { "stop-timeout", "BASALT_STOP_TIMEOUT" }), "20")));
		if (!options.isEmpty()) {
			throw new IllegalArgumentException("unknown option(s): " + options.keySet());
		}
		if (schedPorts.isEmpty()) {
			throw new IllegalArgumentException("at least one scheduler port is needed");
		}
		ExternalDatabase db = null;
		String dbUrl = blankToNull(env.get("BASALT_DB_URL"));
		if (dbUrl != null) {
			db = new ExternalDatabase(dbUrl, or(blankToNull(env.get("BASALT_DB_USER")), "postgres"),
					or(env.get("BASALT_DB_PASSWORD"), ""));
		}
		ExternalBroker broker = null;
		String rabbitHost = blankToNull(env.get("BASALT_RABBIT_HOST"));
		if (rabbitHost != null) {
			broker = new ExternalBroker(rabbitHost, port(or(blankToNull(env.get("BASALT_RABBIT_PORT")), "5672")),
					or(blankToNull(env.get("BASALT_RABBIT_USER")), "guest"),
					or(env.get("BASALT_RABBIT_PASSWORD"), "guest"), or(blankToNull(env.get("BASALT_RABBIT_VHOST")), "/"));
		}
		return new Settings(root, var, pg, pgPort, amqpPort, apiPort, apiManagementPort, List.copyOf(schedPorts), volumePort, volumeDir,
				List.copyOf(new ArrayList<>(jvmOptions)), ready, stop, db, broker, buildVersion());
	}

	/** The project version the launcher was built with: the service jars carry the same. */
	static String buildVersion() {
		try (InputStream in = Settings.class.getResourceAsStream("/io/basalt/launcher/launcher.properties")) {
			Properties p = new Properties();
			if (in != null) {
				p.load(in);
			}
			String v = p.getProperty("version");
			return (v == null || v.startsWith("$")) ? "0.1.0-SNAPSHOT" : v;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path path(String value, Path fallback) {
		return (value == null) ? fallback.toAbsolutePath().normalize() : Path.of(value).toAbsolutePath().normalize();
	}

	private static int port(String value) {
		int p = Integer.parseInt(value.trim());
		if (p <= 0 || p > 65535) {
			throw new IllegalArgumentException("not a port: " + value);
		}
		return p;
	}

	private static String or(String value, String fallback) {
		return (value == null) ? fallback : value;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
