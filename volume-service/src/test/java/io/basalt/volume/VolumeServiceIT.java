package io.basalt.volume;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.common.volume.ConnectionInfo;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcException;
import io.basalt.rpc.RpcMethod;
import io.basalt.rpc.RpcTimeoutException;
import io.basalt.rpc.Target;
import io.basalt.rpc.transport.amqp.AmqpRpc;
import io.basalt.rpc.transport.amqp.AmqpRpcOptions;
import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The volume service as a whole against a real PostgreSQL database and RabbitMQ vhost: two backends (fake and
 * file) register and heartbeat, answer the scheduler's publish_service_capabilities fanout, and turn create_volume
 * casts for {@code creating} rows into {@code available} volumes, and answer the connection calls through their
 * drivers. A test RPC server on the scheduler topic plays
 * the scheduler.
 */
@Timeout(180)
class VolumeServiceIT {

	static final String NODE = "it-node";

	static PostgresDatabase database;

	static RabbitVhost vhost;

	static AmqpRpc schedulerSide;

	static ConfigurableApplicationContext app;

	static JdbcTemplate jdbc;

	static final FakeScheduler scheduler = new FakeScheduler();

	@TempDir
	static Path volumeDirectory;

	@BeforeAll
	static void start() {
		database = TestServices.postgresDatabase();
		vhost = TestServices.rabbitVhost();
		// Durable like the service's own declarations (basalt.rpc.durable-queues defaults to true; AmqpRpcOptions'
		// defaults do not), or the broker refuses the second, inequivalent declaration of the exchange.
		schedulerSide = AmqpRpc.create(URI.create(vhost.uri()), AmqpRpcOptions.defaults().withDurable(true),
				new SimpleMeterRegistry());
		schedulerSide.server(Target.of("basalt", "basalt-scheduler").withServer("it-scheduler"),
				List.of(Endpoint.of(scheduler, SchedulerRpcApi.VERSION)))
			.start();
		// Command-line arguments outrank application.properties (builder properties would not).
		Map<String, String> properties = Map.ofEntries(Map.entry("server.port", "0"),
				Map.entry("spring.datasource.url", database.jdbcUrl()),
				Map.entry("spring.datasource.username", database.username()),
				Map.entry("spring.datasource.password", database.password()),
				Map.entry("spring.rabbitmq.host", vhost.host()),
				Map.entry("spring.rabbitmq.port", String.valueOf(vhost.port())),
				Map.entry("spring.rabbitmq.username", vhost.username()),
				Map.entry("spring.rabbitmq.password", vhost.password()),
				Map.entry("spring.rabbitmq.virtual-host", vhost.vhost()),
				Map.entry("basalt.service.host", NODE), Map.entry("basalt.service.report-interval", "1s"),
				Map.entry("basalt.service.periodic-fuzzy-delay", "0s"),
				Map.entry("basalt.volume.capability-interval", "1h"),
				Map.entry("basalt.volume.capability-debounce", "100ms"),
				Map.entry("basalt.volume.backends[0].name", "fake"),
				Map.entry("basalt.volume.backends[0].driver", "fake"),
				Map.entry("basalt.volume.backends[0].fake.capacity-gb", "100"),
				Map.entry("basalt.volume.backends[1].name", "file"),
				Map.entry("basalt.volume.backends[1].driver", "file"),
				Map.entry("basalt.volume.backends[1].availability-zone", "zone-f"),
				Map.entry("basalt.volume.backends[1].directory", volumeDirectory.toString()));
		app = new SpringApplicationBuilder(VolumeApplication.class)
			.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
		jdbc = new JdbcTemplate(database.dataSource());
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (schedulerSide != null) {
			schedulerSide.close();
		}
		if (vhost != null) {
			vhost.close();
		}
		if (database != null) {
			database.close();
		}
	}

	/** Both backends register a services row each, with their zones, and heartbeat it. */
	@Test
	void backendsRegisterAndHeartbeat() {
		Map<String, String> zones = new java.util.HashMap<>();
		jdbc.query("SELECT host, availability_zone FROM services WHERE \"binary\" = 'basalt-volume' AND NOT deleted",
				rs -> {
					zones.put(rs.getString(1), rs.getString(2));
				});
		assertThat(zones).containsEntry(NODE + "@fake", "nova").containsEntry(NODE + "@file", "zone-f");

		int before = reportCount(NODE + "@fake");
		await(() -> reportCount(NODE + "@fake") > before, Duration.ofSeconds(10));
	}

	/** A publish_service_capabilities fanout is answered by an update_service_capabilities fanout per backend. */
	@Test
	void answersPublishServiceCapabilities() throws InterruptedException {
		VolumeRpcApi volumes = new VolumeRpcApi(schedulerSide, rpcProperties());
		Instant asked = Instant.now();
		volumes.publishServiceCapabilities(RequestContext.admin());

		Set<String> reported = new HashSet<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (!reported.containsAll(Set.of(NODE + "@fake", NODE + "@file")) && System.nanoTime() < deadline) {
			Report report = scheduler.reports.poll(1, TimeUnit.SECONDS);
			if (report != null && !report.timestamp().isBefore(asked.minusSeconds(1))) {
				reported.add(report.host());
				assertThat(report.capabilities().pools()).isNotEmpty();
			}
		}
		assertThat(reported).contains(NODE + "@fake", NODE + "@file");
	}

	/** A create_volume cast for a creating row on the fake backend ends with the row available. */
	@Test
	void createVolumeOnFakeBackend() {
		String id = insertCreatingVolume(NODE + "@fake#fake", 5);

		new VolumeRpcApi(schedulerSide, rpcProperties()).createVolume(RequestContext.admin(), NODE + "@fake#fake",
				spec(id, 5), FilterProperties.FIRST_ATTEMPT);

		await(() -> "available".equals(status(id)), Duration.ofSeconds(20));
		assertThat(jdbc.queryForObject("SELECT provider_location FROM volumes WHERE id = ?", String.class,
				UUID.fromString(id)))
			.startsWith("fake://");
	}

	/** A create_volume cast on the file backend leaves a sparse file and an available row. */
	@Test
	void createVolumeOnFileBackend() {
		String id = insertCreatingVolume(NODE + "@file#file", 1);

		new VolumeRpcApi(schedulerSide, rpcProperties()).createVolume(RequestContext.admin(), NODE + "@file#file",
				spec(id, 1), FilterProperties.FIRST_ATTEMPT);

		await(() -> "available".equals(status(id)), Duration.ofSeconds(20));
		assertThat(Files.exists(volumeDirectory.resolve("volume-" + id))).isTrue();
	}

	/**
	 * The connection calls reach the file driver over RabbitMQ: initialize_connection and attachment_update answer
	 * os-brick's {@code local} connector with the volume file's absolute path; terminate_connection and
	 * attachment_delete return.
	 */
	@Test
	void connectionCallsOnFileBackend() {
		String id = insertCreatingVolume(NODE + "@file#file", 1);
		VolumeRpcApi volumes = new VolumeRpcApi(schedulerSide, rpcProperties());
		volumes.createVolume(RequestContext.admin(), NODE + "@file#file", spec(id, 1), FilterProperties.FIRST_ATTEMPT);
		await(() -> "available".equals(status(id)), Duration.ofSeconds(20));
		Map<String, Object> connector = Map.of("host", "compute-1", "initiator", "iqn.1993-08.org.debian:01:x");

		ConnectionInfo info = volumes.initializeConnection(RequestContext.admin(), NODE + "@file#file", id, connector);
		String path = volumeDirectory.resolve("volume-" + id).toAbsolutePath().normalize().toString();
		assertThat(info).isEqualTo(new ConnectionInfo("local", Map.of("device_path", path)));
		assertThat(info.nested()).isEqualTo(Map.of("driver_volume_type", "local", "data", Map.of("device_path", path)));
		assertThat(volumes.attachmentUpdate(RequestContext.admin(), NODE + "@file#file", id, connector,
				UUID.randomUUID().toString()))
			.isEqualTo(info);
		volumes.terminateConnection(RequestContext.admin(), NODE + "@file#file", id, connector, false);
		volumes.attachmentDelete(RequestContext.admin(), NODE + "@file#file", id, UUID.randomUUID().toString(),
				connector);
	}

	/**
	 * On the fake backend the answer is fake but well-formed; a volume the backend does not hold is the driver's
	 * failure, re-raised at the caller; a backend that does not answer is a timeout.
	 */
	@Test
	void connectionCallsOnFakeBackendAndTheirFailures() {
		String id = insertCreatingVolume(NODE + "@fake#fake", 1);
		VolumeRpcApi volumes = new VolumeRpcApi(schedulerSide, rpcProperties());
		volumes.createVolume(RequestContext.admin(), NODE + "@fake#fake", spec(id, 1), FilterProperties.FIRST_ATTEMPT);
		await(() -> "available".equals(status(id)), Duration.ofSeconds(20));

		ConnectionInfo info = volumes.initializeConnection(RequestContext.admin(), NODE + "@fake#fake", id,
				Map.of("host", "compute-2"));
		assertThat(info.driverVolumeType()).isEqualTo("fake");
		assertThat(info.data()).containsEntry("volume_id", id).containsEntry("target_host", "compute-2");

		String unknown = insertCreatingVolume(NODE + "@fake#fake", 1);
		assertThatThrownBy(() -> volumes.initializeConnection(RequestContext.admin(), NODE + "@fake#fake", unknown,
				Map.of()))
			.isInstanceOf(RpcException.class)
			.isNotInstanceOf(RpcTimeoutException.class)
			.hasMessageContaining("Unable to fetch connection information from backend");

		BasaltRpcProperties p = rpcProperties();
		VolumeRpcApi impatient = new VolumeRpcApi(schedulerSide, new BasaltRpcProperties(p.controlExchange(),
				p.schedulerTopic(), p.volumeTopic(), Duration.ofSeconds(1), p.castRetryBound(), p.serverConcurrency(),
				p.prefetch(), p.durableQueues()));
		assertThatThrownBy(() -> impatient.attachmentUpdate(RequestContext.admin(), NODE + "@nowhere#x", id, Map.of(),
				UUID.randomUUID().toString()))
			.isInstanceOf(RpcTimeoutException.class);
	}

	private static BasaltRpcProperties rpcProperties() {
		return app.getBean(BasaltRpcProperties.class);
	}

	private static RequestSpec spec(String id, int size) {
		return new RequestSpec(id, "it-project", size, new VolumeTypeSpec(null, "__DEFAULT__", Map.of()), null, null,
				null, null);
	}

	private static String insertCreatingVolume(String host, int size) {
		UUID id = UUID.randomUUID();
		jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, host, volume_type_id)
				VALUES (?, 'it-project', 'it-user', ?, 'creating', ?,
				        (SELECT id FROM volume_types WHERE NOT deleted ORDER BY created_at LIMIT 1))""", id, size,
				host);
		return id.toString();
	}

	private static String status(String id) {
		return jdbc.queryForObject("SELECT status FROM volumes WHERE id = ?", String.class, UUID.fromString(id));
	}

	private static int reportCount(String host) {
		Integer count = jdbc.queryForObject(
				"SELECT report_count FROM services WHERE host = ? AND \"binary\" = 'basalt-volume' AND NOT deleted",
				Integer.class, host);
		return (count != null) ? count : 0;
	}

	private static void await(Supplier<Boolean> condition, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.get()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within " + within);
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	record Report(String host, BackendCapabilities capabilities, Instant timestamp) {
	}

	/** The scheduler's side of the casts the volume service sends. */
	public static class FakeScheduler {

		final BlockingQueue<Report> reports = new LinkedBlockingQueue<>();

		@RpcMethod
		public void updateServiceCapabilities(RequestContext context, String serviceName, String host,
				BackendCapabilities capabilities, Instant timestamp) {
			this.reports.add(new Report(host, capabilities, timestamp));
		}

		@RpcMethod
		public void createVolume(RequestContext context, String volumeId, RequestSpec requestSpec,
				FilterProperties filterProperties) {
		}

	}

}
