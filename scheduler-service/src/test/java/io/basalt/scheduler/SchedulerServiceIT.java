package io.basalt.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.Pool;
import io.basalt.common.scheduler.PoolFilters;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerHints;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.Rpc;
import io.basalt.rpc.RpcServer;
import io.basalt.rpc.Target;
import io.basalt.scheduler.manager.FakeVolumeEndpoint;
import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;

/**
 * The scheduler application against a real, migrated PostgreSQL database and a RabbitMQ vhost: it registers
 * itself, learns a backend from a capability fanout and its {@code services} row, answers {@code get_pools}, and
 * places a volume (row updated, {@code create_volume} cast to the backend) or fails it with the reason.
 */
@SpringBootTest(classes = SchedulerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Timeout(120)
class SchedulerServiceIT {

	private static final String BACKEND = "it-node@fake";

	private static final PostgresDatabase DB = TestServices.postgresDatabase();

	private static final RabbitVhost VHOST = TestServices.rabbitVhost();

	@Autowired
	private JdbcTemplate jdbc;

	@Autowired
	private SchedulerRpcApi scheduler;

	@Autowired
	private Rpc rpc;

	private final RequestContext ctx = RequestContext.of("u1", "p1", List.of("member"), false);

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", DB::jdbcUrl);
		registry.add("spring.datasource.username", DB::username);
		registry.add("spring.datasource.password", DB::password);
		registry.add("spring.rabbitmq.host", VHOST::host);
		registry.add("spring.rabbitmq.port", VHOST::port);
		registry.add("spring.rabbitmq.username", VHOST::username);
		registry.add("spring.rabbitmq.password", VHOST::password);
		registry.add("spring.rabbitmq.virtual-host", VHOST::vhost);
		registry.add("basalt.service.host", () -> "sched-it");
		registry.add("basalt.scheduler.startup-wait", () -> "1s");
		registry.add("basalt.scheduler.status-refresh-interval", () -> "500ms");
	}

	@AfterAll
	static void drop() {
		VHOST.close();
		DB.close();
	}

	@BeforeEach
	void volumeServiceIsUp() {
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc.update("""
				INSERT INTO services (host, "binary", topic, availability_zone, disabled, report_count,
				                      created_at, updated_at, deleted)
				VALUES (?, 'basalt-volume', 'basalt-volume', 'nova', false, 1, ?, ?, false)
				ON CONFLICT DO NOTHING""", BACKEND, now, now);
		this.jdbc.update("UPDATE services SET updated_at = ? WHERE host = ?", now, BACKEND);
	}

	/** The scheduler's own services row exists. */
	@Test
	void registersItself() {
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM services WHERE host = 'sched-it' AND \"binary\" = 'basalt-scheduler'",
				Integer.class))
			.isEqualTo(1);
	}

	/** A capability fanout, then get_pools over a call returns the pool. */
	@Test
	void capabilityFanoutThenGetPools() {
		report();

		Pool[] pools = this.scheduler.getPools(this.ctx, PoolFilters.NONE);
		assertThat(pools).extracting(Pool::name).containsExactly(BACKEND + "#pool0");
		assertThat(pools[0].capabilities().totalCapacityGb()).isEqualTo(Capacity.of(100));
		assertThat(this.scheduler.getPools(this.ctx, PoolFilters.forExtraSpecs(Map.of("volume_backend_name", "x"))))
			.isEmpty();
	}

	/** create_volume: the row gets the host and scheduled_at, and the backend receives create_volume. */
	@Test
	void placesAVolume() throws InterruptedException {
		report();
		FakeVolumeEndpoint backend = new FakeVolumeEndpoint();
		RpcServer server = this.rpc.server(new Target(null, "basalt-volume", BACKEND, false, VolumeRpcApi.VERSION,
				null), List.of(Endpoint.of(backend, VolumeRpcApi.VERSION)));
		server.start();
		try {
			String id = insertCreatingVolume();

			this.scheduler.createVolume(this.ctx, request(id, 10, Map.of()), FilterProperties.FIRST_ATTEMPT);

			var created = backendCreated(backend);
			assertThat(created).isNotNull();
			assertThat(created.host()).isEqualTo(BACKEND + "#pool0");
			Map<String, Object> row = this.jdbc.queryForMap(
					"SELECT status, host, scheduled_at FROM volumes WHERE id = ?", UUID.fromString(id));
			assertThat(row.get("status")).isEqualTo("creating");
			assertThat(row.get("host")).isEqualTo(BACKEND + "#pool0");
			assertThat(row.get("scheduled_at")).isNotNull();
		}
		finally {
			server.stop();
		}
	}

	/**
	 * No valid backend: the volume goes to error with the reason in status_reason, and its project gets Cinder's
	 * user message {@code VOLUME_VOLUME_001_003}, kept for the message TTL (30 days by default).
	 */
	@Test
	void failsAVolumeWithTheReason() {
		report();
		String id = insertCreatingVolume();

		this.scheduler.createVolume(this.ctx, request(id, 10, Map.of("volume_backend_name", "ceph")),
				FilterProperties.FIRST_ATTEMPT);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> "error".equals(this.jdbc.queryForObject("SELECT status FROM volumes WHERE id = ?",
					String.class, UUID.fromString(id))));
		assertThat(this.jdbc.queryForObject("SELECT status_reason FROM volumes WHERE id = ?", String.class,
				UUID.fromString(id)))
			.startsWith("No valid backend was found. CapabilitiesFilter removed 1 of 1 pools");
		Map<String, Object> message = this.jdbc.queryForMap("""
				SELECT project_id, request_id, resource_type, resource_uuid, event_id, action_id, detail_id,
				       message_level, expires_at - created_at AS ttl
				FROM messages WHERE resource_uuid = ?""", id);
		assertThat(message).containsEntry("project_id", "p1")
			.containsEntry("request_id", this.ctx.requestId())
			.containsEntry("resource_type", "VOLUME")
			.containsEntry("event_id", "VOLUME_VOLUME_001_003")
			.containsEntry("action_id", "001")
			.containsEntry("detail_id", "003")
			.containsEntry("message_level", "ERROR");
		assertThat(message.get("ttl").toString()).isEqualTo("30 days");
	}

	private static FakeVolumeEndpoint.Created backendCreated(FakeVolumeEndpoint backend) throws InterruptedException {
		return backend.created.poll(20, TimeUnit.SECONDS);
	}

	/**
	 * The broker is a trust boundary: a report naming a backend without a services row is ignored (even after the
	 * on-demand re-read of the rows), and one dated a day ahead is taken as received now.
	 */
	@Test
	void reportsOfUnregisteredBackendsAreIgnoredAndFutureTimestampsClamped() {
		PoolCapabilities pool = new PoolCapabilities("pool0", Capacity.of(100), Capacity.of(100), 0, 0, 1.0, 0, true,
				false, 0, false, Map.of());
		BackendCapabilities caps = new BackendCapabilities("fake", "Basalt", "1.0", "file", "nova", List.of(pool));
		Instant sent = Instant.now().minusMillis(1);
		this.scheduler.updateServiceCapabilities(this.ctx, "intruder@fake", caps, Instant.now());
		this.scheduler.updateServiceCapabilities(this.ctx, BACKEND, caps, Instant.now().plus(Duration.ofDays(1)));
		// the future-dated report is taken (as received now): the pool's timestamp moves past `sent`, not a day on
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			Pool[] pools = this.scheduler.getPools(this.ctx, PoolFilters.NONE);
			assertThat(pools).extracting(Pool::name).containsExactly(BACKEND + "#pool0");
			assertThat(pools[0].updatedAt()).isAfter(sent).isBefore(Instant.now().plusSeconds(5));
		});
	}

	private void report() {
		PoolCapabilities pool = new PoolCapabilities("pool0", Capacity.of(100), Capacity.of(100), 0, 0, 1.0, 0, true,
				false, 0, false, Map.of());
		this.scheduler.updateServiceCapabilities(this.ctx, BACKEND,
				new BackendCapabilities("fake", "Basalt", "1.0", "file", "nova", List.of(pool)), Instant.now());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.scheduler.getPools(this.ctx, PoolFilters.NONE).length == 1);
	}

	private String insertCreatingVolume() {
		UUID id = UUID.randomUUID();
		UUID type = this.jdbc.queryForObject("SELECT id FROM volume_types WHERE name = '__DEFAULT__'", UUID.class);
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, volume_type_id)
				VALUES (?, 'p1', 'u1', 10, 'creating', ?)""", id, type);
		return id.toString();
	}

	private static RequestSpec request(String id, int size, Map<String, String> extraSpecs) {
		return new RequestSpec(id, "p1", size, new VolumeTypeSpec(null, "__DEFAULT__", extraSpecs), null, null, null,
				SchedulerHints.NONE);
	}

}
