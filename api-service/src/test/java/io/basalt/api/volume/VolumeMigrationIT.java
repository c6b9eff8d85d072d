package io.basalt.api.volume;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The API side of migrations and reverts over HTTP against a real, freshly migrated PostgreSQL database: what
 * {@code os-retype} (migration on demand), {@code os-migrate_volume}, {@code os-migrate_volume_completion} and
 * {@code revert} (3.40) check, what they write in the database (status, migration status, per-type quota) and what
 * they cast. As in {@code ApiServiceIT}, the real RPC stubs are spied on: the casts are verified on them and go
 * through the real outbox to the broker (the scheduler and volume sides have their own ITs). Every refused request changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "basalt.service.host=migration-it" })
@Timeout(120)
class VolumeMigrationIT {

	static final String PROJECT = "6b2d4f6e8a0c1b3d5e7f9a2c5a1c3e7f";

	static final String ADMIN = "admin:" + PROJECT;

	static final String USER = "user:" + PROJECT;

	static final PostgresDatabase DB = TestServices.postgresDatabase();

	static final RabbitVhost VHOST = TestServices.rabbitVhost();

	static final JsonMapper JSON = JsonMapper.builder().build();

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
	}

	@AfterAll
	static void close() {
		DB.close();
		VHOST.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@MockitoSpyBean
	SchedulerRpcApi scheduler;

	@MockitoSpyBean
	VolumeRpcApi volumeRpc;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void clean() {
		this.jdbc.update("DELETE FROM messages");
		this.jdbc.update("DELETE FROM snapshots");
		this.jdbc.update("DELETE FROM volume_metadata");
		this.jdbc.update("DELETE FROM volumes");
		this.jdbc.update("DELETE FROM quota_usages");
		this.jdbc.update("DELETE FROM outbox");
		this.jdbc.update("DELETE FROM services");
		this.jdbc.update("DELETE FROM volume_type_extra_specs");
		this.jdbc.update("DELETE FROM volume_types WHERE name <> '__DEFAULT__'");
		clearInvocations(this.scheduler, this.volumeRpc);
	}

	/** Retype to a type of another backend: retyping + starting, quota moved to the new type, a migrate cast. */
	@Test
	void retypeOnDemandStartsAMigration() throws Exception {
		String typeId = type("far", "volume_backend_name", "other");
		String id = availableVolume("node1@fake#fake");

		var response = action(id, ADMIN, "{\"os-retype\": {\"new_type\": \"far\", \"migration_policy\": \"on-demand\"}}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(column(id, "status")).isEqualTo("retyping");
		assertThat(column(id, "migration_status")).isEqualTo("starting");
		assertThat(column(id, "volume_type_id")).isNotEqualTo(typeId);
		assertThat(inUse("volumes_far")).isEqualTo(1);
		assertThat(inUse("gigabytes_far")).isEqualTo(2);
		assertThat(inUse("volumes___DEFAULT__")).isZero();
		ArgumentCaptor<SchedulerRpcApi.MigrateVolumeArgs> args = ArgumentCaptor
			.forClass(SchedulerRpcApi.MigrateVolumeArgs.class);
		verify(this.scheduler).migrateVolume(any(RequestContext.class), args.capture());
		assertThat(args.getValue().newTypeId()).isEqualTo(typeId);
		assertThat(args.getValue().destinationHost()).isNull();
		assertThat(args.getValue().sourceHost()).isEqualTo("node1@fake#fake");
		assertThat(args.getValue().requestSpec().volumeType().name()).isEqualTo("far");

		// a second retype while migrating is refused
		var again = action(id, ADMIN, "{\"os-retype\": {\"new_type\": \"far\"}}");
		assertThat(again.statusCode()).isEqualTo(400);
	}

	/** {@code migration_policy=never} and a volume with snapshots are refused, and nothing changes. */
	@Test
	void refusedRetypesChangeNothing() throws Exception {
		type("far", "volume_backend_name", "other");
		String id = availableVolume("node1@fake#fake");
		var never = action(id, ADMIN, "{\"os-retype\": {\"new_type\": \"far\", \"migration_policy\": \"never\"}}");
		assertThat(never.statusCode()).isEqualTo(400);
		assertThat(message(never)).isEqualTo("Retype requires migration but is not allowed.");
		snapshot(id, "available");
		var withSnapshot = action(id, ADMIN, "{\"os-retype\": {\"new_type\": \"far\"}}");
		assertThat(withSnapshot.statusCode()).isEqualTo(400);
		assertThat(message(withSnapshot)).contains("Volume must not have snapshots.");
		assertThat(column(id, "status")).isEqualTo("available");
		assertThat(column(id, "migration_status")).isNull();
		assertThat(inUse("volumes_far")).isZero();
		verifyNoInteractions(this.scheduler);
	}

	/** os-migrate_volume: checks the host and the volume, then starting (maintenance with lock) and a cast. */
	@Test
	void migrateVolumeChecksThenStarts() throws Exception {
		service("node2@file");
		String id = availableVolume("node1@fake#fake");

		var unknown = action(id, ADMIN, "{\"os-migrate_volume\": {\"host\": \"nowhere@none\"}}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(message(unknown)).isEqualTo("Invalid host: No available service named 'nowhere@none'");
		service("node1@fake");
		var same = action(id, ADMIN, "{\"os-migrate_volume\": {\"host\": \"node1@fake\"}}");
		assertThat(same.statusCode()).isEqualTo(400);
		assertThat(message(same)).contains("destination host/cluster must be different than the current one");
		var badBody = action(id, ADMIN, "{\"os-migrate_volume\": {\"host\": \"node2@file\", \"color\": 1}}");
		assertThat(badBody.statusCode()).isEqualTo(400);
		var notAdmin = action(id, USER, "{\"os-migrate_volume\": {\"host\": \"node2@file\"}}");
		assertThat(notAdmin.statusCode()).isEqualTo(403);
		assertThat(column(id, "migration_status")).isNull();
		verifyNoInteractions(this.scheduler);

		var ok = action(id, ADMIN,
				"{\"os-migrate_volume\": {\"host\": \"node2@file\", \"force_host_copy\": true, \"lock_volume\": true}}");
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
		assertThat(column(id, "migration_status")).isEqualTo("starting");
		assertThat(column(id, "status")).isEqualTo("maintenance");
		ArgumentCaptor<SchedulerRpcApi.MigrateVolumeArgs> args = ArgumentCaptor
			.forClass(SchedulerRpcApi.MigrateVolumeArgs.class);
		verify(this.scheduler).migrateVolume(any(RequestContext.class), args.capture());
		assertThat(args.getValue().destinationHost()).isEqualTo("node2@file");
		assertThat(args.getValue().forceHostCopy()).isTrue();
		assertThat(args.getValue().newTypeId()).isNull();

		// the admin view shows the migration and, once set, the name id
		this.jdbc.update("UPDATE volumes SET migration_status = 'success', status = 'available', "
				+ "name_id = '11111111-2222-4333-8444-555555555555' WHERE id = ?::uuid", id);
		JsonNode shown = JSON.readTree(send("GET", "/v3/" + PROJECT + "/volumes/" + id, ADMIN, null, null).body())
			.get("volume");
		assertThat(shown.get("os-vol-mig-status-attr:migstat").asString()).isEqualTo("success");
		assertThat(shown.get("os-vol-mig-status-attr:name_id").asString())
			.isEqualTo("11111111-2222-4333-8444-555555555555");
		assertThat(shown.get("migration_status").asString()).isEqualTo("success");
	}

	/** os-migrate_volume_completion: Cinder's checks. */
	@Test
	void migrateVolumeCompletionChecks() throws Exception {
		String id = availableVolume("node1@fake#fake");
		String other = availableVolume("node1@fake#fake");
		var missing = action(id, ADMIN,
				"{\"os-migrate_volume_completion\": {\"new_volume\": \"9d9d9d9d-0000-4000-8000-000000000009\"}}");
		assertThat(missing.statusCode()).isEqualTo(404);
		var idle = action(id, ADMIN, "{\"os-migrate_volume_completion\": {\"new_volume\": \"" + other + "\"}}");
		assertThat(idle.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(idle.body()).get("save_volume_id").asString()).isEqualTo(other);
		this.jdbc.update("UPDATE volumes SET migration_status = 'migrating' WHERE id = ?::uuid", id);
		var notTarget = action(id, ADMIN, "{\"os-migrate_volume_completion\": {\"new_volume\": \"" + other + "\"}}");
		assertThat(notTarget.statusCode()).isEqualTo(400);
		assertThat(message(notTarget)).isEqualTo("Invalid volume: Destination volume not mid-migration.");
	}

	/** revert (3.40): only to the latest snapshot; reverting + restoring; a cast to the volume's backend. */
	@Test
	void revertToTheLatestSnapshot() throws Exception {
		String id = availableVolume("node1@fake#fake");
		String older = snapshot(id, "available");
		Thread.sleep(5);
		String latest = snapshot(id, "available");

		var oldVersion = send("POST", "/v3/" + PROJECT + "/volumes/" + id + "/action", ADMIN, "3.39",
				"{\"revert\": {\"snapshot_id\": \"" + latest + "\"}}");
		assertThat(oldVersion.statusCode()).isEqualTo(404);
		var notLatest = revert(id, older);
		assertThat(notLatest.statusCode()).isEqualTo(400);
		assertThat(message(notLatest)).isEqualTo("Specified snapshot " + older
				+ " is None or not the latest one of volume " + id + ".");
		this.jdbc.update("UPDATE snapshots SET status = 'creating' WHERE id = ?::uuid", latest);
		var busy = revert(id, latest);
		assertThat(busy.statusCode()).isEqualTo(409);
		assertThat(column(id, "status")).isEqualTo("available");
		this.jdbc.update("UPDATE snapshots SET status = 'available' WHERE id = ?::uuid", latest);
		verifyNoInteractions(this.volumeRpc);

		var ok = revert(id, latest);
		assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
		assertThat(column(id, "status")).isEqualTo("reverting");
		assertThat(this.jdbc.queryForObject("SELECT status FROM snapshots WHERE id = ?::uuid", String.class, latest))
			.isEqualTo("restoring");
		verify(this.volumeRpc).revertToSnapshot(any(RequestContext.class), eq("node1@fake#fake"), eq(id),
				eq(latest));
		var again = revert(id, latest);
		assertThat(again.statusCode()).isEqualTo(409);
	}

	private HttpResponse<String> revert(String id, String snapshot) throws Exception {
		return send("POST", "/v3/" + PROJECT + "/volumes/" + id + "/action", ADMIN, "3.40",
				"{\"revert\": {\"snapshot_id\": \"" + snapshot + "\"}}");
	}

	private String type(String name, String key, String value) throws Exception {
		var created = send("POST", "/v3/" + PROJECT + "/types", ADMIN, null,
				"{\"volume_type\": {\"name\": \"" + name + "\", \"extra_specs\": {\"" + key + "\": \"" + value
						+ "\"}}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		return JSON.readTree(created.body()).get("volume_type").get("id").asString();
	}

	/** A 2 GiB volume created through the API (so quota is counted), then put available on {@code host}. */
	private String availableVolume(String host) throws Exception {
		var response = send("POST", "/v3/" + PROJECT + "/volumes", ADMIN, null, "{\"volume\": {\"size\": 2}}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		String id = JSON.readTree(response.body()).get("volume").get("id").asString();
		this.jdbc.update("UPDATE volumes SET status = 'available', host = ? WHERE id = ?::uuid", host, id);
		clearInvocations(this.scheduler);
		return id;
	}

	private String snapshot(String volumeId, String status) {
		return this.jdbc.queryForObject("""
				INSERT INTO snapshots (id, volume_id, project_id, user_id, status, progress, volume_size, use_quota,
				    created_at, deleted, version)
				VALUES (gen_random_uuid(), ?::uuid, ?, 'u', ?, '100%', 2, false, clock_timestamp(), false, 0)
				RETURNING id::text""", String.class, volumeId, PROJECT, status);
	}

	private void service(String host) {
		this.jdbc.update("""
				INSERT INTO services (host, "binary", topic, updated_at) VALUES (?, 'basalt-volume', 'basalt-volume', now())""",
				host);
	}

	private String column(String id, String column) {
		return this.jdbc.queryForObject("SELECT " + column + "::text FROM volumes WHERE id = ?::uuid", String.class,
				id);
	}

	private int inUse(String resource) {
		List<Integer> v = this.jdbc.queryForList(
				"SELECT in_use FROM quota_usages WHERE project_id = ? AND resource = ?", Integer.class, PROJECT,
				resource);
		return v.isEmpty() ? 0 : v.get(0);
	}

	private static String message(HttpResponse<String> response) {
		JsonNode body = JSON.readTree(response.body());
		return body.properties().iterator().next().getValue().get("message").asString();
	}

	private HttpResponse<String> action(String id, String token, String body) throws Exception {
		return send("POST", "/v3/" + PROJECT + "/volumes/" + id + "/action", token, null, body);
	}

	private HttpResponse<String> send(String method, String path, String token, String version, String body)
			throws Exception {
		var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("X-Auth-Token", token)
			.header("Content-Type", "application/json");
		if (version != null) {
			builder.header("OpenStack-API-Version", "volume " + version);
		}
		if (token.equals(USER)) {
			builder.header("X-Roles", "member");
		}
		builder.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody());
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

}
