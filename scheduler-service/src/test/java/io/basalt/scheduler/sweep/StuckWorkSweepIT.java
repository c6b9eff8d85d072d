package io.basalt.scheduler.sweep;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.volume.MigrationStore;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.RpcMethod;
import io.basalt.rpc.Target;
import io.basalt.rpc.transport.amqp.AmqpRpc;
import io.basalt.rpc.transport.amqp.AmqpRpcOptions;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.ServiceStatus;
import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sweeper's deadlines for reverts and groups on real services: PostgreSQL holds the stuck rows, two sweepers
 * (two schedulers, each on its own database connections, claiming 5 rows a look) sweep three times each at the
 * same time, and their casts travel over RabbitMQ to a real common-rpc server standing in for the volume backend
 * and for a scheduler. Every stuck item is sent exactly once in all (the claims are shared), to the right place,
 * with the right arguments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class StuckWorkSweepIT {

	private static final String BACKEND = "node1@fake";

	private PostgresDatabase db;

	private RabbitVhost vhost;

	private AmqpRpc rpc;

	private JdbcTemplate jdbc;

	private final Recorder recorder = new Recorder();

	private UUID volumeType;

	private UUID groupType;

	@BeforeAll
	void start() {
		this.db = TestServices.postgresDatabase();
		this.jdbc = new JdbcTemplate(this.db.dataSource());
		this.vhost = TestServices.rabbitVhost();
		this.rpc = AmqpRpc.create(URI.create(this.vhost.uri()), AmqpRpcOptions.defaults().withDurable(true),
				new SimpleMeterRegistry());
		this.rpc.server(Target.of("basalt", "basalt-volume").withServer(BACKEND),
				List.of(Endpoint.of(this.recorder, VolumeRpcApi.VERSION)))
			.start();
		this.rpc.server(Target.of("basalt", "basalt-scheduler").withServer("it-scheduler"),
				List.of(Endpoint.of(this.recorder, SchedulerRpcApi.VERSION)))
			.start();
		this.volumeType = UUID.randomUUID();
		this.jdbc.update("INSERT INTO volume_types (id, name, is_public, deleted) VALUES (?, 'gold', true, false)",
				this.volumeType);
		this.groupType = UUID.randomUUID();
		this.jdbc.update("INSERT INTO group_types (id, name) VALUES (?, 'gt')", this.groupType);
	}

	@AfterAll
	void stop() {
		this.rpc.close();
		this.vhost.close();
		this.db.close();
	}

	@Test
	void twoSweepersSendEachStuckRevertAndGroupOnceToItsPlace() throws Exception {
		Instant old = Instant.now().minus(Duration.ofMinutes(10));
		Map<String, String> reverts = new ConcurrentHashMap<>();
		for (int i = 0; i < 20; i++) {
			UUID volume = volume("reverting", old);
			reverts.put(volume.toString(), snapshot(volume, "restoring", old).toString());
		}
		UUID placed = group("creating", BACKEND, old);
		UUID deleting = group("deleting", BACKEND, old);
		UUID unplaced = group("creating", null, old);
		this.jdbc.update("INSERT INTO group_volume_types (group_id, volume_type_id, position) VALUES (?, ?, 0)",
				unplaced, this.volumeType);
		UUID groupSnapshot = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO group_snapshots (id, project_id, group_id, group_type_id, status, created_at, updated_at)
				VALUES (?, 'p1', ?, ?, 'creating', ?, ?)""", groupSnapshot, placed, this.groupType,
				Timestamp.from(old), Timestamp.from(old));

		// a retype to silver that no scheduler took: its per-type quota moved to silver when it started
		UUID silver = UUID.randomUUID();
		this.jdbc.update("INSERT INTO volume_types (id, name, is_public, deleted) VALUES (?, 'silver', true, false)",
				silver);
		UUID retype = volume("retyping", old);
		this.jdbc.update("""
				UPDATE volumes SET migration_status = 'starting', previous_status = 'available', use_quota = true,
				       migration_new_type_id = ? WHERE id = ?""", silver, retype);
		for (String resource : List.of("volumes_gold", "gigabytes_gold", "volumes_silver", "gigabytes_silver")) {
			this.jdbc.update("INSERT INTO quota_usages (project_id, resource, in_use, reserved) VALUES ('p1', ?, ?, 0)",
					resource, resource.endsWith("silver") ? 1 : 0);
		}

		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		List<StuckVolumeSweeper> sweepers = List.of(sweeper(this.db, meters), sweeper(this.db, meters));
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (StuckVolumeSweeper sweeper : sweepers) {
			threads.add(Thread.ofPlatform().start(() -> {
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				for (int i = 0; i < 3; i++) {
					sweeper.sweep();
				}
			}));
		}
		go.countDown();
		for (Thread t : threads) {
			t.join();
		}

		// 20 reverts sent once in all, whichever sweeper claimed each
		assertThat(meters.counter("basalt.scheduler.sweeper.resent").count()).isEqualTo(20.0);
		// create_group and delete_group to the backend, create_group_snapshot, create_group to the scheduler
		assertThat(meters.counter("basalt.scheduler.sweeper.groups.resent").count()).isEqualTo(4.0);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.recorder.reverts.size() == 20
				&& this.recorder.calls.containsAll(Set.of("create_group " + placed, "delete_group " + deleting,
						"create_group_snapshot " + groupSnapshot, "schedule create_group " + unplaced)));
		assertThat(this.recorder.reverts).containsExactlyInAnyOrderEntriesOf(reverts);
		assertThat(this.recorder.placed).singleElement().satisfies(spec -> {
			assertThat(spec.group().groupId()).isEqualTo(unplaced.toString());
			assertThat(spec.group().volumeTypes()).extracting(t -> t.name()).containsExactly("gold");
		});
		// the retype that never started: ended in error once, status and per-type quota put back, a user message
		assertThat(meters.counter("basalt.scheduler.sweeper.migrations.failed").count()).isEqualTo(1.0);
		assertThat(this.jdbc.queryForMap("""
				SELECT status, migration_status, migration_new_type_id, status_reason FROM volumes WHERE id = ?""",
				retype)).containsEntry("status", "available").containsEntry("migration_status", "error")
			.containsEntry("migration_new_type_id", null)
			.hasEntrySatisfying("status_reason", r -> assertThat((String) r).startsWith("Migration did not start"));
		assertThat(this.jdbc.queryForList("SELECT resource, in_use FROM quota_usages WHERE project_id = 'p1' "
				+ "ORDER BY resource")).containsExactly(Map.of("resource", "gigabytes_gold", "in_use", 1),
						Map.of("resource", "gigabytes_silver", "in_use", 0), Map.of("resource", "volumes_gold", "in_use", 1),
						Map.of("resource", "volumes_silver", "in_use", 0));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM messages WHERE resource_uuid = ?", Integer.class,
				retype.toString())).isEqualTo(1);
		// claimed: a second look at once finds nothing
		StuckVolumeSweeper again = sweeper(this.db, meters);
		again.sweep();
		assertThat(meters.counter("basalt.scheduler.sweeper.resent").count()).isEqualTo(20.0);
		assertThat(meters.counter("basalt.scheduler.sweeper.groups.resent").count()).isEqualTo(4.0);
	}

	@Test
	void twoSweepersEndMigratingOnADownSourceOrPastItsDeadlineAndStuckGroupUpdatesOnce() throws Exception {
		Instant old = Instant.now().minus(Duration.ofMinutes(10));
		// a retype copying from a backend that is down: ended after stuck-after, quota moved back
		UUID bronze = UUID.randomUUID();
		this.jdbc.update("INSERT INTO volume_types (id, name, is_public, deleted) VALUES (?, 'bronze', true, false)",
				bronze);
		UUID downSource = volume("retyping", old);
		this.jdbc.update("""
				UPDATE volumes SET host = 'gone@fake#pool', migration_status = 'migrating', previous_status = 'in-use',
				       use_quota = true, project_id = 'p2', migration_new_type_id = ? WHERE id = ?""", bronze,
				downSource);
		for (String resource : List.of("volumes_gold", "gigabytes_gold", "volumes_bronze", "gigabytes_bronze")) {
			this.jdbc.update("INSERT INTO quota_usages (project_id, resource, in_use, reserved) VALUES ('p2', ?, ?, 0)",
					resource, resource.endsWith("bronze") ? 1 : 0);
		}
		// a migration on a live backend, still within migrating-stuck-after: its copy may run, left alone
		UUID copying = volume("maintenance", old);
		this.jdbc.update("UPDATE volumes SET migration_status = 'migrating', previous_status = 'available' WHERE id = ?",
				copying);
		// a migration on a live backend past migrating-stuck-after (6 h): ended
		UUID overdue = volume("maintenance", Instant.now().minus(Duration.ofHours(7)));
		this.jdbc.update("UPDATE volumes SET migration_status = 'migrating', previous_status = 'available' WHERE id = ?",
				overdue);
		// a group stuck in updating, one member volume: the group goes to error, the volume is untouched
		UUID updating = group("updating", BACKEND, old);
		UUID member = volume("available", old);
		this.jdbc.update("UPDATE volumes SET group_id = ? WHERE id = ?", updating, member);
		UUID recentUpdate = group("updating", BACKEND, Instant.now());

		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		List<StuckVolumeSweeper> sweepers = List.of(sweeper(this.db, meters), sweeper(this.db, meters));
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (StuckVolumeSweeper sweeper : sweepers) {
			threads.add(Thread.ofPlatform().start(() -> {
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				for (int i = 0; i < 3; i++) {
					sweeper.sweep();
				}
			}));
		}
		go.countDown();
		for (Thread t : threads) {
			t.join();
		}

		assertThat(meters.counter("basalt.scheduler.sweeper.migrations.failed").count()).isEqualTo(2.0);
		assertThat(this.jdbc.queryForMap("""
				SELECT status, migration_status, migration_new_type_id, status_reason FROM volumes WHERE id = ?""",
				downSource)).containsEntry("status", "in-use").containsEntry("migration_status", "error")
			.containsEntry("migration_new_type_id", null)
			.hasEntrySatisfying("status_reason", r -> assertThat((String) r).contains("gone@fake is down"));
		assertThat(this.jdbc.queryForList("SELECT resource, in_use FROM quota_usages WHERE project_id = 'p2' "
				+ "ORDER BY resource")).containsExactly(Map.of("resource", "gigabytes_bronze", "in_use", 0),
						Map.of("resource", "gigabytes_gold", "in_use", 1), Map.of("resource", "volumes_bronze", "in_use", 0),
						Map.of("resource", "volumes_gold", "in_use", 1));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM messages WHERE resource_uuid = ?", Integer.class,
				downSource.toString())).isEqualTo(1);
		assertThat(this.jdbc.queryForMap("SELECT status, migration_status, status_reason FROM volumes WHERE id = ?",
				overdue)).containsEntry("status", "available").containsEntry("migration_status", "error")
			.hasEntrySatisfying("status_reason", r -> assertThat((String) r).startsWith("Migration did not finish"));
		assertThat(this.jdbc.queryForMap("SELECT status, migration_status FROM volumes WHERE id = ?", copying))
			.containsEntry("status", "maintenance").containsEntry("migration_status", "migrating");

		assertThat(meters.counter("basalt.scheduler.sweeper.groups.failed").count()).isEqualTo(1.0);
		assertThat(this.jdbc.queryForObject("SELECT status FROM groups WHERE id = ?", String.class, updating))
			.isEqualTo("error");
		assertThat(this.jdbc.queryForObject("SELECT status FROM groups WHERE id = ?", String.class, recentUpdate))
			.isEqualTo("updating");
		assertThat(this.jdbc.queryForMap("SELECT status, group_id FROM volumes WHERE id = ?", member))
			.containsEntry("status", "available").containsEntry("group_id", updating);
	}

	private StuckVolumeSweeper sweeper(PostgresDatabase database, SimpleMeterRegistry meters) {
		Clock clock = Clock.systemUTC();
		HostManager hosts = new HostManager(clock, Duration.ofSeconds(60));
		hosts.updateServiceStatuses(List.of(new ServiceStatus(BACKEND, "nova", false, null, clock.instant())));
		BasaltRpcProperties properties = new BasaltRpcProperties("basalt", "basalt-scheduler", "basalt-volume",
				Duration.ofSeconds(10), Duration.ofSeconds(10), 1, 16, true);
		JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
		return new StuckVolumeSweeper(new StuckVolumeStore(jdbc), new MigrationStore(jdbc, Duration.ofDays(1)), hosts,
				new SchedulerRpcApi(this.rpc, properties), new VolumeRpcApi(this.rpc, properties),
				new ThreadPoolTaskScheduler(), clock, new SweeperProperties(true, Duration.ofSeconds(30),
						Duration.ofMinutes(2), 5, Duration.ofHours(6)),
				Duration.ofSeconds(60), meters);
	}

	private UUID volume(String status, Instant updatedAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, host, volume_type_id, availability_zone,
				                     created_at, updated_at)
				VALUES (?, 'p1', 'u1', 1, ?, ?, ?, 'nova', ?, ?)""", id, status, BACKEND + "#pool", this.volumeType,
				Timestamp.from(updatedAt), Timestamp.from(updatedAt));
		return id;
	}

	private UUID snapshot(UUID volume, String status, Instant updatedAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO snapshots (id, volume_id, project_id, user_id, status, volume_size, volume_type_id,
				                       created_at, updated_at)
				VALUES (?, ?, 'p1', 'u1', ?, 1, ?, ?, ?)""", id, volume, status, this.volumeType,
				Timestamp.from(updatedAt), Timestamp.from(updatedAt));
		return id;
	}

	private UUID group(String status, String host, Instant updatedAt) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				INSERT INTO groups (id, project_id, status, availability_zone, host, group_type_id, created_at,
				                    updated_at)
				VALUES (?, 'p1', ?, 'nova', ?, ?, ?, ?)""", id, status, host, this.groupType, Timestamp.from(updatedAt),
				Timestamp.from(updatedAt));
		return id;
	}

	/** Stands in for the volume backend and for a scheduler: records what arrives. */
	public static final class Recorder {

		final Map<String, String> reverts = new ConcurrentHashMap<>();

		final List<String> calls = new CopyOnWriteArrayList<>();

		final List<RequestSpec> placed = new CopyOnWriteArrayList<>();

		@RpcMethod
		public void revertToSnapshot(String volumeId, String snapshotId) {
			this.reverts.merge(volumeId, snapshotId, (a, b) -> a + "," + b);
		}

		@RpcMethod
		public void createGroup(String groupId, java.util.Optional<RequestSpec> requestSpec,
				java.util.Optional<FilterProperties> filterProperties) {
			if (requestSpec.isPresent()) {
				this.placed.add(requestSpec.get());
				this.calls.add("schedule create_group " + groupId);
			}
			else {
				this.calls.add("create_group " + groupId);
			}
		}

		@RpcMethod
		public void deleteGroup(String groupId) {
			this.calls.add("delete_group " + groupId);
		}

		@RpcMethod
		public void createGroupSnapshot(String groupSnapshotId) {
			this.calls.add("create_group_snapshot " + groupSnapshotId);
		}

	}

}
