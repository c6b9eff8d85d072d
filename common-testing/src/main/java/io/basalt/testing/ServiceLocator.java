package io.basalt.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * Finds the PostgreSQL server and the RabbitMQ broker for integration tests, in this order: explicit configuration
 * ({@link TestConfig}), Testcontainers when a Docker engine answers (one container of each per JVM, removed by
 * Testcontainers when the JVM exits), then the local services on 127.0.0.1. Called once per JVM per service by
 * {@link TestServices}, under its lock; not thread-safe on its own.
 */
final class ServiceLocator {

	private static final Logger log = LoggerFactory.getLogger(ServiceLocator.class);

	static final String POSTGRES_IMAGE = "postgres:15-alpine";

	static final String RABBIT_IMAGE = "rabbitmq:3.13-management-alpine";

	private static final String LOCAL_PG_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private ServiceLocator() {
	}

	static PostgresServer locatePostgres() {
		List<String> tried = new ArrayList<>();
		if (TestConfig.get(TestConfig.PG_URL).isPresent()) {
			PostgresServer server = new PostgresServer(TestConfig.get(TestConfig.PG_URL, ""),
					TestConfig.get(TestConfig.PG_USER, "postgres"), TestConfig.get(TestConfig.PG_PASSWORD, ""),
					"explicit configuration " + TestConfig.PG_URL);
			// Explicit configuration is authoritative: if it is wrong, say so rather than test elsewhere.
			return verified(server, tried);
		}
		tried.add(TestConfig.PG_URL + ": not set");
		if (DockerProbe.isDockerAvailable()) {
			PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
			container.start();
			return verified(new PostgresServer(container.getJdbcUrl(), container.getUsername(),
					container.getPassword(), "Testcontainers " + POSTGRES_IMAGE), tried);
		}
		tried.add("Testcontainers: " + DockerProbe.reason());
		PostgresServer local = new PostgresServer(LOCAL_PG_URL, "postgres", "", "local PostgreSQL " + LOCAL_PG_URL);
		return verified(local, tried);
	}

	static RabbitBroker locateRabbit() {
		List<String> tried = new ArrayList<>();
		if (TestConfig.get(TestConfig.RABBIT_HOST).isPresent()) {
			String host = TestConfig.get(TestConfig.RABBIT_HOST, "");
			int port = Integer.parseInt(TestConfig.get(TestConfig.RABBIT_PORT, "5672"));
			String user = TestConfig.get(TestConfig.RABBIT_USER, "guest");
			String password = TestConfig.get(TestConfig.RABBIT_PASSWORD, "guest");
			String origin = "explicit configuration " + TestConfig.RABBIT_HOST + "=" + host + ":" + port;
			if (!portOpen(host, port)) {
				tried.add(origin + ": AMQP port does not answer");
				throw unavailable("RabbitMQ", tried);
			}
			VhostAdmin admin = explicitAdmin(host, user, password, tried);
			return reachable(new RabbitBroker(host, port, user, password, admin, origin), tried);
		}
		tried.add(TestConfig.RABBIT_HOST + ": not set");
		if (DockerProbe.isDockerAvailable()) {
			RabbitMQContainer container = new RabbitMQContainer(RABBIT_IMAGE);
			container.start();
			VhostAdmin admin = new RabbitmqctlVhostAdmin(args -> {
				var result = container.execInContainer(concat("rabbitmqctl", args));
				return new RabbitmqctlVhostAdmin.Result(result.getExitCode(), result.getStdout() + result.getStderr());
			}, "rabbitmqctl in container " + RABBIT_IMAGE);
			return reachable(new RabbitBroker(container.getHost(), container.getAmqpPort(),
					container.getAdminUsername(), container.getAdminPassword(), admin,
					"Testcontainers " + RABBIT_IMAGE), tried);
		}
		tried.add("Testcontainers: " + DockerProbe.reason());
		if (!portOpen("127.0.0.1", 5672)) {
			tried.add("local RabbitMQ 127.0.0.1:5672: connection refused or timed out");
			throw unavailable("RabbitMQ", tried);
		}
		VhostAdmin admin = autoAdmin("127.0.0.1", "guest", "guest", tried);
		if (admin == null) {
			throw unavailable("RabbitMQ (no way to administer vhosts)", tried);
		}
		return new RabbitBroker("127.0.0.1", 5672, "guest", "guest", admin, "local RabbitMQ 127.0.0.1:5672");
	}

	private static PostgresServer verified(PostgresServer server, List<String> tried) {
		try (Connection connection = server.connectAdmin()) {
			log.info("Integration tests use PostgreSQL from {} ({})", server.origin(), server.adminUrl());
			return server;
		}
		catch (Exception ex) {
			tried.add(server.origin() + ": " + ex.getMessage());
			throw unavailable("PostgreSQL", tried);
		}
	}

	private static RabbitBroker reachable(RabbitBroker broker, List<String> tried) {
		if (!portOpen(broker.host(), broker.port())) {
			tried.add(broker.origin() + ": AMQP port " + broker.host() + ":" + broker.port() + " does not answer");
			throw unavailable("RabbitMQ", tried);
		}
		log.info("Integration tests use RabbitMQ from {} ({}:{}), vhosts via {}", broker.origin(), broker.host(),
				broker.port(), broker.admin().describe());
		return broker;
	}

	private static VhostAdmin explicitAdmin(String host, String user, String password, List<String> tried) {
		var mgmt = TestConfig.get(TestConfig.RABBIT_MGMT_URL);
		if (mgmt.isPresent()) {
			return new ManagementApiVhostAdmin(mgmt.get(), user, password);
		}
		var ctl = TestConfig.get(TestConfig.RABBITMQCTL);
		if (ctl.isPresent()) {
			return new RabbitmqctlVhostAdmin(RabbitmqctlVhostAdmin.commandPrefix(ctl.get()), ctl.get());
		}
		VhostAdmin admin = autoAdmin(host, user, password, tried);
		if (admin == null) {
			tried.add("set " + TestConfig.RABBIT_MGMT_URL + " or " + TestConfig.RABBITMQCTL);
			throw unavailable("RabbitMQ (no way to administer vhosts)", tried);
		}
		return admin;
	}

	/** The management API on port 15672 if it answers, else a local rabbitmqctl that works; null if neither. */
	private static VhostAdmin autoAdmin(String host, String user, String password, List<String> tried) {
		ManagementApiVhostAdmin mgmt = new ManagementApiVhostAdmin("http://" + host + ":15672", user, password);
		if (mgmt.answers()) {
			return mgmt;
		}
		tried.add("management API http://" + host + ":15672: does not answer");
		if (!isLoopback(host)) {
			// A local rabbitmqctl administers the local node, not a remote broker.
			return null;
		}
		for (String candidate : List.of("rabbitmqctl", "/usr/sbin/rabbitmqctl", "/usr/lib/rabbitmq/bin/rabbitmqctl",
				"/opt/homebrew/sbin/rabbitmqctl", "/usr/local/sbin/rabbitmqctl")) {
			if (candidate.startsWith("/") && !Files.isExecutable(Path.of(candidate))) {
				continue;
			}
			RabbitmqctlVhostAdmin ctl = new RabbitmqctlVhostAdmin(RabbitmqctlVhostAdmin.commandPrefix(candidate),
					candidate);
			try {
				ctl.connectionCount("/");
				return ctl;
			}
			catch (RuntimeException ex) {
				tried.add(candidate + ": " + firstLine(ex));
			}
		}
		return null;
	}

	private static boolean isLoopback(String host) {
		return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
	}

	private static boolean portOpen(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static TestServiceUnavailableException unavailable(String what, List<String> tried) {
		return new TestServiceUnavailableException("No " + what + " for integration tests. Tried, in order:\n  - "
				+ String.join("\n  - ", tried) + "\nSee common-testing/README.md (" + TestConfig.PG_URL + ", "
				+ TestConfig.RABBIT_HOST + ", Docker, or local services on 127.0.0.1).");
	}

	private static String firstLine(Throwable ex) {
		String message = String.valueOf(ex.getMessage());
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

	private static String[] concat(String head, List<String> tail) {
		String[] all = new String[tail.size() + 1];
		all[0] = head;
		for (int i = 0; i < tail.size(); i++) {
			all[i + 1] = tail.get(i);
		}
		return all;
	}

}
