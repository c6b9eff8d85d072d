package io.basalt.volume;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcMethod;
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

/**
 * The data paths of the volume service against a real PostgreSQL and RabbitMQ, with two {@code file} backends in
 * one process ({@code file} and {@code file2}, each its own directory): a clone and a volume from a snapshot hold
 * their source's bytes, a revert puts the snapshot's bytes back (both rows {@code available}), and a migration
 * moves the bytes to the other backend and swaps the row ({@code host}, {@code name_id}, {@code success}) — or,
 * when it fails, leaves the row {@code available} on its old backend with {@code migration_status=error} and a
 * user message.
 */
@Timeout(180)
class VolumeDataPathsIT {

	static final String NODE = "dp-node";

	static final long OFFSET = 5L << 20;

	static PostgresDatabase database;

	static RabbitVhost vhost;

	static AmqpRpc schedulerSide;

	static ConfigurableApplicationContext app;

	static JdbcTemplate jdbc;

	@TempDir
	static Path root;

	@BeforeAll
	static void start() {
		database = TestServices.postgresDatabase();
		vhost = TestServices.rabbitVhost();
		schedulerSide = AmqpRpc.create(URI.create(vhost.uri()), AmqpRpcOptions.defaults().withDurable(true),
				new SimpleMeterRegistry());
		schedulerSide.server(Target.of("basalt", "basalt-scheduler").withServer("dp-scheduler"),
				List.of(Endpoint.of(new QuietScheduler(), SchedulerRpcApi.VERSION)))
			.start();
		Map<String, String> properties = Map.ofEntries(Map.entry("server.port", "0"),
				Map.entry("spring.datasource.url", database.jdbcUrl()),
				Map.entry("spring.datasource.username", database.username()),
				Map.entry("spring.datasource.password", database.password()),
				Map.entry("spring.rabbitmq.host", vhost.host()),
				Map.entry("spring.rabbitmq.port", String.valueOf(vhost.port())),
				Map.entry("spring.rabbitmq.username", vhost.username()),
				Map.entry("spring.rabbitmq.password", vhost.password()),
				Map.entry("spring.rabbitmq.virtual-host", vhost.vhost()),
				Map.entry("basalt.service.host", NODE), Map.entry("basalt.service.periodic-fuzzy-delay", "0s"),
				Map.entry("basalt.volume.capability-interval", "1h"),
				Map.entry("basalt.volume.backends[0].name", "file"),
				Map.entry("basalt.volume.backends[0].driver", "file"),
				Map.entry("basalt.volume.backends[0].directory", root.resolve("one").toString()),
				Map.entry("basalt.volume.backends[1].name", "file2"),
				Map.entry("basalt.volume.backends[1].driver", "file"),
				Map.entry("basalt.volume.backends[1].directory", root.resolve("two").toString()));
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

	/** A clone of a volume and a volume from a snapshot hold the source's bytes; the second is larger. */
	@Test
	void cloneAndVolumeFromSnapshotCopyTheData() throws IOException {
		String source = createdVolume(1);
		write(file("one", source), "clone me");
		String clone = insertVolume("creating", 1, "source_volid", source);
		volumes().createVolume(ctx(), host(), spec(clone, 1), FilterProperties.FIRST_ATTEMPT);
		await(() -> "available".equals(status(clone)), Duration.ofSeconds(20));
		assertThat(read(file("one", clone), 8)).isEqualTo("clone me");

		String snapshot = snapshot(source);
		write(file("one", source), "changed!");
		String fromSnapshot = insertVolume("creating", 2, "snapshot_id", snapshot);
		volumes().createVolume(ctx(), host(), spec(fromSnapshot, 2), FilterProperties.FIRST_ATTEMPT);
		await(() -> "available".equals(status(fromSnapshot)), Duration.ofSeconds(20));
		assertThat(read(file("one", fromSnapshot), 8)).isEqualTo("clone me");
		assertThat(Files.size(file("one", fromSnapshot))).isEqualTo(2L << 30);
	}

	/** Revert puts the snapshot's bytes back; volume and snapshot end available; a redelivery changes nothing. */
	@Test
	void revertRestoresTheSnapshot() throws IOException {
		String volume = createdVolume(1);
		write(file("one", volume), "original");
		String snapshot = snapshot(volume);
		write(file("one", volume), "modified");
		jdbc.update("UPDATE volumes SET status = 'reverting' WHERE id = ?", UUID.fromString(volume));
		jdbc.update("UPDATE snapshots SET status = 'restoring' WHERE id = ?", UUID.fromString(snapshot));

		volumes().revertToSnapshot(ctx(), host(), volume, snapshot);

		await(() -> "available".equals(status(volume)), Duration.ofSeconds(20));
		assertThat(jdbc.queryForObject("SELECT status FROM snapshots WHERE id = ?", String.class,
				UUID.fromString(snapshot))).isEqualTo("available");
		assertThat(read(file("one", volume), 8)).isEqualTo("original");
		write(file("one", volume), "after   ");
		volumes().revertToSnapshot(ctx(), host(), volume, snapshot);
		sleep(1000);
		assertThat(read(file("one", volume), 8)).isEqualTo("after   ");
	}

	/** A migration copies the bytes to the other backend and swaps the row; the old file goes. */
	@Test
	void migrationMovesTheVolume() throws IOException {
		String volume = createdVolume(1);
		write(file("one", volume), "migrate!");
		jdbc.update("UPDATE volumes SET migration_status = 'starting' WHERE id = ?", UUID.fromString(volume));

		volumes().migrateVolume(ctx(), host(),
				new VolumeRpcApi.MigrateVolumeArgs(volume, NODE + "@file2#file2", null, false));

		await(() -> "success".equals(column(volume, "migration_status")), Duration.ofSeconds(30));
		assertThat(column(volume, "host")).isEqualTo(NODE + "@file2#file2");
		assertThat(column(volume, "status")).isEqualTo("available");
		String nameId = column(volume, "name_id");
		assertThat(nameId).isNotNull().isNotEqualTo(volume);
		assertThat(read(file("two", nameId), 8)).isEqualTo("migrate!");
		assertThat(file("one", volume)).doesNotExist();
		assertThat(column(volume, "provider_location")).contains("volume-" + nameId);
	}

	/** A migration whose source cannot be read ends in error on the old backend, available, with a message. */
	@Test
	void failedMigrationLeavesTheVolumeWhereItWas() throws IOException {
		String volume = createdVolume(1);
		Files.delete(file("one", volume));
		jdbc.update("UPDATE volumes SET migration_status = 'starting' WHERE id = ?", UUID.fromString(volume));

		volumes().migrateVolume(ctx(), host(),
				new VolumeRpcApi.MigrateVolumeArgs(volume, NODE + "@file2#file2", null, false));

		await(() -> "error".equals(column(volume, "migration_status")), Duration.ofSeconds(30));
		assertThat(column(volume, "status")).isEqualTo("available");
		assertThat(column(volume, "host")).isEqualTo(host());
		assertThat(column(volume, "name_id")).isNull();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM messages WHERE resource_uuid = ?", Integer.class,
				volume)).isEqualTo(1);
	}

	private static String createdVolume(int size) {
		String id = insertVolume("creating", size, null, null);
		volumes().createVolume(ctx(), host(), spec(id, size), FilterProperties.FIRST_ATTEMPT);
		await(() -> "available".equals(status(id)), Duration.ofSeconds(20));
		return id;
	}

	private static String snapshot(String volumeId) {
		UUID id = UUID.randomUUID();
		jdbc.update("""
				INSERT INTO snapshots (id, volume_id, project_id, user_id, status, volume_size)
				SELECT ?, id, project_id, user_id, 'creating', size FROM volumes WHERE id = ?""", id,
				UUID.fromString(volumeId));
		volumes().createSnapshot(ctx(), host(), id.toString());
		await(() -> "available".equals(jdbc.queryForObject("SELECT status FROM snapshots WHERE id = ?", String.class,
				id)), Duration.ofSeconds(20));
		return id.toString();
	}

	private static String insertVolume(String status, int size, String sourceColumn, String sourceId) {
		UUID id = UUID.randomUUID();
		String column = (sourceColumn != null) ? ", " + sourceColumn : "";
		String value = (sourceColumn != null) ? ", ?" : "";
		Object[] args = (sourceColumn != null) ? new Object[] { id, size, status, host(), UUID.fromString(sourceId) }
				: new Object[] { id, size, status, host() };
		jdbc.update("INSERT INTO volumes (id, project_id, user_id, size, status, host, volume_type_id" + column + ")"
				+ " VALUES (?, 'dp-project', 'dp-user', ?, ?, ?, (SELECT id FROM volume_types WHERE NOT deleted "
				+ "ORDER BY created_at LIMIT 1)" + value + ")", args);
		return id.toString();
	}

	private static String host() {
		return NODE + "@file#file";
	}

	private static VolumeRpcApi volumes() {
		return new VolumeRpcApi(schedulerSide, app.getBean(BasaltRpcProperties.class));
	}

	private static RequestContext ctx() {
		return RequestContext.admin();
	}

	private static RequestSpec spec(String id, int size) {
		return new RequestSpec(id, "dp-project", size, new VolumeTypeSpec(null, "__DEFAULT__", Map.of()), null, null,
				null, null);
	}

	private static Path file(String backendDirectory, String storageId) {
		return root.resolve(backendDirectory).resolve("volume-" + storageId);
	}

	private static void write(Path file, String text) throws IOException {
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
			raf.seek(OFFSET);
			raf.write(text.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static String read(Path file, int length) throws IOException {
		byte[] data = new byte[length];
		try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
			raf.seek(OFFSET);
			raf.readFully(data);
		}
		return new String(data, StandardCharsets.UTF_8);
	}

	private static String status(String id) {
		return column(id, "status");
	}

	private static String column(String id, String column) {
		return jdbc.queryForObject("SELECT " + column + "::text FROM volumes WHERE id = ?", String.class,
				UUID.fromString(id));
	}

	private static void await(Supplier<Boolean> condition, Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.get()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met within " + within);
			}
			sleep(100);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** The scheduler's side: capability reports and reschedules are accepted and ignored. */
	public static class QuietScheduler {

		@RpcMethod
		public void updateServiceCapabilities(RequestContext context, String serviceName, String host,
				BackendCapabilities capabilities, Instant timestamp) {
		}

		@RpcMethod
		public void createVolume(RequestContext context, String volumeId, RequestSpec requestSpec,
				FilterProperties filterProperties) {
		}

	}

}
