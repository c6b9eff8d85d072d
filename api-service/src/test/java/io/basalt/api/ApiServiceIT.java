package io.basalt.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The API over HTTP against a real, freshly migrated PostgreSQL database and a RabbitMQ vhost. The RPC stubs are
 * the real ones, spied on: the casts the API sends are verified on them, and each goes through the real outbox to
 * the broker (nothing listens in the vhost, so the broker drops them once it has confirmed them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "basalt.api.outbox.relay-interval=1s", "basalt.api.outbox.stale-after=1s",
				"basalt.service.host=api-it", "basalt.message.cleanup-interval=1s" })
@Timeout(120)
class ApiServiceIT {

	static final String PROJECT = "5a1c3e7f9b2d4f6e8a0c1b3d5e7f9a2c";

	static final String OTHER = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b";

	static final String ADMIN = "admin:" + PROJECT;

	/** A volume and a snapshot of it (each with metadata {@code k=v}) that the bad-input table aims at. */
	static final String FIXTURE_VOLUME = "f1f1f1f1-0000-4000-8000-000000000001";

	static final String FIXTURE_SNAPSHOT = "f1f1f1f1-0000-4000-8000-000000000002";

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

	@LocalManagementPort
	int managementPort;

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
		this.jdbc.update("DELETE FROM transfers");
		this.jdbc.update("DELETE FROM messages");
		this.jdbc.update("DELETE FROM volume_metadata");
		this.jdbc.update("DELETE FROM snapshots");
		this.jdbc.update("DELETE FROM volumes");
		this.jdbc.update("DELETE FROM reservations");
		this.jdbc.update("DELETE FROM quota_usages");
		this.jdbc.update("DELETE FROM quotas");
		this.jdbc.update("DELETE FROM outbox");
		this.jdbc.update("DELETE FROM volume_type_encryption");
		this.jdbc.update("UPDATE volume_types SET qos_specs_id = NULL");
		this.jdbc.update("DELETE FROM qos_specs");
		this.jdbc.update("DELETE FROM volume_types WHERE name <> '__DEFAULT__'");
		clearInvocations(this.scheduler, this.volumeRpc);
		// calls need a volume service's or a scheduler's reply, and none runs here: they answer as a mock would
		// (casts are not stubbed: they go through the real outbox to the broker)
		doReturn(null).when(this.scheduler).getPools(any(), any());
		doReturn(null).when(this.volumeRpc).initializeConnection(any(), any(), any(), any());
		doNothing().when(this.volumeRpc).terminateConnection(any(), any(), any(), any(), anyBoolean());
		doReturn(null).when(this.volumeRpc).attachmentUpdate(any(), any(), any(), any(), any());
		doNothing().when(this.volumeRpc).attachmentDelete(any(), any(), any(), any(), any());
	}

	@Test
	void createsListsShowsUpdatesAndDeletesAVolume() throws Exception {
		var created = send("POST", "/v3/" + PROJECT + "/volumes", ADMIN, null,
				"{\"volume\": {\"name\": \" vol-1 \", \"size\": \"2\", \"metadata\": {\"purpose\": \"it\"}}}");
		assertThat(created.statusCode()).isEqualTo(202);
		assertThat(created.headers().firstValue("x-openstack-request-id")).hasValueSatisfying(
				id -> assertThat(id).startsWith("req-"));
		JsonNode volume = JSON.readTree(created.body()).get("volume");
		String id = volume.get("id").asString();
		assertThat(volume.get("status").asString()).isEqualTo("creating");
		assertThat(volume.get("name").asString()).isEqualTo("vol-1");
		assertThat(volume.get("bootable").asString()).isEqualTo("false");
		assertThat(volume.get("volume_type").asString()).isEqualTo("__DEFAULT__");
		assertThat(volume.get("links").get(0).get("href").asString()).endsWith("/v3/" + PROJECT + "/volumes/" + id);
		assertThat(this.jdbc.queryForObject("SELECT status FROM volumes WHERE id = ?::uuid", String.class, id))
			.isEqualTo("creating");
		ArgumentCaptor<RequestSpec> spec = ArgumentCaptor.forClass(RequestSpec.class);
		verify(this.scheduler).createVolume(any(RequestContext.class), spec.capture(),
				eq(FilterProperties.FIRST_ATTEMPT));
		assertThat(spec.getValue().volumeId()).isEqualTo(id);
		assertThat(spec.getValue().volumeType().name()).isEqualTo("__DEFAULT__");
		// the cast was written to the outbox with the volume, then sent; the request thread queues the sent mark
		// and SentMarks writes it within basalt.api.outbox.mark-interval
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM outbox WHERE method = 'create_volume' AND topic = 'basalt-scheduler'
				  AND server IS NULL AND body LIKE ?""", Integer.class, "%" + id + "%")).isEqualTo(1);
		long marked = System.nanoTime() + 5_000_000_000L;
		while (this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE sent_at IS NULL", Integer.class) > 0
				&& System.nanoTime() < marked) {
			Thread.sleep(20);
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox WHERE sent_at IS NULL", Integer.class))
			.isZero();
		assertThat(quotaInUse("volumes")).isEqualTo(1);
		assertThat(quotaInUse("gigabytes")).isEqualTo(2);

		var list = send("GET", "/v3/" + PROJECT + "/volumes", ADMIN, null, null);
		assertThat(JSON.readTree(list.body()).get("volumes").get(0).get("id").asString()).isEqualTo(id);
		var show = send("GET", "/v3/" + PROJECT + "/volumes/" + id, "latest", null, null);
		assertThat(show.statusCode()).isEqualTo(200);
		var updated = send("PUT", "/v3/" + PROJECT + "/volumes/" + id, ADMIN, null,
				"{\"volume\": {\"description\": \"d\"}}");
		assertThat(JSON.readTree(updated.body()).get("volume").get("description").asString()).isEqualTo("d");

		var deleted = send("DELETE", "/v3/" + PROJECT + "/volumes/" + id, ADMIN, null, null);
		assertThat(deleted.statusCode()).isEqualTo(202);
		assertThat(send("GET", "/v3/" + PROJECT + "/volumes/" + id, ADMIN, null, null).statusCode()).isEqualTo(404);
		assertThat(quotaInUse("volumes")).isZero();
		verify(this.volumeRpc, never()).deleteVolume(any(), any(), any());
	}

	@Test
	void deletesAScheduledVolumeThroughItsBackend() throws Exception {
		String id = createVolume(1);
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'node1@fake#pool' WHERE id = ?::uuid", id);
		assertThat(send("DELETE", "/v3/" + PROJECT + "/volumes/" + id, ADMIN, null, null).statusCode())
			.isEqualTo(202);
		verify(this.volumeRpc).deleteVolume(any(), eq("node1@fake#pool"), eq(id));
		assertThat(this.jdbc.queryForObject("SELECT status FROM volumes WHERE id = ?::uuid", String.class, id))
			.isEqualTo("deleting");
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM outbox WHERE method = 'delete_volume' AND topic = 'basalt-volume'
				  AND server = 'node1@fake' AND body LIKE ?""", Integer.class, "%" + id + "%")).isEqualTo(1);
	}

	@Test
	void aVolumeWithSnapshotsIsDeletedOnlyWithCascade() throws Exception {
		String id = createVolume(1);
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'node1@fake#pool' WHERE id = ?::uuid", id);
		this.jdbc.update("""
				INSERT INTO snapshots (id, volume_id, project_id, user_id, status, progress, volume_size, use_quota,
				    created_at, deleted, version)
				VALUES (gen_random_uuid(), ?::uuid, ?, 'u', 'available', '100%', 1, true, now(), false, 0)""", id,
				PROJECT);
		var refused = send("DELETE", "/v3/" + PROJECT + "/volumes/" + id, ADMIN, null, null);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(refused.body()).get("badRequest").get("message").asString())
			.contains("have snapshots");
		assertThat(this.jdbc.queryForObject("SELECT status FROM volumes WHERE id = ?::uuid", String.class, id))
			.isEqualTo("available");
		verify(this.volumeRpc, never()).deleteVolume(any(), any(), eq(id));
		assertThat(send("DELETE", "/v3/" + PROJECT + "/volumes/" + id + "?cascade=true", ADMIN, null, null)
			.statusCode()).isEqualTo(202);
		assertThat(this.jdbc.queryForObject("SELECT status FROM volumes WHERE id = ?::uuid", String.class, id))
			.isEqualTo("deleting");
	}

	/** POST merges, PUT replaces, one key is set, read and deleted; 3.15 adds an Etag that If-Match must match. */
	@Test
	void volumeMetadataAsCinder() throws Exception {
		String id = createVolume(1);
		String m = "/v3/" + PROJECT + "/volumes/" + id + "/metadata";
		var merged = send("POST", m, ADMIN, null, "{\"metadata\": {\"a\": \"1\", \"b\": \"2\"}}");
		assertThat(merged.statusCode()).isEqualTo(200);
		assertThat(send("POST", m, ADMIN, null, "{\"metadata\": {\"b\": \"3\", \"c\": \"\"}}").body())
			.isEqualTo("{\"metadata\":{\"a\":\"1\",\"b\":\"3\",\"c\":\"\"}}");
		assertThat(send("GET", m, ADMIN, null, null).body()).isEqualTo("{\"metadata\":{\"a\":\"1\",\"b\":\"3\",\"c\":\"\"}}");
		var replaced = send("PUT", m, ADMIN, null, "{\"metadata\": {\"z\": \"9\", \"a\": \"x\"}}");
		assertThat(replaced.body()).isEqualTo("{\"metadata\":{\"a\":\"x\",\"z\":\"9\"}}");
		assertThat(send("GET", m + "/z", ADMIN, null, null).body()).isEqualTo("{\"meta\":{\"z\":\"9\"}}");
		assertThat(send("PUT", m + "/z", ADMIN, null, "{\"meta\": {\"z\": \"10\"}}").body())
			.isEqualTo("{\"meta\":{\"z\":\"10\"}}");
		var deleted = send("DELETE", m + "/a", ADMIN, null, null);
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(deleted.body()).isEmpty();
		assertThat(send("GET", m + "/a", ADMIN, null, null).statusCode()).isEqualTo(404);
		// the volume's own view carries the same metadata
		assertThat(JSON.readTree(send("GET", "/v3/" + PROJECT + "/volumes/" + id, ADMIN, null, null).body())
			.get("volume").get("metadata").toString()).isEqualTo("{\"z\":\"10\"}");
		// 3.15: the Etag is the MD5 of Python's json.dumps({"metadata": ...}); a stale If-Match is 412
		var listed = send("GET", m, "3.15", null, null);
		String etag = listed.headers().firstValue("Etag").orElseThrow();
		assertThat(etag.replace("\"", "")).isEqualTo(md5("{\"metadata\": {\"z\": \"10\"}}"));
		var stale = send("PUT", m, ADMIN, null, "{\"metadata\": {}}", "3.15", Map.of("If-Match", "\"0bad\""));
		assertThat(stale.statusCode()).isEqualTo(412);
		assertThat(send("GET", m, ADMIN, null, null).body()).contains("\"z\":\"10\"");
		var fresh = send("PUT", m, ADMIN, null, "{\"metadata\": {}}", "3.15", Map.of("If-Match", etag));
		assertThat(fresh.body()).isEqualTo("{\"metadata\":{}}");
		// another project's member sees nothing of it
		assertThat(send("GET", "/v3/" + OTHER + "/volumes/" + id + "/metadata", "bob:" + OTHER, "member", null)
			.statusCode()).isEqualTo(404);
		assertThat(send("GET", m, "bob:" + OTHER, "member", null).statusCode()).isEqualTo(403);
	}

	/** Snapshot metadata: the same verbs, and the snapshot's view shows it. */
	@Test
	void snapshotMetadataAsCinder() throws Exception {
		String snapshot = createSnapshot(availableVolume(1), "s");
		String m = "/v3/" + PROJECT + "/snapshots/" + snapshot + "/metadata";
		assertThat(send("POST", m, ADMIN, null, "{\"metadata\": {\"a\": \"1\"}}").body())
			.isEqualTo("{\"metadata\":{\"a\":\"1\",\"purpose\":\"it\"}}");
		assertThat(send("PUT", m, ADMIN, null, "{\"metadata\": {\"b\": \"2\"}}").body())
			.isEqualTo("{\"metadata\":{\"b\":\"2\"}}");
		assertThat(send("PUT", m + "/b", ADMIN, null, "{\"meta\": {\"b\": \"3\"}}").body())
			.isEqualTo("{\"meta\":{\"b\":\"3\"}}");
		assertThat(send("GET", m + "/b", ADMIN, null, null).body()).isEqualTo("{\"meta\":{\"b\":\"3\"}}");
		assertThat(JSON.readTree(send("GET", "/v3/" + PROJECT + "/snapshots/" + snapshot, ADMIN, null, null).body())
			.get("snapshot").get("metadata").toString()).isEqualTo("{\"b\":\"3\"}");
		assertThat(send("DELETE", m + "/b", ADMIN, null, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", m, ADMIN, null, null).body()).isEqualTo("{\"metadata\":{}}");
	}

	/** Snapshot actions: reset_status, update_snapshot_status with progress, force_delete from any status. */
	@Test
	void snapshotActionsAsCinder() throws Exception {
		String snapshot = createSnapshot(availableVolume(1), "s");
		String action = "/v3/" + PROJECT + "/snapshots/" + snapshot + "/action";
		assertThat(send("POST", action, ADMIN, null, "{\"os-reset_status\": {\"status\": \"CREATING\"}}")
			.statusCode()).isEqualTo(202);
		assertThat(snapshotColumn(snapshot, "status")).isEqualTo("creating");
		assertThat(send("POST", action, ADMIN, null,
				"{\"os-update_snapshot_status\": {\"status\": \"error\", \"progress\": \"80%\"}}").statusCode())
			.isEqualTo(202);
		assertThat(snapshotColumn(snapshot, "status")).isEqualTo("error");
		var shown = JSON.readTree(send("GET", "/v3/" + PROJECT + "/snapshots/" + snapshot, ADMIN, null, null).body());
		assertThat(shown.get("snapshot").get("os-extended-snapshot-attributes:progress").asString()).isEqualTo("80%");
		// error is not a state update_snapshot_status starts from
		assertThat(send("POST", action, ADMIN, null, "{\"os-update_snapshot_status\": {\"status\": \"available\"}}")
			.statusCode()).isEqualTo(400);
		send("POST", action, ADMIN, null, "{\"os-reset_status\": {\"status\": \"creating\"}}");
		assertThat(send("POST", action, ADMIN, null,
				"{\"os-update_snapshot_status\": {\"status\": \"available\", \"progress\": \"101%\"}}").statusCode())
			.isEqualTo(400);
		assertThat(send("POST", action, "alice:" + PROJECT, "member", "{\"os-force_delete\": {}}").statusCode())
			.isEqualTo(403);
		assertThat(send("POST", action, "alice:" + PROJECT, "member",
				"{\"os-update_snapshot_status\": {\"status\": \"creating\", \"progress\": \"5%\"}}").statusCode())
			.isEqualTo(202);
		assertThat(send("POST", action, ADMIN, null, "{\"os-force_delete\": {}}").statusCode()).isEqualTo(202);
		assertThat(snapshotColumn(snapshot, "status")).isEqualTo("deleting");
		verify(this.volumeRpc).deleteSnapshot(any(), eq("node1@fake#pool"), eq(snapshot));
	}

	/** Snapshot lists sort by any key in either direction, and page with limit, offset, marker and a next link. */
	@Test
	void snapshotListsSortAndPage() throws Exception {
		String volume = availableVolume(1);
		String first = createSnapshot(volume, "b");
		String second = createSnapshot(volume, "c");
		String third = createSnapshot(volume, "a");
		String s = "/v3/" + PROJECT + "/snapshots";
		assertThat(snapshotIds(s)).containsExactly(third, second, first);
		assertThat(snapshotIds(s + "?sort=created_at:asc")).containsExactly(first, second, third);
		assertThat(snapshotIds(s + "/detail?sort_key=created_at&sort_dir=asc")).containsExactly(first, second, third);
		assertThat(snapshotIds(s + "?sort=name:asc")).containsExactly(third, first, second);
		assertThat(snapshotIds(s + "?sort_key=name&sort_dir=desc")).containsExactly(second, first, third);
		List<String> byId = java.util.stream.Stream.of(first, second, third).sorted().toList();
		assertThat(snapshotIds(s + "?sort=id:asc")).containsExactlyElementsOf(byId);
		assertThat(snapshotIds(s + "?sort=status,name:asc")).containsExactly(third, first, second);
		assertThat(snapshotIds(s + "?sort=created_at:asc&offset=1")).containsExactly(second, third);
		var page = JSON.readTree(send("GET", s + "?sort=created_at:asc&limit=2", ADMIN, null, null).body());
		assertThat(page.get("snapshots").size()).isEqualTo(2);
		String next = page.get("snapshots_links").get(0).get("href").asString();
		assertThat(next).contains("/v3/" + PROJECT + "/snapshots?").contains("sort=created_at%3Aasc")
			.contains("limit=2&marker=" + second);
		assertThat(snapshotIds(next.substring(next.indexOf("/v3/")))).containsExactly(third);
		assertThat(snapshotIds(s + "?sort=name:asc&marker=" + third)).containsExactly(first, second);
	}

	/** cascade=true moves the volume and its snapshots to deleting in one step; a snapshot in creating refuses it. */
	@Test
	void cascadeDeleteTakesTheSnapshotsAlong() throws Exception {
		String volume = availableVolume(1);
		String a = createSnapshot(volume, "a");
		String b = createSnapshot(volume, "b");
		this.jdbc.update("UPDATE snapshots SET status = 'available' WHERE id = ?::uuid", a);
		String path = "/v3/" + PROJECT + "/volumes/" + volume + "?cascade=true";
		var refused = send("DELETE", path, ADMIN, null, null);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(snapshotColumn(b, "status")).isEqualTo("creating");
		assertThat(this.jdbc.queryForObject("SELECT status FROM volumes WHERE id = ?::uuid", String.class, volume))
			.isEqualTo("available");
		this.jdbc.update("UPDATE snapshots SET status = 'error' WHERE id = ?::uuid", b);
		assertThat(send("DELETE", path, ADMIN, null, null).statusCode()).isEqualTo(202);
		assertThat(snapshotColumn(a, "status")).isEqualTo("deleting");
		assertThat(snapshotColumn(b, "status")).isEqualTo("deleting");
		verify(this.volumeRpc).deleteVolume(any(), eq("node1@fake#pool"), eq(volume));
	}

	@Test
	void overQuotaIsRejectedAndCreatesNothing() throws Exception {
		var response = send("POST", "/v3/" + PROJECT + "/volumes", ADMIN, null,
				"{\"volume\": {\"name\": \"too-big\", \"size\": 5000}}");
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("0");
		assertThat(response.body()).contains("\"overLimit\"").contains("VolumeSizeExceedsAvailableQuota: Requested "
				+ "volume or snapshot exceeds allowed gigabytes quota. Requested 5000G, quota is 1000G and 0G has been "
				+ "consumed.");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM volumes", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM outbox", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reservations", Integer.class)).isZero();
		assertThat(quotaReserved("gigabytes")).isZero();
		// the cast was written in the create's transaction (the outbox row before the quota lock), so the
		// rollback took it with the entry: no outbox row (above), nothing to send
	}

	@Test
	void volumesQuotaGivesCindersMessage() throws Exception {
		send("PUT", "/v3/" + PROJECT + "/os-quota-sets/" + PROJECT, ADMIN, null,
				"{\"quota_set\": {\"volumes\": 1}}");
		createVolume(1);
		var response = send("POST", "/v3/" + PROJECT + "/volumes", ADMIN, null, "{\"volume\": {\"size\": 1}}");
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("VolumeLimitExceeded: Maximum number of volumes allowed (1) exceeded "
				+ "for quota 'volumes'.");
		var usage = JSON.readTree(send("GET", "/v3/" + PROJECT + "/os-quota-sets/" + PROJECT + "?usage=True", ADMIN,
				null, null).body());
		assertThat(usage.get("quota_set").get("volumes").get("in_use").asInt()).isEqualTo(1);
		var below = send("PUT", "/v3/" + PROJECT + "/os-quota-sets/" + PROJECT, ADMIN, null,
				"{\"quota_set\": {\"volumes\": 0}}");
		assertThat(below.statusCode()).isEqualTo(400);
		var limits = JSON.readTree(send("GET", "/v3/" + PROJECT + "/limits", ADMIN, null, null).body());
		assertThat(limits.get("limits").get("absolute").get("totalVolumesUsed").asInt()).isEqualTo(1);
	}

	@Test
	void typesAndExtraSpecs() throws Exception {
		var created = send("POST", "/v3/" + PROJECT + "/types", ADMIN, null,
				"{\"volume_type\": {\"name\": \"gold\", \"extra_specs\": {\"volume_backend_name\": \"fake-3\"}}}");
		assertThat(created.statusCode()).isEqualTo(200);
		String typeId = JSON.readTree(created.body()).get("volume_type").get("id").asString();
		assertThat(send("POST", "/v3/" + PROJECT + "/types", ADMIN, null,
				"{\"volume_type\": {\"name\": \"gold\"}}").statusCode()).isEqualTo(409);
		assertThat(send("GET", "/v3/" + PROJECT + "/types/" + typeId + "/extra_specs", ADMIN, null, null).body())
			.isEqualTo("{\"extra_specs\":{\"volume_backend_name\":\"fake-3\"}}");
		assertThat(send("PUT", "/v3/" + PROJECT + "/types/" + typeId + "/extra_specs/k", ADMIN, null,
				"{\"k\": \"v\"}").statusCode()).isEqualTo(200);
		assertThat(send("GET", "/v3/" + PROJECT + "/types/default", ADMIN, null, null).body())
			.contains("__DEFAULT__");
		String vol = createVolume(1, "gold");
		assertThat(send("DELETE", "/v3/" + PROJECT + "/types/" + typeId, ADMIN, null, null).body())
			.isEqualTo("{\"badRequest\":{\"code\":400,\"message\":\"Target volume type is still in use.\"}}");
		send("DELETE", "/v3/" + PROJECT + "/volumes/" + vol, ADMIN, null, null);
		assertThat(send("DELETE", "/v3/" + PROJECT + "/types/" + typeId, ADMIN, null, null).statusCode())
			.isEqualTo(202);
	}

	@Test
	void qosSpecsLifecycleAndAssociations() throws Exception {
		String q = "/v3/" + PROJECT + "/qos-specs";
		var created = send("POST", q, ADMIN, null,
				"{\"qos_specs\": {\"name\": \"fast\", \"consumer\": \"front-end\", \"read_iops_sec\": \"2000\"}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(created.body());
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("qos_specs", "links");
		JsonNode specs = body.get("qos_specs");
		assertThat(specs.propertyNames()).containsExactlyInAnyOrder("id", "name", "consumer", "specs");
		assertThat(specs.get("consumer").asString()).isEqualTo("front-end");
		assertThat(specs.get("specs").toString()).isEqualTo("{\"read_iops_sec\":\"2000\"}");
		String id = specs.get("id").asString();
		assertThat(body.get("links").get(0).get("href").asString()).endsWith("/v3/" + PROJECT + "/qos-specs/" + id);
		// list items equal the created specs (Tempest's assertIn)
		assertThat(JSON.readTree(send("GET", q, ADMIN, null, null).body()).get("qos_specs")).contains(specs);
		assertThat(JSON.readTree(send("GET", q + "/" + id, ADMIN, null, null).body()).get("qos_specs"))
			.isEqualTo(specs);
		assertThat(send("POST", q, ADMIN, null, "{\"qos_specs\": {\"name\": \"fast\"}}").statusCode()).isEqualTo(409);
		var backEnd = send("POST", q, ADMIN, null, "{\"qos_specs\": {\"name\": \"other\"}}");
		assertThat(JSON.readTree(backEnd.body()).get("qos_specs").get("consumer").asString()).isEqualTo("back-end");
		String other = JSON.readTree(backEnd.body()).get("qos_specs").get("id").asString();

		var set = send("PUT", q + "/" + id, ADMIN, null, "{\"qos_specs\": {\"iops_bytes\": \"500\"}}");
		assertThat(set.statusCode()).isEqualTo(200);
		assertThat(set.body()).isEqualTo("{\"qos_specs\":{\"iops_bytes\":\"500\"}}");
		assertThat(send("GET", q + "/" + id, ADMIN, null, null).body()).contains("\"iops_bytes\":\"500\"");
		assertThat(send("PUT", q + "/" + id + "/delete_keys", ADMIN, null, "{\"keys\": [\"nope\"]}").statusCode())
			.isEqualTo(404);
		assertThat(send("PUT", q + "/" + id + "/delete_keys", ADMIN, null, "{\"keys\": [\"iops_bytes\"]}")
			.statusCode()).isEqualTo(202);
		assertThat(send("GET", q + "/" + id, ADMIN, null, null).body()).doesNotContain("iops_bytes");

		String gold = createType("gold");
		String silver = createType("silver");
		assertThat(send("GET", q + "/" + id + "/associate", ADMIN, null, null).statusCode()).isEqualTo(400);
		for (String type : List.of(gold, silver, gold)) {
			assertThat(send("GET", q + "/" + id + "/associate?vol_type_id=" + type, ADMIN, null, null).statusCode())
				.isEqualTo(202);
		}
		assertThat(JSON.readTree(send("GET", "/v3/" + PROJECT + "/types/" + gold, ADMIN, null, null).body())
			.get("volume_type").get("qos_specs_id").asString()).isEqualTo(id);
		JsonNode associations = JSON.readTree(send("GET", q + "/" + id + "/associations", ADMIN, null, null).body())
			.get("qos_associations");
		assertThat(associations).hasSize(2);
		assertThat(associations.get(0).toString())
			.isEqualTo("{\"association_type\":\"volume_type\",\"name\":\"gold\",\"id\":\"" + gold + "\"}");
		var taken = send("GET", q + "/" + other + "/associate?vol_type_id=" + gold, ADMIN, null, null);
		assertThat(taken.statusCode()).isEqualTo(400);
		assertThat(taken.body()).contains("is already associated with another qos specs: " + id);
		var inUse = send("DELETE", q + "/" + id, ADMIN, null, null);
		assertThat(inUse.statusCode()).isEqualTo(400);
		assertThat(inUse.body()).contains("Qos specs still in use.");
		assertThat(send("GET", q + "/" + id + "/disassociate?vol_type_id=" + gold, ADMIN, null, null).statusCode())
			.isEqualTo(202);
		assertThat(JSON.readTree(send("GET", q + "/" + id + "/associations", ADMIN, null, null).body())
			.get("qos_associations")).hasSize(1);
		assertThat(send("GET", q + "/" + id + "/disassociate_all", ADMIN, null, null).statusCode()).isEqualTo(202);
		assertThat(send("GET", q + "/" + id + "/associations", ADMIN, null, null).body())
			.isEqualTo("{\"qos_associations\":[]}");
		assertThat(send("GET", q + "/" + other + "/associate?vol_type_id=" + gold, ADMIN, null, null).statusCode())
			.isEqualTo(202);
		assertThat(send("DELETE", q + "/" + other + "?force=true", ADMIN, null, null).statusCode()).isEqualTo(202);
		assertThat(send("GET", q + "/" + other, ADMIN, null, null).statusCode()).isEqualTo(404);
		assertThat(this.jdbc.queryForObject("SELECT qos_specs_id FROM volume_types WHERE id = ?::uuid", String.class,
				gold)).isNull();
		assertThat(send("DELETE", q + "/" + id, ADMIN, null, null).statusCode()).isEqualTo(202);
		assertThat(send("GET", q, ADMIN, null, null).body()).isEqualTo("{\"qos_specs\":[]}");
		// admin only
		assertThat(send("GET", q, "carol:" + PROJECT, "member", null).statusCode()).isEqualTo(403);
	}

	@Test
	void backEndQosSpecsOfTheTypeTravelWithTheCreateRequest() throws Exception {
		String q = "/v3/" + PROJECT + "/qos-specs";
		String gold = createType("gold");
		String silver = createType("silver");
		String backEnd = JSON.readTree(send("POST", q, ADMIN, null,
				"{\"qos_specs\": {\"name\": \"be\", \"consumer\": \"both\", \"total_iops_sec\": \"500\"}}").body())
			.get("qos_specs").get("id").asString();
		String frontEnd = JSON.readTree(send("POST", q, ADMIN, null,
				"{\"qos_specs\": {\"name\": \"fe\", \"consumer\": \"front-end\", \"read_iops_sec\": \"9\"}}").body())
			.get("qos_specs").get("id").asString();
		send("GET", q + "/" + backEnd + "/associate?vol_type_id=" + gold, ADMIN, null, null);
		send("GET", q + "/" + frontEnd + "/associate?vol_type_id=" + silver, ADMIN, null, null);
		createVolume(1, "gold");
		createVolume(1, "silver");
		ArgumentCaptor<RequestSpec> spec = ArgumentCaptor.forClass(RequestSpec.class);
		verify(this.scheduler, timeout(5000).times(2)).createVolume(any(RequestContext.class), spec.capture(),
				eq(FilterProperties.FIRST_ATTEMPT));
		assertThat(spec.getAllValues().get(0).volumeType().qosSpecs()).isEqualTo(Map.of("total_iops_sec", "500"));
		assertThat(spec.getAllValues().get(1).volumeType().qosSpecs()).isEmpty();
	}

	@Test
	void encryptionTypesAreRefusedWhileVolumesUseTheType() throws Exception {
		String typeId = createType("secret");
		String e = "/v3/" + PROJECT + "/types/" + typeId + "/encryption";
		assertThat(send("GET", e, ADMIN, null, null).body()).isEqualTo("{}");
		var created = send("POST", e, ADMIN, null, "{\"encryption\": {\"provider\": \"luks\", \"cipher\": "
				+ "\"aes-xts-plain64\", \"key_size\": \"256\", \"control_location\": \"front-end\"}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		JsonNode encryption = JSON.readTree(created.body()).get("encryption");
		assertThat(encryption.propertyNames()).containsExactlyInAnyOrder("provider", "cipher", "key_size",
				"control_location", "volume_type_id", "encryption_id");
		assertThat(encryption.get("key_size").isInt()).isTrue();
		String encryptionId = encryption.get("encryption_id").asString();
		JsonNode shown = JSON.readTree(send("GET", e, ADMIN, null, null).body());
		assertThat(shown.propertyNames()).containsExactlyInAnyOrder("volume_type_id", "encryption_id", "key_size",
				"provider", "control_location", "cipher", "deleted", "created_at", "updated_at", "deleted_at");
		assertThat(shown.get("encryption_id").asString()).isEqualTo(encryptionId);
		assertThat(shown.get("key_size").asInt()).isEqualTo(256);
		assertThat(send("GET", e + "/provider", ADMIN, null, null).body()).isEqualTo("{\"provider\":\"luks\"}");
		assertThat(send("GET", e + "/bogus", ADMIN, null, null).statusCode()).isEqualTo(404);
		var again = send("POST", e, ADMIN, null,
				"{\"encryption\": {\"provider\": \"luks\", \"control_location\": \"front-end\"}}");
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.body()).contains("already exists");
		var updated = send("PUT", e + "/" + encryptionId, ADMIN, null,
				"{\"encryption\": {\"key_size\": 512, \"control_location\": \"back-end\"}}");
		assertThat(updated.statusCode()).isEqualTo(200);
		assertThat(updated.body()).isEqualTo("{\"encryption\":{\"key_size\":512,\"control_location\":\"back-end\"}}");
		assertThat(JSON.readTree(send("GET", e, ADMIN, null, null).body()).get("control_location").asString())
			.isEqualTo("back-end");

		String vol = createVolume(1, "secret");
		String before = JSON.readTree(send("GET", e, ADMIN, null, null).body()).toString();
		assertThat(send("PUT", e + "/" + encryptionId, ADMIN, null, "{\"encryption\": {\"key_size\": 128}}").body())
			.contains("Cannot update encryption specs. Volume type in use.");
		assertThat(send("DELETE", e + "/" + encryptionId, ADMIN, null, null).body())
			.contains("Cannot delete encryption specs. Volume type in use.");
		assertThat(JSON.readTree(send("GET", e, ADMIN, null, null).body()).toString()).isEqualTo(before);
		this.jdbc.update("DELETE FROM volumes WHERE id = ?::uuid", vol);

		assertThat(send("DELETE", e + "/" + encryptionId, ADMIN, null, null).statusCode()).isEqualTo(202);
		assertThat(send("GET", e, ADMIN, null, null).body()).isEqualTo("{}");
		assertThat(send("DELETE", e + "/" + encryptionId, ADMIN, null, null).statusCode()).isEqualTo(404);
		createVolume(1, "secret");
		assertThat(send("POST", e, ADMIN, null,
				"{\"encryption\": {\"provider\": \"luks\", \"control_location\": \"front-end\"}}").body())
			.contains("Cannot create encryption specs. Volume type in use.");
	}

	@Test
	void typesUpdateIsPublicAndDescription() throws Exception {
		String typeId = createType("bronze");
		var updated = send("PUT", "/v3/" + PROJECT + "/types/" + typeId, ADMIN, null,
				"{\"volume_type\": {\"is_public\": false, \"description\": \"cheap\"}}");
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		JsonNode type = JSON.readTree(updated.body()).get("volume_type");
		assertThat(type.get("is_public").asBoolean()).isFalse();
		assertThat(type.get("description").asString()).isEqualTo("cheap");
	}

	@Test
	void quotaClassDefaultFeedsProjectDefaults() throws Exception {
		List<Map<String, Object>> saved = this.jdbc
			.queryForList("SELECT class_name, resource, hard_limit FROM quota_classes ORDER BY class_name, resource");
		createType("gold");
		String c = "/v3/" + PROJECT + "/os-quota-class-sets/";
		try {
			JsonNode shown = JSON.readTree(send("GET", c + "default", ADMIN, null, null).body()).get("quota_class_set");
			assertThat(shown.get("id").asString()).isEqualTo("default");
			assertThat(shown.get("volumes").asInt()).isEqualTo(10);
			assertThat(shown.has("volumes_gold")).isTrue();
			var updated = send("PUT", c + "default", ADMIN, null,
					"{\"quota_class_set\": {\"volumes\": 12, \"gigabytes\": \"1001\", \"volumes_gold\": 3, \"bogus\": 1}}");
			assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
			JsonNode set = JSON.readTree(updated.body()).get("quota_class_set");
			assertThat(set.has("id")).isFalse();
			assertThat(set.has("bogus")).isFalse();
			assertThat(set.get("volumes").asInt()).isEqualTo(12);
			assertThat(set.get("gigabytes").asInt()).isEqualTo(1001);
			assertThat(set.get("volumes_gold").asInt()).isEqualTo(3);
			JsonNode defaults = JSON.readTree(send("GET", "/v3/" + PROJECT + "/os-quota-sets/" + OTHER + "/defaults",
					ADMIN, null, null).body()).get("quota_set");
			assertThat(defaults.get("volumes").asInt()).isEqualTo(12);
			assertThat(defaults.get("volumes_gold").asInt()).isEqualTo(3);
			assertThat(JSON.readTree(send("GET", "/v3/" + PROJECT + "/os-quota-sets/" + OTHER, ADMIN, null, null)
				.body()).get("quota_set").get("gigabytes").asInt()).isEqualTo(1001);
			// another class falls back on the default class
			var silver = send("PUT", c + "silver", ADMIN, null, "{\"quota_class_set\": {\"snapshots\": 4}}");
			assertThat(JSON.readTree(silver.body()).get("quota_class_set").get("snapshots").asInt()).isEqualTo(4);
			assertThat(JSON.readTree(silver.body()).get("quota_class_set").get("volumes").asInt()).isEqualTo(12);
			assertThat(JSON.readTree(send("GET", c + "default", ADMIN, null, null).body()).get("quota_class_set")
				.get("snapshots").asInt()).isEqualTo(10);
			assertThat(send("GET", c + "default", "carol:" + PROJECT, "member", null).statusCode()).isEqualTo(403);
			assertThat(send("PUT", c + "default", "carol:" + PROJECT, "member",
					"{\"quota_class_set\": {\"volumes\": 99}}").statusCode()).isEqualTo(403);
		}
		finally {
			this.jdbc.update("DELETE FROM quota_classes");
			this.jdbc.batchUpdate("INSERT INTO quota_classes (class_name, resource, hard_limit) VALUES (?, ?, ?)",
					saved.stream()
						.map(r -> new Object[] { r.get("class_name"), r.get("resource"), r.get("hard_limit") })
						.toList());
		}
	}

	private String createType(String name) throws Exception {
		var created = send("POST", "/v3/" + PROJECT + "/types", ADMIN, null,
				"{\"volume_type\": {\"name\": \"" + name + "\"}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		return JSON.readTree(created.body()).get("volume_type").get("id").asString();
	}

	@Test
	void servicesAreUpOrDownByHeartbeat() throws Exception {
		Instant now = Instant.now();
		this.jdbc.update("""
				INSERT INTO services (host, "binary", topic, availability_zone, created_at, updated_at)
				VALUES ('n1@fake', 'basalt-volume', 'basalt-volume', 'nova', ?, ?),
				       ('n2@fake', 'basalt-volume', 'basalt-volume', 'az2', ?, ?)""",
				Timestamp.from(now), Timestamp.from(now), Timestamp.from(now.minusSeconds(600)),
				Timestamp.from(now.minusSeconds(600)));
		var services = JSON.readTree(send("GET", "/v3/" + PROJECT + "/os-services?binary=basalt-volume", ADMIN,
				null, null).body()).get("services");
		assertThat(services.get(0).get("state").asString()).isEqualTo("up");
		assertThat(services.get(1).get("state").asString()).isEqualTo("down");
		var disabled = send("PUT", "/v3/" + PROJECT + "/os-services/disable", ADMIN, null,
				"{\"host\": \"n1@fake\", \"binary\": \"basalt-volume\"}");
		assertThat(JSON.readTree(disabled.body()).get("status").asString()).isEqualTo("disabled");
		assertThat(send("PUT", "/v3/" + PROJECT + "/os-services/nope", ADMIN, null,
				"{\"host\": \"n1@fake\"}").statusCode()).isEqualTo(400);
		assertThat(send("PUT", "/v3/" + PROJECT + "/os-services/enable", ADMIN, null,
				"{\"host\": \"ghost\", \"binary\": \"basalt-volume\"}").statusCode()).isEqualTo(404);
		// az2 is known now: a volume may be created there.
		assertThat(send("POST", "/v3/" + PROJECT + "/volumes", ADMIN, null,
				"{\"volume\": {\"size\": 1, \"availability_zone\": \"az2\"}}").statusCode()).isEqualTo(202);
	}

	/**
	 * Hosts, capabilities and services of a host with two volume backends (one disabled) and a scheduler, under
	 * Cinder's binary names, the host filter matching {@code host@backend} as Cinder's.
	 */
	@Test
	void hostsCapabilitiesAndServicesByCinderNames() throws Exception {
		String hv = "hv" + System.nanoTime();
		this.jdbc.update("""
				INSERT INTO services (host, "binary", topic, availability_zone, disabled, created_at, updated_at)
				VALUES (?, 'basalt-volume', 'basalt-volume', 'az-hv', false, now(), now()),
				       (?, 'basalt-volume', 'basalt-volume', 'az-hv', true, now(), now()),
				       (?, 'basalt-scheduler', 'basalt-scheduler', 'az-hv', false, now(), now())""",
				hv + "@fake", hv + "@off", hv);
		try {
			checkHosts(hv);
			checkCapabilities(hv);
			checkServices(hv);
		}
		finally {
			// the other tests list services by position: leave none of these behind
			this.jdbc.update("DELETE FROM services WHERE host LIKE ?", hv + "%");
		}
	}

	private void checkHosts(String hv) throws Exception {
		String base = "/v3/" + PROJECT + "/os-hosts";
		var list = send("GET", base + "?zone=az-hv", ADMIN, null, null);
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		JsonNode hosts = JSON.readTree(list.body()).get("hosts");
		// Cinder lists the enabled services only
		assertThat(hosts).hasSize(2);
		JsonNode volume = hosts.get(0);
		assertThat(volume.propertyNames()).containsExactlyInAnyOrder("host_name", "service", "zone",
				"service-status", "service-state", "last-update");
		assertThat(volume.get("host_name").asString()).isEqualTo(hv + "@fake");
		assertThat(volume.get("service").asString()).isEqualTo("cinder-volume");
		assertThat(volume.get("service-status").asString()).isEqualTo("available");
		assertThat(volume.get("service-state").asString()).isEqualTo("enabled");
		assertThat(hosts.get(1).get("service").asString()).isEqualTo("cinder-scheduler");
		assertThat(JSON.readTree(send("GET", base + "?zone=az-hv&service=cinder-scheduler", ADMIN, null, null).body())
			.get("hosts")).hasSize(1);

		String id = createVolume(2);
		this.jdbc.update("UPDATE volumes SET status = 'available', host = ? WHERE id = ?::uuid", hv + "@fake#p", id);
		createSnapshot(id, "on-" + hv);
		String other = createVolume(3);
		this.jdbc.update("UPDATE volumes SET status = 'available', host = ?, project_id = ? WHERE id = ?::uuid",
				hv + "@fake#q", OTHER, other);
		var shown = send("GET", base + "/" + hv + "@fake", ADMIN, null, null);
		assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
		JsonNode rows = JSON.readTree(shown.body()).get("host");
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0).get("resource").toString()).isEqualTo("{\"host\":\"" + hv + "@fake\",\"project\":"
				+ "\"(total)\",\"volume_count\":\"2\",\"total_volume_gb\":\"5\",\"snapshot_count\":\"1\","
				+ "\"total_snapshot_gb\":\"2\"}");
		assertThat(rows.get(1).get("resource").get("project").asString()).isEqualTo(OTHER);
		assertThat(rows.get(1).get("resource").get("total_volume_gb").asString()).isEqualTo("3");
		assertThat(rows.get(2).get("resource").get("project").asString()).isEqualTo(PROJECT);
		assertThat(rows.get(2).get("resource").get("snapshot_count").asString()).isEqualTo("1");
		// unknown, disabled or not a volume backend: 404; a member: 403
		assertThat(send("GET", base + "/ghost@x", ADMIN, null, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", base + "/" + hv + "@off", ADMIN, null, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", base + "/" + hv + "@fake", "bob:" + PROJECT, "member", null).statusCode())
			.isEqualTo(403);
		assertThat(send("GET", base, "bob:" + PROJECT, "member", null).statusCode()).isEqualTo(403);
	}

	private void checkCapabilities(String hv) throws Exception {
		var caps = new io.basalt.common.capability.PoolCapabilities("p", null, null, 0, 0, 1, 0, true, false, 0,
				false, Map.of());
		org.mockito.Mockito.doReturn(new io.basalt.common.scheduler.Pool[] { new io.basalt.common.scheduler.Pool(
				hv + "@fake#p", hv + "@fake", "fake", "iSCSI", "Basalt", "1.0", "az-hv", caps, Instant.now()) })
			.when(this.scheduler)
			.getPools(any(), any());
		String base = "/v3/" + PROJECT + "/capabilities/";
		var shown = send("GET", base + hv + "@fake", ADMIN, null, null);
		assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
		JsonNode c = JSON.readTree(shown.body());
		assertThat(c.propertyNames()).containsExactlyInAnyOrder("namespace", "vendor_name", "volume_backend_name",
				"pool_name", "driver_version", "storage_protocol", "display_name", "description", "visibility",
				"replication_targets", "properties");
		assertThat(c.get("namespace").asString()).isEqualTo("OS::Storage::Capabilities::" + hv + "@fake");
		assertThat(c.get("volume_backend_name").asString()).isEqualTo("fake");
		assertThat(c.get("vendor_name").asString()).isEqualTo("Basalt");
		assertThat(c.get("storage_protocol").asString()).isEqualTo("iSCSI");
		assertThat(c.get("driver_version").asString()).isEqualTo("1.0");
		assertThat(c.get("pool_name").isNull()).isTrue();
		assertThat(c.get("replication_targets")).isEmpty();
		assertThat(c.get("properties").get("thin_provisioning").propertyNames()).containsExactlyInAnyOrder("title",
				"description", "type");
		// a bare host names its first backend; a pool fills pool_name
		assertThat(send("GET", base + hv, ADMIN, null, null).statusCode()).isEqualTo(200);
		var pool = send("GET", base + hv + "@fake%23p", ADMIN, null, null);
		assertThat(JSON.readTree(pool.body()).get("pool_name").asString()).as(pool.body()).isEqualTo("p");
		assertThat(send("GET", base + "ghost@x", ADMIN, null, null).statusCode()).isEqualTo(404);
		// registered, but the scheduler has no report of it
		assertThat(send("GET", base + hv + "@off", ADMIN, null, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", base + hv + "@fake", "bob:" + PROJECT, "member", null).statusCode()).isEqualTo(403);
	}

	private void checkServices(String hv) throws Exception {
		String base = "/v3/" + PROJECT + "/os-services";
		JsonNode byHost = JSON.readTree(send("GET", base + "?host=" + hv + "&binary=cinder-volume", ADMIN, null, null)
			.body()).get("services");
		assertThat(byHost).hasSize(2);
		assertThat(byHost.get(0).get("binary").asString()).isEqualTo("cinder-volume");
		assertThat(byHost.get(0).get("host").asString()).isEqualTo(hv + "@fake");
		JsonNode all = JSON.readTree(send("GET", base + "?host=" + hv, ADMIN, null, null).body()).get("services");
		assertThat(all).hasSize(3);
		assertThat(all.get(2).get("binary").asString()).isEqualTo("cinder-scheduler");
		JsonNode backend = JSON.readTree(send("GET", base + "?host=" + hv + "@fake&binary=basalt-volume", ADMIN, null,
				null).body()).get("services");
		assertThat(backend).hasSize(1);
		// a host is not a prefix: hv1 does not match hv10
		assertThat(JSON.readTree(send("GET", base + "?host=" + hv.substring(0, hv.length() - 1), ADMIN, null, null)
			.body()).get("services")).isEmpty();
		var enabled = send("PUT", base + "/enable", ADMIN, null,
				"{\"host\": \"" + hv + "@off\", \"binary\": \"cinder-volume\"}");
		assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
		assertThat(JSON.readTree(enabled.body()).get("binary").asString()).isEqualTo("cinder-volume");
		assertThat(this.jdbc.queryForObject("SELECT disabled FROM services WHERE host = ?", Boolean.class,
				hv + "@off")).isFalse();
	}

	@Test
	void projectsAreIsolated() throws Exception {
		String id = createVolume(1);
		String userB = "bob:" + OTHER;
		assertThat(send("GET", "/v3/" + OTHER + "/volumes/" + id, userB, "member", null).statusCode())
			.isEqualTo(404);
		assertThat(send("DELETE", "/v3/" + OTHER + "/volumes/" + id, userB, "member", null).statusCode())
			.isEqualTo(404);
		assertThat(send("GET", "/v3/" + PROJECT + "/volumes", userB, "member", null).statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(send("GET", "/v3/" + OTHER + "/volumes", userB, "member", null).body())
			.get("volumes")).isEmpty();
		assertThat(send("GET", "/v3/" + OTHER + "/os-services", userB, "member", null).statusCode()).isEqualTo(403);
		assertThat(send("POST", "/v3/" + OTHER + "/types", userB, "member", "{\"volume_type\": {\"name\": \"x\"}}")
			.statusCode()).isEqualTo(403);
		assertThat(send("GET", "/v3/" + PROJECT + "/volumes/" + id, "alice:" + PROJECT, "member", null).statusCode())
			.isEqualTo(200);
	}

	/** A transfer: created for an available volume (auth key shown once, stored hashed), listed, shown, deleted. */
	@Test
	void transferLifecycle() throws Exception {
		String volume = availableVolume(1);
		String base = "/v3/" + PROJECT + "/os-volume-transfer";
		var created = send("POST", base, ADMIN, null,
				"{\"transfer\": {\"volume_id\": \"" + volume + "\", \"name\": \" t1 \"}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		JsonNode transfer = JSON.readTree(created.body()).get("transfer");
		String id = transfer.get("id").asString();
		String key = transfer.get("auth_key").asString();
		assertThat(key).hasSize(16);
		assertThat(transfer.get("name").asString()).isEqualTo("t1");
		assertThat(transfer.get("volume_id").asString()).isEqualTo(volume);
		assertThat(transfer.get("created_at").asString()).isNotBlank();
		assertThat(transfer.get("links").get(0).get("href").asString()).endsWith("/os-volume-transfer/" + id);
		assertThat(volumeStatus(volume)).isEqualTo("awaiting-transfer");
		Map<String, Object> row = this.jdbc.queryForMap("SELECT salt, crypt_hash FROM transfers WHERE id = ?::uuid",
				id);
		assertThat(row.get("crypt_hash").toString()).hasSize(64).doesNotContain(key);
		assertThat(row.toString()).doesNotContain(key);
		// a second transfer of the same volume: it is no longer available
		assertThat(send("POST", base, ADMIN, null, "{\"transfer\": {\"volume_id\": \"" + volume + "\"}}")
			.statusCode()).isEqualTo(400);

		JsonNode list = JSON.readTree(send("GET", base, ADMIN, null, null).body()).get("transfers");
		assertThat(list).hasSize(1);
		assertThat(list.get(0).has("created_at")).isFalse();
		assertThat(JSON.readTree(send("GET", base + "/detail", ADMIN, null, null).body()).get("transfers").get(0)
			.get("created_at").asString()).isNotBlank();
		var shown = JSON.readTree(send("GET", base + "/" + id, ADMIN, null, null).body()).get("transfer");
		assertThat(shown.has("auth_key")).isFalse();
		var v357 = JSON.readTree(send("GET", "/v3/" + PROJECT + "/volume-transfers/" + id, "3.57", null, null)
			.body()).get("transfer");
		assertThat(v357.get("source_project_id").asString()).isEqualTo(PROJECT);
		assertThat(v357.get("accepted").asBoolean()).isFalse();
		assertThat(v357.get("no_snapshots").asBoolean()).isFalse();
		assertThat(v357.get("destination_project_id").isNull()).isTrue();
		assertThat(send("GET", "/v3/" + PROJECT + "/volume-transfers/" + id, "3.54", null, null).statusCode())
			.isEqualTo(404);
		assertThat(send("GET", "/v3/" + OTHER + "/os-volume-transfer/" + id, "bob:" + OTHER, "member", null)
			.statusCode()).isEqualTo(404);

		assertThat(send("DELETE", base + "/" + id, ADMIN, null, null).statusCode()).isEqualTo(202);
		assertThat(volumeStatus(volume)).isEqualTo("available");
		assertThat(send("GET", base + "/" + id, ADMIN, null, null).statusCode()).isEqualTo(404);
		// only an available volume can be offered
		this.jdbc.update("UPDATE volumes SET status = 'error' WHERE id = ?::uuid", volume);
		assertThat(send("POST", base, ADMIN, null, "{\"transfer\": {\"volume_id\": \"" + volume + "\"}}")
			.statusCode()).isEqualTo(400);
	}

	/**
	 * Accept by another project moves the volume, its snapshot and their quota usage to it in one transaction; a
	 * wrong key is a 400 that changes nothing.
	 */
	@Test
	void acceptMovesVolumeSnapshotsAndQuota() throws Exception {
		String volume = availableVolume(2);
		var snap = send("POST", "/v3/" + PROJECT + "/snapshots", ADMIN, null,
				"{\"snapshot\": {\"volume_id\": \"" + volume + "\"}}");
		assertThat(snap.statusCode()).as(snap.body()).isEqualTo(202);
		String snapshot = JSON.readTree(snap.body()).get("snapshot").get("id").asString();
		this.jdbc.update("UPDATE snapshots SET status = 'available' WHERE id = ?::uuid", snapshot);
		assertThat(usage(PROJECT)).isEqualTo("gigabytes=4 gigabytes___DEFAULT__=4 snapshots=1 "
				+ "snapshots___DEFAULT__=1 volumes=1 volumes___DEFAULT__=1");
		var created = send("POST", "/v3/" + PROJECT + "/volume-transfers", ADMIN, null,
				"{\"transfer\": {\"volume_id\": \"" + volume + "\", \"name\": \"t2\"}}", "3.55");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		JsonNode transfer = JSON.readTree(created.body()).get("transfer");
		String id = transfer.get("id").asString();
		String accept = "/v3/" + OTHER + "/volume-transfers/" + id + "/accept";
		String bob = "bob:" + OTHER;

		var wrong = send("POST", accept, bob, "member", "{\"accept\": {\"auth_key\": \"0000000000000000\"}}",
				"3.55");
		assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(400);
		assertThat(JSON.readTree(wrong.body()).get("badRequest").get("message").asString()).contains("invalid auth key");
		assertThat(volumeStatus(volume)).isEqualTo("awaiting-transfer");
		assertThat(this.jdbc.queryForObject("SELECT project_id FROM volumes WHERE id = ?::uuid", String.class, volume))
			.isEqualTo(PROJECT);
		assertThat(usage(OTHER)).isEmpty();
		assertThat(send("POST", accept, bob, "member", "{\"accept\": {}}", "3.55").statusCode()).isEqualTo(400);

		var accepted = send("POST", accept, bob, "member",
				"{\"accept\": {\"auth_key\": \"" + transfer.get("auth_key").asString() + "\"}}", "3.55");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		JsonNode view = JSON.readTree(accepted.body()).get("transfer");
		assertThat(view.get("id").asString()).isEqualTo(id);
		assertThat(view.get("volume_id").asString()).isEqualTo(volume);
		assertThat(view.get("name").asString()).isEqualTo("t2");
		assertThat(this.jdbc.queryForMap("SELECT project_id, user_id, status FROM volumes WHERE id = ?::uuid",
				volume)).containsEntry("project_id", OTHER).containsEntry("user_id", "bob")
			.containsEntry("status", "available");
		assertThat(this.jdbc.queryForObject("SELECT project_id FROM snapshots WHERE id = ?::uuid", String.class,
				snapshot)).isEqualTo(OTHER);
		assertThat(usage(PROJECT)).isEqualTo("gigabytes=0 gigabytes___DEFAULT__=0 snapshots=0 "
				+ "snapshots___DEFAULT__=0 volumes=0 volumes___DEFAULT__=0");
		assertThat(usage(OTHER)).isEqualTo("gigabytes=4 gigabytes___DEFAULT__=4 snapshots=1 "
				+ "snapshots___DEFAULT__=1 volumes=1 volumes___DEFAULT__=1");
		assertThat(this.jdbc.queryForMap("SELECT accepted, deleted, destination_project_id FROM transfers "
				+ "WHERE id = ?::uuid", id)).containsEntry("accepted", true).containsEntry("deleted", true)
			.containsEntry("destination_project_id", OTHER);
		// accepted once: the transfer is gone, the new owner sees the volume
		assertThat(send("POST", accept, bob, "member",
				"{\"accept\": {\"auth_key\": \"" + transfer.get("auth_key").asString() + "\"}}", "3.55")
			.statusCode()).isEqualTo(404);
		assertThat(send("GET", "/v3/" + OTHER + "/volumes/" + volume, bob, "member", null).statusCode())
			.isEqualTo(200);
	}

	/**
	 * Accepts in opposite directions at once (A's volume to B, B's to A) lock the two projects' usage rows in the
	 * same order, so none deadlocks; and one transfer accepted twice at once moves once.
	 */
	@Test
	void concurrentAcceptsNeitherDeadlockNorMoveTwice() throws Exception {
		String bob = "bob:" + OTHER;
		for (int round = 0; round < 3; round++) {
			String mine = availableVolume(1);
			var theirs = send("POST", "/v3/" + OTHER + "/volumes", bob, "member", "{\"volume\": {\"size\": 1}}");
			assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(202);
			String theirId = JSON.readTree(theirs.body()).get("volume").get("id").asString();
			this.jdbc.update("UPDATE volumes SET status = 'available', host = 'node1@fake#pool' WHERE id = ?::uuid",
					theirId);
			JsonNode toOther = JSON.readTree(send("POST", "/v3/" + PROJECT + "/os-volume-transfer", ADMIN, null,
					"{\"transfer\": {\"volume_id\": \"" + mine + "\"}}").body()).get("transfer");
			JsonNode toMe = JSON.readTree(send("POST", "/v3/" + OTHER + "/os-volume-transfer", bob, "member",
					"{\"transfer\": {\"volume_id\": \"" + theirId + "\"}}").body()).get("transfer");
			String acceptByOther = "/v3/" + OTHER + "/os-volume-transfer/" + toOther.get("id").asString() + "/accept";
			String bodyOther = "{\"accept\": {\"auth_key\": \"" + toOther.get("auth_key").asString() + "\"}}";
			String acceptByMe = "/v3/" + PROJECT + "/os-volume-transfer/" + toMe.get("id").asString() + "/accept";
			String bodyMe = "{\"accept\": {\"auth_key\": \"" + toMe.get("auth_key").asString() + "\"}}";
			try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
				var a = pool.submit(() -> send("POST", acceptByOther, bob, "member", bodyOther).statusCode());
				var b = pool.submit(() -> send("POST", acceptByMe, "alice:" + PROJECT, "member", bodyMe).statusCode());
				var again = pool.submit(() -> send("POST", acceptByOther, bob, "member", bodyOther).statusCode());
				assertThat(List.of(a.get(), again.get())).containsExactlyInAnyOrder(202, 404);
				assertThat(b.get()).isEqualTo(202);
			}
		}
		// three volumes went each way: each project ends where it began, with three of the other's volumes
		assertThat(usage(PROJECT)).startsWith("gigabytes=3 gigabytes___DEFAULT__=3");
		assertThat(usage(OTHER)).startsWith("gigabytes=3 gigabytes___DEFAULT__=3");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM volumes WHERE project_id = ?", Integer.class,
				OTHER)).isEqualTo(3);
	}

	/** no_snapshots (3.55): only the volume moves; the snapshot and its usage stay with the donor. */
	@Test
	void acceptWithoutSnapshotsLeavesThemBehind() throws Exception {
		String volume = availableVolume(1);
		this.jdbc.update("""
				INSERT INTO snapshots (id, volume_id, project_id, user_id, status, progress, volume_size, use_quota,
				    created_at, deleted, version)
				VALUES (gen_random_uuid(), ?::uuid, ?, 'u', 'available', '100%', 1, true, now(), false, 0)""", volume,
				PROJECT);
		var created = send("POST", "/v3/" + PROJECT + "/volume-transfers", ADMIN, null,
				"{\"transfer\": {\"volume_id\": \"" + volume + "\", \"no_snapshots\": true}}", "3.55");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		JsonNode transfer = JSON.readTree(created.body()).get("transfer");
		var accepted = send("POST", "/v3/" + OTHER + "/os-volume-transfer/" + transfer.get("id").asString()
				+ "/accept", "bob:" + OTHER, "member",
				"{\"accept\": {\"auth_key\": \"" + transfer.get("auth_key").asString() + "\"}}");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		assertThat(this.jdbc.queryForObject("SELECT project_id FROM snapshots WHERE volume_id = ?::uuid",
				String.class, volume)).isEqualTo(PROJECT);
		assertThat(usage(OTHER)).isEqualTo("gigabytes=1 gigabytes___DEFAULT__=1 volumes=1 volumes___DEFAULT__=1");
	}

	/** User messages (3.3): list, show and delete in Cinder's shape; expired ones are cleaned up. */
	@Test
	void userMessages() throws Exception {
		String volume = "0e7a2c1e-5f55-4f10-9a2b-0d3d2c1b0a99";
		String id = insertMessage(PROJECT, volume, "30 days");
		insertMessage(OTHER, volume, "30 days");
		String base = "/v3/" + PROJECT + "/messages";
		assertThat(send("GET", base, ADMIN, null, null).statusCode()).isEqualTo(404);
		var list = send("GET", base, "3.3", null, null);
		assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
		JsonNode messages = JSON.readTree(list.body()).get("messages");
		assertThat(messages).hasSize(1);
		JsonNode m = messages.get(0);
		assertThat(m.get("id").asString()).isEqualTo(id);
		assertThat(m.get("event_id").asString()).isEqualTo("VOLUME_VOLUME_001_003");
		assertThat(m.get("user_message").asString())
			.isEqualTo("schedule allocate volume: Could not find any available weighted backend.");
		assertThat(m.get("message_level").asString()).isEqualTo("ERROR");
		assertThat(m.get("resource_type").asString()).isEqualTo("VOLUME");
		assertThat(m.get("resource_uuid").asString()).isEqualTo(volume);
		assertThat(m.get("request_id").asString()).isEqualTo("req-1");
		assertThat(m.get("guaranteed_until").asString()).isNotBlank();
		assertThat(m.get("links").get(0).get("href").asString()).endsWith("/messages/" + id);
		assertThat(send("GET", base + "?event_id=VOLUME_VOLUME_001_002", "3.3", null, null).body())
			.isEqualTo("{\"messages\":[]}");
		assertThat(JSON.readTree(send("GET", base + "/" + id, "3.3", null, null).body()).get("message").get("id")
			.asString()).isEqualTo(id);
		assertThat(send("GET", "/v3/" + OTHER + "/messages/" + id, "bob:" + OTHER, "member", null, "3.3")
			.statusCode()).isEqualTo(404);
		assertThat(send("DELETE", "/v3/" + OTHER + "/messages/" + id, "bob:" + OTHER, "member", null, "3.3")
			.statusCode()).isEqualTo(404);
		assertThat(send("DELETE", base + "/" + id, "3.3", null, null).statusCode()).isEqualTo(204);
		assertThat(send("GET", base + "/" + id, "3.3", null, null).statusCode()).isEqualTo(404);

		String expired = insertMessage(PROJECT, volume, "-1 second");
		long until = System.nanoTime() + 10_000_000_000L;
		while (this.jdbc.queryForObject("SELECT count(*) FROM messages WHERE id = ?::uuid", Integer.class, expired) > 0
				&& System.nanoTime() < until) {
			Thread.sleep(100);
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM messages WHERE id = ?::uuid", Integer.class,
				expired)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM messages", Integer.class)).isEqualTo(1);
	}

	private String insertMessage(String project, String volume, String ttl) {
		return this.jdbc.queryForObject("""
				INSERT INTO messages (id, project_id, request_id, resource_type, resource_uuid, event_id, action_id,
				    detail_id, message_level, created_at, expires_at)
				VALUES (gen_random_uuid(), ?, 'req-1', 'VOLUME', ?, 'VOLUME_VOLUME_001_003', '001', '003', 'ERROR',
				    now(), now() + ?::interval)
				RETURNING id::text""", String.class, project, volume, ttl);
	}

	private String availableVolume(int size) throws Exception {
		String id = createVolume(size);
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'node1@fake#pool' WHERE id = ?::uuid", id);
		return id;
	}

	private String volumeStatus(String id) {
		return this.jdbc.queryForObject("SELECT status FROM volumes WHERE id = ?::uuid", String.class, id);
	}

	/** A project's {@code in_use} per resource, "resource=n" sorted, space-separated. */
	private String usage(String project) {
		return String.join(" ", this.jdbc.queryForList(
				"SELECT resource || '=' || in_use FROM quota_usages WHERE project_id = ? ORDER BY resource",
				String.class, project));
	}

	/** A private type is seen, read and used only by admins and the projects granted it (os-volume-type-access). */
	@Test
	void privateTypesServeOnlyGrantedProjects() throws Exception {
		String name = "private-" + System.nanoTime();
		var created = send("POST", "/v3/" + PROJECT + "/types", ADMIN, null, "{\"volume_type\": {\"name\": \"" + name
				+ "\", \"os-volume-type-access:is_public\": false, \"extra_specs\": {\"volume_backend_name\": \"x\"}}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		String id = JSON.readTree(created.body()).get("volume_type").get("id").asString();
		String types = "/v3/" + OTHER + "/types";
		String member = "bob:" + OTHER;
		String action = types.replace(OTHER, PROJECT) + "/" + id + "/action";
		String access = types.replace(OTHER, PROJECT) + "/" + id + "/os-volume-type-access";
		String create = "{\"volume\": {\"size\": 1, \"volume_type\": \"" + name + "\"}}";
		// not granted: invisible, unreadable and unusable, like an unknown type
		assertThat(send("GET", types, member, "member", null).body()).doesNotContain(id);
		assertThat(send("GET", types + "/" + id, member, "member", null).statusCode()).isEqualTo(404);
		assertThat(send("GET", types + "/" + id + "/extra_specs", member, "member", null).statusCode()).isEqualTo(404);
		assertThat(send("POST", "/v3/" + OTHER + "/volumes", member, "member", create).statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(send("GET", access, ADMIN, null, null).body()).get("volume_type_access")).isEmpty();
		// only an admin grants, once
		String grant = "{\"addProjectAccess\": {\"project\": \"" + OTHER + "\"}}";
		assertThat(send("POST", action.replace(PROJECT, OTHER), member, "member", grant).statusCode()).isEqualTo(403);
		assertThat(send("POST", action, ADMIN, null, grant).statusCode()).isEqualTo(202);
		assertThat(send("POST", action, ADMIN, null, grant).statusCode()).isEqualTo(409);
		var list = JSON.readTree(send("GET", access, ADMIN, null, null).body()).get("volume_type_access");
		assertThat(list.get(0).get("project_id").asString()).isEqualTo(OTHER);
		assertThat(list.get(0).get("volume_type_id").asString()).isEqualTo(id);
		assertThat(send("GET", access.replace(PROJECT, OTHER), member, "member", null).statusCode()).isEqualTo(403);
		// granted: visible and usable
		assertThat(send("GET", types, member, "member", null).body()).contains(id);
		assertThat(send("GET", types + "/" + id, member, "member", null).statusCode()).isEqualTo(200);
		assertThat(send("GET", types + "/" + id + "/extra_specs", member, "member", null).statusCode()).isEqualTo(200);
		var volume = send("POST", "/v3/" + OTHER + "/volumes", member, "member", create);
		assertThat(volume.statusCode()).as(volume.body()).isEqualTo(202);
		// revoked: gone again; revoking twice is a 404
		String revoke = "{\"removeProjectAccess\": {\"project\": \"" + OTHER + "\"}}";
		assertThat(send("POST", action, ADMIN, null, revoke).statusCode()).isEqualTo(202);
		assertThat(send("POST", action, ADMIN, null, revoke).statusCode()).isEqualTo(404);
		assertThat(send("GET", types + "/" + id, member, "member", null).statusCode()).isEqualTo(404);
		// a public type has no access list
		String publicType = JSON.readTree(send("GET", "/v3/" + PROJECT + "/types/default", ADMIN, null, null).body())
			.get("volume_type").get("id").asString();
		assertThat(send("GET", "/v3/" + PROJECT + "/types/" + publicType + "/os-volume-type-access", ADMIN, null, null)
			.statusCode()).isEqualTo(404);
	}

	@Test
	void paginatesWithMarkerAndNextLink() throws Exception {
		String first = createVolume(1);
		String second = createVolume(1);
		var page = JSON.readTree(send("GET", "/v3/" + PROJECT + "/volumes?limit=1", ADMIN, null, null).body());
		assertThat(page.get("volumes").get(0).get("id").asString()).isEqualTo(second);
		String next = page.get("volumes_links").get(0).get("href").asString();
		assertThat(next).contains("limit=1&marker=" + second);
		var page2 = JSON.readTree(send("GET", "/v3/" + PROJECT + "/volumes?limit=1&marker=" + second, ADMIN, null,
				null).body());
		assertThat(page2.get("volumes").get(0).get("id").asString()).isEqualTo(first);
		var counted = JSON.readTree(send("GET", "/v3/" + PROJECT + "/volumes/detail?with_count=true&sort=size:asc",
				"3.45", null, null).body());
		assertThat(counted.get("count").asInt()).isEqualTo(2);
	}

	@Test
	void theRelayDeletesEndedOutboxRowsPastTheRetentionOnly() throws Exception {
		String insert = """
				INSERT INTO outbox (created_at, topic, method, body, sent_at)
				VALUES (now() - ?::interval, 'basalt-scheduler', 'create_volume', '{}', now() - ?::interval)
				RETURNING id""";
		Long oldSent = this.jdbc.queryForObject(insert, Long.class, "3 days", "3 days");
		Long recentSent = this.jdbc.queryForObject(insert, Long.class, "1 hour", "1 hour");
		// never sent (its next attempt is far off, so the relay leaves it alone): kept whatever its age, for an
		// operator to see
		Long oldUnsent = this.jdbc.queryForObject("""
				INSERT INTO outbox (created_at, topic, method, body, next_attempt_at) VALUES (now() - interval '3 days',
				    'basalt-scheduler', 'create_volume', '{}', now() + interval '1 day') RETURNING id""", Long.class);
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (outboxIds().contains(oldSent) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(outboxIds()).doesNotContain(oldSent).contains(recentSent, oldUnsent);
	}

	private java.util.List<Long> outboxIds() {
		return this.jdbc.queryForList("SELECT id FROM outbox", Long.class);
	}

	static Stream<Arguments> badRequests() {
		String v = "/v3/" + PROJECT + "/volumes";
		String q = "/v3/" + PROJECT + "/qos-specs";
		String t = "/v3/" + PROJECT + "/types/";
		String c = "/v3/" + PROJECT + "/os-quota-class-sets/default";
		String unknown = "00000000-0000-0000-0000-000000000000";
		return Stream.concat(Stream.of(
				Arguments.of("POST", v, null, "{\"volume\": {\"name\": \"bad\", \"size\": -1}}", 400,
						"Invalid input for field/attribute size. Value: -1. -1 is less than the minimum of 1"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 0}}", 400, "less than the minimum of 1"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": \"0\"}}", 400, "Invalid volume size"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": \"abc\"}}", 400, "does not match"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1.5}}", 400, "is not of type"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": true}}", 400, "is not of type"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 2147483648}}", 400, "greater than the maximum"),
				Arguments.of("POST", v, null, "{\"volume\": {\"name\": \"nosize\"}}", 400,
						"The server could not comply with the request since it is either malformed or otherwise "
								+ "incorrect."),
				Arguments.of("POST", v, null, "{\"volume\": {", 400, "Malformed request body"),
				Arguments.of("POST", v, null, "[]", 400, "Malformed request body"),
				Arguments.of("POST", v, null, "{\"vol\": {\"size\": 1}}", 400, "Missing required element 'volume'"),
				Arguments.of("POST", v, null, "{\"volume\": 5}", 400, "Missing required element 'volume'"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"name\": \"" + "x".repeat(256) + "\"}}",
						400, "is too long"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"description\": 7}}", 400,
						"is not of type 'string'"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"volume_type\": \"no-such-type\"}}", 404,
						"Volume type with name no-such-type could not be found."),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"availability_zone\": \"mars\"}}", 400,
						"Availability zone 'mars' is invalid."),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"metadata\": {\"k\": 1}}}", 400,
						"is not of type 'string'"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"metadata\": {\"b@d\": \"v\"}}}", 400,
						"does not match"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"metadata\": \"x\"}}", 400,
						"is not of type 'object'"),
				Arguments.of("POST", v, "3.53", "{\"volume\": {\"size\": 1, \"bogus\": 1}}", 400,
						"Additional properties are not allowed"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"imageRef\": \"abc\"}}", 400, "not supported"),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"snapshot_id\": \"" + unknown + "\"}}", 404,
						"Snapshot " + unknown + " could not be found."),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"source_volid\": \"" + unknown + "\"}}",
						404, "Volume " + unknown + " could not be found."),
				Arguments.of("POST", v, null,
						"{\"volume\": {\"size\": 1}, \"OS-SCH-HNT:scheduler_hints\": {\"same_host\": \"" + unknown
								+ "\"}}",
						404, "could not be found"),
				Arguments.of("GET", v + "/" + unknown, null, null, 404,
						"Volume " + unknown + " could not be found."),
				Arguments.of("GET", v + "/not-a-uuid", null, null, 404, "Volume not-a-uuid could not be found."),
				Arguments.of("DELETE", v + "/" + unknown, null, null, 404, "could not be found."),
				Arguments.of("PUT", v + "/" + unknown, null, "{\"volume\": {\"name\": \"x\"}}", 404,
						"could not be found."),
				Arguments.of("POST", v + "/" + unknown + "/action", null, "{\"os-extend\": {\"new_size\": 2}}", 404,
						"could not be found."),
				Arguments.of("GET", v + "?limit=-1", null, null, 400, "limit param must be positive"),
				Arguments.of("GET", v + "?limit=abc", null, null, 400, "limit param must be an integer"),
				Arguments.of("GET", v + "?sort=name:sideways", null, null, 400, "Unknown sort direction"),
				Arguments.of("GET", v + "?sort=bogus", null, null, 400, "Invalid sort key"),
				Arguments.of("GET", v + "?sort=name&sort_key=size", null, null, 400, "cannot be used with"),
				Arguments.of("GET", v + "?marker=" + unknown, null, null, 404, "Marker " + unknown),
				Arguments.of("GET", v + "/summary", null, null, 404, "API version 3.0 is not supported on this method."),
				Arguments.of("GET", v, "volume 9.99", null, 406, "Version 9.99 is not supported by the API."),
				Arguments.of("GET", v, "volume foo", null, 400, "API Version String foo is of invalid format."),
				Arguments.of("GET", v, "volume 3.05", null, 400, "is of invalid format"),
				Arguments.of("PATCH", v, null, "{}", 405, "not allowed"),
				Arguments.of("GET", "/v3/" + PROJECT + "/nothing-here", null, null, 404, "could not be found"),
				Arguments.of("PUT", "/v3/" + PROJECT + "/os-quota-sets/" + PROJECT, null,
						"{\"quota_set\": {\"bogus\": 1}}", 400, "Bad key(s) in quota set: bogus"),
				Arguments.of("PUT", "/v3/" + PROJECT + "/os-quota-sets/" + PROJECT, null,
						"{\"quota_set\": {\"volumes\": -2}}", 400, "must be -1 or greater"),
				Arguments.of("POST", "/v3/" + PROJECT + "/types", null, "{\"volume_type\": {}}", 400,
						"'name' is a required property"),
				Arguments.of("DELETE", "/v3/" + PROJECT + "/types/" + unknown, null, null, 404,
						"Volume type " + unknown + " could not be found."),
				Arguments.of("POST", "/v3/" + PROJECT + "/snapshots", null, "{\"snapshot\": {}}", 400,
						"'volume_id' is a required property"),
				Arguments.of("POST", v + "/" + unknown + "/action", null, "{\"os-bogus\": {}}", 404,
						"could not be found"),
				Arguments.of("POST", v + "/" + unknown + "/action", null, "{\"os-reserve\": null}", 404,
						"Volume " + unknown + " could not be found."),
				Arguments.of("POST", v + "/" + unknown + "/action", null, "{\"os-unreserve\": {}}", 404,
						"could not be found."),
				Arguments.of("POST", v + "/" + unknown + "/action", null, "{\"os-begin_detaching\": {}}", 404,
						"could not be found."),
				Arguments.of("POST", v + "/" + unknown + "/action", null, "{\"os-roll_detaching\": {}}", 404,
						"could not be found."),
				Arguments.of("POST", v + "/" + unknown + "/action", null, "{\"os-detach\": {}}", 404,
						"could not be found."),
				Arguments.of("POST", v + "/" + unknown + "/action", null, "{\"os-force_detach\": {}}", 404,
						"could not be found."),
				Arguments.of("POST", v + "/" + unknown + "/action", null,
						"{\"os-set_bootable\": {\"bootable\": true}}", 404, "could not be found."),
				Arguments.of("POST", v + "/" + unknown + "/action", null,
						"{\"os-update_readonly_flag\": {\"readonly\": true}}", 404, "could not be found."),
				// the volume is looked up before the body is read: a bad body on an unknown volume is a 404 too
				Arguments.of("POST", v + "/" + unknown + "/action", null, "{\"os-set_bootable\": {}}", 404,
						"could not be found."),
				Arguments.of("POST", q, null, "{\"qos_specs\": {\"consumer\": \"both\"}}", 400,
						"'name' is a required property"),
				Arguments.of("POST", q, null, "{\"qos_specs\": {\"name\": \"q\", \"consumer\": \"nowhere\"}}",
						400, "Consumer nowhere is invalid"),
				Arguments.of("POST", q, null, "{\"qos_specs\": {\"name\": \"q\", \"b@d\": \"1\"}}", 400,
						"Additional properties are not allowed"),
				Arguments.of("POST", q, null, "{\"qos_specs\": {\"name\": \"q\", \"iops\": 1}}", 400,
						"is not of type 'string'"),
				Arguments.of("POST", q, null, "{\"qos\": {\"name\": \"q\"}}", 400, "'qos' was unexpected"),
				Arguments.of("GET", q + "/" + unknown, null, null, 404, "No such QoS spec " + unknown + "."),
				Arguments.of("GET", q + "/not-a-uuid", null, null, 404, "No such QoS spec not-a-uuid."),
				Arguments.of("PUT", q + "/" + unknown, null, "{\"qos_specs\": {\"k\": \"v\"}}", 404,
						"No such QoS spec"),
				Arguments.of("PUT", q + "/" + unknown, null, "{\"qos_specs\": {\"k\": 5}}", 400,
						"is not of type 'string'"),
				Arguments.of("PUT", q + "/" + unknown + "/delete_keys", null, "{\"keys\": \"k\"}", 400,
						"is not of type 'array'"),
				Arguments.of("PUT", q + "/" + unknown + "/delete_keys", null, "{\"keys\": [\"k\"]}", 404,
						"No such QoS spec"),
				Arguments.of("DELETE", q + "/" + unknown, null, null, 404, "No such QoS spec"),
				Arguments.of("GET", q + "/" + unknown + "/associate?vol_type_id=" + unknown, null, null, 404,
						"No such QoS spec"),
				Arguments.of("GET", q + "/" + unknown + "/disassociate_all", null, null, 404, "No such QoS spec"),
				Arguments.of("GET", q + "/" + unknown + "/associations", null, null, 404, "No such QoS spec"),
				Arguments.of("POST", t + unknown + "/encryption", null,
						"{\"encryption\": {\"provider\": \"luks\", \"control_location\": \"front-end\"}}", 404,
						"Volume type " + unknown + " could not be found."),
				Arguments.of("POST", t + unknown + "/encryption", null, "{\"encryption\": {\"provider\": \"luks\"}}",
						400, "'control_location' is a required property"),
				Arguments.of("POST", t + unknown + "/encryption", null,
						"{\"encryption\": {\"provider\": \"luks\", \"control_location\": \"middle\"}}", 400,
						"is not one of ['front-end', 'back-end']"),
				Arguments.of("POST", t + unknown + "/encryption", null, "{\"encryption\": {\"provider\": \"luks\", "
						+ "\"control_location\": \"front-end\", \"key_size\": -1}}", 400, "not a valid key size"),
				Arguments.of("POST", t + unknown + "/encryption", null, "{\"encryption\": {\"provider\": \"luks\", "
						+ "\"control_location\": \"front-end\", \"bogus\": 1}}", 400, "'bogus' was unexpected"),
				Arguments.of("GET", t + unknown + "/encryption", null, null, 404, "could not be found."),
				Arguments.of("PUT", t + unknown + "/encryption/" + unknown, null, "{\"encryption\": {\"key_size\": 256}}",
						404, "could not be found."),
				Arguments.of("DELETE", t + unknown + "/encryption/" + unknown, null, null, 404, "could not be found."),
				Arguments.of("PUT", c, null, "{\"quota_class_set\": {\"volumes\": -2}}", 400,
						"must be -1 or greater"),
				Arguments.of("PUT", c, null, "{\"quota_class_set\": {\"volumes\": \"abc\"}}", 400,
						"must be an integer"),
				Arguments.of("PUT", c, null, "{\"quota_class_set\": {\"snapshots\": 5, \"volumes\": 1.5}}", 400,
						"must be an integer"),
				Arguments.of("PUT", c, null, "{\"volumes\": 5}", 400, "'volumes' was unexpected"),
				Arguments.of("POST", "/v3/" + PROJECT + "/snapshots", null, "{\"snapshot\": {\"volume_id\": null}}",
						404, "Volume None could not be found.")),
				Stream.concat(metadataAndSnapshotBadRequests(),
						Stream.concat(retypeBadRequests(), controlCharacterAndLimitBadRequests())));
	}

	/**
	 * The request-wide rules of {@code web.InputRules}: control characters in any body string (keys too) or query
	 * parameter, JSON nested deeper than 32, identity strings wider than their column.
	 */
	static Stream<Arguments> controlCharacterAndLimitBadRequests() {
		String v = "/v3/" + PROJECT + "/volumes";
		String control = "contains control characters";
		String deep = "{\"a\": ".repeat(40) + "1" + "}".repeat(40);
		return Stream.of(
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"name\": \"a\\u0000b\"}}", 400, control),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"description\": \"bell\\u0007\"}}", 400,
						control),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"metadata\": {\"k\\u0001\": \"v\"}}}", 400,
						control),
				Arguments.of("PUT", v + "/" + FIXTURE_VOLUME, null, "{\"volume\": {\"name\": \"\\u001b[31mred\"}}", 400,
						control),
				Arguments.of("POST", "/v3/" + PROJECT + "/snapshots", null,
						"{\"snapshot\": {\"volume_id\": \"" + FIXTURE_VOLUME + "\", \"name\": \"a\\u0000\"}}", 400, control),
				Arguments.of("POST", "/v3/" + PROJECT + "/snapshots/" + FIXTURE_SNAPSHOT + "/metadata", null,
						"{\"metadata\": {\"k\": \"a\\u0000b\"}}", 400, control),
				Arguments.of("POST", "/v3/" + PROJECT + "/types", null, "{\"volume_type\": {\"name\": \"t\\u0000\"}}", 400,
						control),
				Arguments.of("POST", "/v3/" + PROJECT + "/qos-specs", null,
						"{\"qos_specs\": {\"name\": \"q\", \"k\": \"\\u007f\"}}", 400, control),
				Arguments.of("PUT", "/v3/" + PROJECT + "/os-quota-sets/" + PROJECT, null,
						"{\"quota_set\": {\"volumes\\u0000\": 1}}", 400, control),
				Arguments.of("POST", v + "/" + FIXTURE_VOLUME + "/action", null,
						"{\"os-set_bootable\": {\"bootable\": \"t\\u0000\"}}", 400, control),
				Arguments.of("GET", v + "?name=a%00b", null, null, 400, control),
				Arguments.of("GET", v + "/detail?metadata=%7B%22k%22%3A%22%1B%22%7D", null, null, 400, control),
				Arguments.of("GET", "/v3/" + PROJECT + "/snapshots?status=avail%07able", null, null, 400, control),
				Arguments.of("GET", v + "?sort%00=name", null, null, 400, control),
				Arguments.of("POST", v, null, "{\"volume\": {\"size\": 1, \"metadata\": " + deep + "}}", 400,
						"Malformed request body"),
				Arguments.of("PUT", v + "/" + FIXTURE_VOLUME + "/metadata", null, "{\"metadata\": " + deep + "}", 400,
						"Malformed request body"),
				Arguments.of("POST", "/v3/" + "p".repeat(256) + "/volumes", null, "{\"volume\": {\"size\": 1}}", 400,
						"project_id is longer than 255 characters"),
				Arguments.of("GET", "/v3/" + "p".repeat(256) + "/volumes", null, null, 400,
						"project_id is longer than 255 characters"),
				Arguments.of("POST", "/v3/" + PROJECT + "/types", null,
						"{\"volume_type\": {\"name\": \"" + "t".repeat(256) + "\"}}", 400, "is too long"));
	}

	/** {@code {"metadata": {...}}} with {@code n} entries of 255-character values. */
	static String manyEntries(int n) {
		StringBuilder body = new StringBuilder("{\"metadata\": {");
		for (int i = 0; i < n; i++) {
			body.append(i == 0 ? "" : ", ").append("\"k").append(i).append("\": \"").append("v".repeat(255)).append('"');
		}
		return body.append("}}").toString();
	}

	/** Bad metadata and snapshot requests against {@link #FIXTURE_VOLUME} and {@link #FIXTURE_SNAPSHOT}. */
	static Stream<Arguments> metadataAndSnapshotBadRequests() {
		String unknown = "00000000-0000-0000-0000-000000000000";
		String vm = "/v3/" + PROJECT + "/volumes/" + FIXTURE_VOLUME + "/metadata";
		String sm = "/v3/" + PROJECT + "/snapshots/" + FIXTURE_SNAPSHOT + "/metadata";
		String sa = "/v3/" + PROJECT + "/snapshots/" + FIXTURE_SNAPSHOT + "/action";
		String s = "/v3/" + PROJECT + "/snapshots";
		return Stream.of(
				Arguments.of("POST", vm, null, "{\"metadata\": {\"b@d\": \"v\"}}", 400, "does not match"),
				Arguments.of("POST", vm, null, "{\"metadata\": {\"\": \"v\"}}", 400, "does not match"),
				Arguments.of("POST", vm, null, manyEntries(600), 413,
						"Request is too large. Larger than max_request_body_size (114688)."),
				Arguments.of("POST", vm, null, "{\"metadata\": {\"" + "k".repeat(256) + "\": \"v\"}}", 400,
						"does not match"),
				Arguments.of("POST", vm, null, "{\"metadata\": {\"k\": \"" + "v".repeat(256) + "\"}}", 400,
						"is too long"),
				Arguments.of("POST", vm, null, "{\"metadata\": {\"k\": \"a\\u0000b\"}}", 400,
						"contains control characters"),
				Arguments.of("POST", vm, null, "{\"metadata\": {\"k\": \"a\\u0007b\"}}", 400,
						"contains control characters"),
				Arguments.of("POST", vm, null, "{\"metadata\": {\"k\": 1}}", 400, "is not of type 'string'"),
				Arguments.of("PUT", vm, null, "{\"metadata\": {\"k\": null}}", 400, "is not of type 'string'"),
				Arguments.of("POST", vm, null, "{\"metadata\": \"x\"}", 400, "Missing required element 'metadata'"),
				Arguments.of("PUT", vm, null, "{\"meta\": {\"k\": \"v\"}}", 400,
						"Missing required element 'metadata'"),
				Arguments.of("POST", vm, null, "{\"metadata\": {\"k\": \"v\"}, \"x\": 1}", 400,
						"Additional properties are not allowed"),
				Arguments.of("PUT", vm + "/k", null, "{\"meta\": {\"other\": \"v\"}}", 400,
						"Request body and URI mismatch"),
				Arguments.of("PUT", vm + "/k", null, "{\"meta\": {}}", 400, "Request body and URI mismatch"),
				Arguments.of("PUT", vm + "/k", null, "{\"meta\": {\"k\": \"v\", \"j\": \"w\"}}", 400,
						"Request body contains too many items"),
				Arguments.of("PUT", vm + "/k", null, "{\"metadata\": {\"k\": \"v\"}}", 400,
						"Missing required element 'meta'"),
				Arguments.of("GET", vm + "/nokey", null, null, 404,
						"Volume " + FIXTURE_VOLUME + " has no metadata with key nokey."),
				Arguments.of("DELETE", vm + "/nokey", null, null, 404, "has no metadata with key nokey."),
				Arguments.of("GET", "/v3/" + PROJECT + "/volumes/" + unknown + "/metadata", null, null, 404,
						"Volume " + unknown + " could not be found."),
				Arguments.of("POST", "/v3/" + PROJECT + "/volumes/" + unknown + "/metadata", null,
						"{\"metadata\": {\"k\": \"v\"}}", 404, "Volume " + unknown + " could not be found."),
				Arguments.of("PUT", "/v3/" + PROJECT + "/volumes/" + unknown + "/metadata/k", null,
						"{\"meta\": {\"k\": \"v\"}}", 404, "could not be found."),
				Arguments.of("POST", sm, null, "{\"metadata\": {\"b@d\": \"v\"}}", 400, "does not match"),
				Arguments.of("POST", sm, null, "{\"metadata\": {\"k\": \"" + "v".repeat(256) + "\"}}", 400,
						"is too long"),
				Arguments.of("PUT", sm + "/k", null, "{\"meta\": {\"other\": \"v\"}}", 400,
						"Request body and URI mismatch"),
				Arguments.of("GET", sm + "/nokey", null, null, 404,
						"Snapshot " + FIXTURE_SNAPSHOT + " has no metadata with key nokey."),
				Arguments.of("DELETE", sm + "/nokey", null, null, 404, "has no metadata with key nokey."),
				Arguments.of("GET", s + "/" + unknown + "/metadata", null, null, 404,
						"Snapshot " + unknown + " could not be found."),
				Arguments.of("POST", sa, null, "{\"os-reset_status\": {\"status\": \"bogus\"}}", 400,
						"is not a 'snapshot_status'"),
				Arguments.of("POST", sa, null, "{\"os-reset_status\": {}}", 400, "'status' is a required property"),
				Arguments.of("POST", sa, null, "{\"os-update_snapshot_status\": {\"status\": \"error\"}}", 400,
						"Snapshot status available not allowed for update_snapshot_status"),
				Arguments.of("POST", sa, null, "{\"os-bogus\": {}}", 400, "There is no such action: os-bogus"),
				Arguments.of("POST", sa, null, "{\"os-reset_status\": {\"status\": \"error\"}, \"x\": {}}", 400,
						"no action or more than one action"),
				Arguments.of("POST", s + "/" + unknown + "/action", null, "{\"os-force_delete\": {}}", 404,
						"Snapshot " + unknown + " could not be found."),
				Arguments.of("POST", s + "/" + unknown + "/action", null, "{\"os-bogus\": {}}", 404,
						"could not be found."),
				Arguments.of("GET", s + "?sort=bogus", null, null, 400, "Invalid sort key bogus"),
				Arguments.of("GET", s + "?sort=name:sideways", null, null, 400, "Unknown sort direction"),
				Arguments.of("GET", s + "?limit=-1", null, null, 400, "limit param must be positive"),
				Arguments.of("GET", s + "?offset=x", null, null, 400, "offset param must be an integer"),
				Arguments.of("GET", s + "?marker=" + unknown, null, null, 404, "Marker " + unknown),
				Arguments.of("DELETE", "/v3/" + PROJECT + "/volumes/" + FIXTURE_VOLUME + "?force=true", "3.23", null,
						400, "have snapshots"));
	}

	/** Bad {@code os-retype} requests against {@link #FIXTURE_VOLUME} (available, of type {@code __DEFAULT__}). */
	static Stream<Arguments> retypeBadRequests() {
		String a = "/v3/" + PROJECT + "/volumes/" + FIXTURE_VOLUME + "/action";
		return Stream.of(Arguments.of("POST", a, null, "{\"os-retype\": {}}", 400, "'new_type' is a required property"),
				Arguments.of("POST", a, null, "{\"os-retype\": {\"new_type\": 5}}", 400, "is not of type 'string'"),
				Arguments.of("POST", a, null, "{\"os-retype\": {\"new_type\": \"__DEFAULT__\"}}", 400,
						"New volume_type same as original: __DEFAULT__."),
				Arguments.of("POST", a, null, "{\"os-retype\": {\"new_type\": \"nope\"}}", 404,
						"Volume type with name nope could not be found."),
				Arguments.of("POST", a, null, "{\"os-retype\": {\"new_type\": \"x\", \"migration_policy\": \"sometimes\"}}",
						400, "is not one of ['on-demand', 'never', 'ON-DEMAND', 'NEVER', None]"),
				Arguments.of("POST", a, null, "{\"os-retype\": {\"new_type\": \"x\", \"bogus\": 1}}", 400,
						"Additional properties are not allowed ('bogus' was unexpected)"));
	}

	@ParameterizedTest(name = "{0} {1} [{2}] {3} -> {4}")
	@MethodSource("badRequests")
	void rejectedRequestsChangeNothing(String method, String path, String version, String body, int status,
			String message) throws Exception {
		insertFixture();
		String before = databaseState();
		var response = send(method, path, ADMIN, null, body, version);
		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				ct -> assertThat(ct).startsWith("application/json"));
		JsonNode fault = JSON.readTree(response.body());
		assertThat(fault.size()).isEqualTo(1);
		JsonNode inner = fault.iterator().next();
		assertThat(inner.get("code").asInt()).isEqualTo(status);
		assertThat(inner.get("message").asString()).contains(message);
		assertThat(databaseState()).isEqualTo(before);
		verify(this.scheduler, never()).createVolume(any(), any(), any());
	}

	/** A token naming a user id wider than the column is refused before anything is read or written. */
	@Test
	void overLongIdentityInTheTokenIs400() throws Exception {
		String before = databaseState();
		var response = send("POST", "/v3/" + PROJECT + "/volumes", "u".repeat(256) + ":" + PROJECT, "admin",
				"{\"volume\": {\"size\": 1}}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("badRequest").get("message").asString())
			.isEqualTo("Invalid input received: user_id is longer than 255 characters.");
		assertThat(databaseState()).isEqualTo(before);
	}

	/** A type name of 255 characters (Cinder's limit) works with its per-type quota resources (V14's width). */
	@Test
	void aLongestTypeNameIsUsableWithItsPerTypeQuotas() throws Exception {
		String name = "t".repeat(255);
		var type = send("POST", "/v3/" + PROJECT + "/types", ADMIN, null,
				"{\"volume_type\": {\"name\": \"" + name + "\"}}");
		assertThat(type.statusCode()).isEqualTo(200);
		var volume = send("POST", "/v3/" + PROJECT + "/volumes", ADMIN, null,
				"{\"volume\": {\"size\": 1, \"volume_type\": \"" + name + "\"}}");
		assertThat(volume.statusCode()).isEqualTo(202);
		assertThat(this.jdbc.queryForObject(
				"SELECT in_use + reserved FROM quota_usages WHERE project_id = ? AND resource = ?", Integer.class,
				PROJECT, "gigabytes_" + name)).isEqualTo(1);
	}

	@Test
	void wrongContentTypeIs415() throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/" + PROJECT + "/volumes"))
			.header("X-Auth-Token", ADMIN)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("size=1"))
			.build();
		var response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(response.body()).contains("\"badMediaType\"");
	}

	@Test
	void versionsAndNoauthToken() throws Exception {
		assertThat(send("GET", "/", ADMIN, null, null).statusCode()).isEqualTo(300);
		var v3 = send("GET", "/v3/", ADMIN, null, null);
		assertThat(v3.statusCode()).isEqualTo(200);
		assertThat(v3.body()).contains("\"min_version\":\"3.0\"").contains("\"version\":\"3.70\"");
		var token = this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/"))
			.header("X-Auth-User", "admin")
			.header("X-Auth-Project-Id", PROJECT)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(token.statusCode()).isEqualTo(204);
		assertThat(token.headers().firstValue("X-Auth-Token")).hasValue("admin:" + PROJECT);
		assertThat(send("GET", "/v3/" + PROJECT + "/volumes", null, null, null).statusCode()).isEqualTo(401);
		// the actuator (and /dashboard) answer on the management port only
		assertThat(send("GET", "/actuator/health", null, null, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/dashboard/api/summary", null, null, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/dashboard/index.html", null, null, null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/webjars/chart.js/4.4.1/dist/chart.umd.js", null, null, null).statusCode())
			.isEqualTo(404);
		for (String path : List.of("/actuator/health", "/dashboard/api/summary", "/dashboard/index.html",
				"/webjars/chart.js/4.4.1/dist/chart.umd.js")) {
			var management = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(management.statusCode()).as(path).isEqualTo(200);
		}
	}

	/** The attach/detach status moves of the volume actions, their wrong-state 400s and their policy. */
	@Test
	void volumeActionsMoveTheStatusAsCinder() throws Exception {
		String id = createVolume(1);
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'node1@fake#pool' WHERE id = ?::uuid", id);
		String action = "/v3/" + PROJECT + "/volumes/" + id + "/action";
		String member = "alice:" + PROJECT;
		assertThat(send("POST", action, member, "member", "{\"os-reserve\": null}").statusCode()).isEqualTo(202);
		assertThat(status(id)).isEqualTo("attaching");
		var twice = send("POST", action, member, "member", "{\"os-reserve\": {}}");
		assertThat(twice.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(twice.body()).get("badRequest").get("message").asString())
			.isEqualTo("Invalid volume: Volume status must be available to reserve, but the status is attaching.");
		assertThat(send("POST", action, member, "member", "{\"os-unreserve\": {}}").statusCode()).isEqualTo(202);
		assertThat(status(id)).isEqualTo("available");
		// as Cinder, unreserving a volume that is not attaching changes nothing and is no error
		assertThat(send("POST", action, member, "member", "{\"os-unreserve\": {}}").statusCode()).isEqualTo(202);
		assertThat(status(id)).isEqualTo("available");
		var notAttached = send("POST", action, member, "member", "{\"os-begin_detaching\": {}}");
		assertThat(notAttached.statusCode()).isEqualTo(400);
		assertThat(notAttached.body()).contains("Invalid volume: Unable to detach volume. Volume status must be "
				+ "'in-use' and attach_status must be 'attached' to detach.");

		this.jdbc.update("UPDATE volumes SET status = 'in-use', attach_status = 'attached' WHERE id = ?::uuid", id);
		assertThat(send("POST", action, member, "member", "{\"os-begin_detaching\": {}}").statusCode())
			.isEqualTo(202);
		assertThat(status(id)).isEqualTo("detaching");
		assertThat(send("POST", action, member, "member", "{\"os-roll_detaching\": {}}").statusCode())
			.isEqualTo(202);
		assertThat(status(id)).isEqualTo("in-use");
		var readonlyInUse = send("POST", action, member, "member", "{\"os-update_readonly_flag\": {\"readonly\": true}}");
		assertThat(readonlyInUse.statusCode()).isEqualTo(400);
		assertThat(readonlyInUse.body()).contains("Invalid volume: Volume " + id + " status must be available to "
				+ "update readonly flag, but current status is: in-use.");
		// no attachment records: a detach ends as Cinder's manager ends one that finds none left
		assertThat(send("POST", action, member, "member", "{\"os-detach\": {}}").statusCode()).isEqualTo(202);
		assertThat(status(id)).isEqualTo("available");
		assertThat(this.jdbc.queryForObject("SELECT attach_status FROM volumes WHERE id = ?::uuid", String.class, id))
			.isEqualTo("detached");

		// only an admin force-detaches; a reader changes nothing
		assertThat(send("POST", action, member, "member", "{\"os-force_detach\": {}}").statusCode()).isEqualTo(403);
		assertThat(send("POST", action, ADMIN, null, "{\"os-force_detach\": {\"connector\": null}}").statusCode())
			.isEqualTo(202);
		for (String body : List.of("{\"os-reserve\": {}}", "{\"os-unreserve\": {}}", "{\"os-begin_detaching\": {}}",
				"{\"os-roll_detaching\": {}}", "{\"os-detach\": {}}", "{\"os-set_bootable\": {\"bootable\": true}}",
				"{\"os-update_readonly_flag\": {\"readonly\": true}}")) {
			var refused = send("POST", action, "carol:" + PROJECT, "reader", body);
			assertThat(refused.statusCode()).as(body).isEqualTo(403);
			assertThat(refused.body()).as(body).contains("\"forbidden\"");
		}
		assertThat(status(id)).isEqualTo("available");

		// maintenance refuses a detach and a bootable change
		this.jdbc.update("UPDATE volumes SET status = 'maintenance' WHERE id = ?::uuid", id);
		assertThat(send("POST", action, member, "member", "{\"os-detach\": null}").body())
			.contains("Invalid volume: The volume cannot be detached in maintenance mode.");
		assertThat(send("POST", action, member, "member", "{\"os-set_bootable\": {\"bootable\": true}}").body())
			.contains("Invalid volume: The volume cannot be updated during maintenance.");
		assertThat(this.jdbc.queryForObject("SELECT bootable FROM volumes WHERE id = ?::uuid", Boolean.class, id))
			.isFalse();
	}

	/**
	 * os-retype without migration: the type changes at once, the status stays, and the volume's quota usage moves
	 * from the old type's per-type resources to the new one's; a type on another backend is refused as Cinder.
	 */
	@Test
	void retypeWithoutMigrationMovesTheTypeAndItsQuota() throws Exception {
		String types = "/v3/" + PROJECT + "/types";
		for (String body : List.of("{\"volume_type\": {\"name\": \"rt-1\"}}",
				"{\"volume_type\": {\"name\": \"rt-2\"}}",
				"{\"volume_type\": {\"name\": \"rt-far\", \"extra_specs\": {\"volume_backend_name\": \"other\"}}}")) {
			assertThat(send("POST", types, ADMIN, null, body).statusCode()).isEqualTo(200);
		}
		var here = send("POST", types, ADMIN, null,
				"{\"volume_type\": {\"name\": \"rt-here\", \"extra_specs\": {\"volume_backend_name\": \"fake\"}}}");
		String hereId = JSON.readTree(here.body()).get("volume_type").get("id").asString();
		String id = createVolume(2, "rt-1");
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'node1@fake#pool' WHERE id = ?::uuid", id);
		assertThat(quotaInUse("volumes_rt-1")).isEqualTo(1);
		assertThat(quotaInUse("gigabytes_rt-1")).isEqualTo(2);
		String action = "/v3/" + PROJECT + "/volumes/" + id + "/action";
		String member = "alice:" + PROJECT;

		var reader = send("POST", action, "carol:" + PROJECT, "reader", "{\"os-retype\": {\"new_type\": \"rt-2\"}}");
		assertThat(reader.statusCode()).isEqualTo(403);
		assertThat(reader.body()).contains("\"forbidden\"");

		var retyped = send("POST", action, member, "member",
				"{\"os-retype\": {\"new_type\": \"rt-2\", \"migration_policy\": \"never\"}}");
		assertThat(retyped.statusCode()).as(retyped.body()).isEqualTo(202);
		JsonNode shown = JSON.readTree(send("GET", "/v3/" + PROJECT + "/volumes/" + id, "latest", null, null).body())
			.get("volume");
		assertThat(shown.get("volume_type").asString()).isEqualTo("rt-2");
		assertThat(shown.get("status").asString()).isEqualTo("available");
		assertThat(shown.get("migration_status").isNull()).isTrue();
		assertThat(quotaInUse("volumes_rt-1")).isZero();
		assertThat(quotaInUse("gigabytes_rt-1")).isZero();
		assertThat(quotaInUse("volumes_rt-2")).isEqualTo(1);
		assertThat(quotaInUse("gigabytes_rt-2")).isEqualTo(2);
		assertThat(quotaInUse("volumes")).isEqualTo(1);
		assertThat(quotaInUse("gigabytes")).isEqualTo(2);

		var same = send("POST", action, member, "member", "{\"os-retype\": {\"new_type\": \"rt-2\"}}");
		assertThat(same.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(same.body()).get("badRequest").get("message").asString())
			.isEqualTo("Invalid input received: New volume_type same as original: rt-2.");
		var unknown = send("POST", action, member, "member", "{\"os-retype\": {\"new_type\": \"rt-none\"}}");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("Volume type with name rt-none could not be found.");
		var never = send("POST", action, member, "member",
				"{\"os-retype\": {\"new_type\": \"rt-far\", \"migration_policy\": \"never\"}}");
		assertThat(never.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(never.body()).get("badRequest").get("message").asString())
			.isEqualTo("Retype requires migration but is not allowed.");
		assertThat(quotaInUse("volumes_rt-far")).isZero();
		// on-demand: a migration starts (VolumeMigrationIT covers it); here on another volume, so that this one
		// stays idle for the rest of the test
		String far = createVolume(1, "rt-1");
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'node1@fake#pool' WHERE id = ?::uuid", far);
		var onDemand = send("POST", "/v3/" + PROJECT + "/volumes/" + far + "/action", member, "member",
				"{\"os-retype\": {\"new_type\": \"rt-far\", \"migration_policy\": \"on-demand\"}}");
		assertThat(onDemand.statusCode()).as(onDemand.body()).isEqualTo(202);
		assertThat(status(far)).isEqualTo("retyping");
		assertThat(quotaInUse("volumes_rt-far")).isEqualTo(1);

		this.jdbc.update("UPDATE volumes SET status = 'error' WHERE id = ?::uuid", id);
		var wrongState = send("POST", action, member, "member", "{\"os-retype\": {\"new_type\": \"rt-1\"}}");
		assertThat(wrongState.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(wrongState.body()).get("badRequest").get("message").asString())
			.isEqualTo("Invalid volume: Unable to update type due to incorrect status: error on volume: " + id
					+ ". Volume status must be available or in-use.");

		// in-use, by id, to a type naming the volume's own backend: still no data to move
		this.jdbc.update("UPDATE volumes SET status = 'in-use', attach_status = 'attached' WHERE id = ?::uuid", id);
		assertThat(send("POST", action, member, "member", "{\"os-retype\": {\"new_type\": \"" + hereId + "\"}}")
			.statusCode()).isEqualTo(202);
		assertThat(status(id)).isEqualTo("in-use");
		assertThat(this.jdbc.queryForObject("SELECT volume_type_id::text FROM volumes WHERE id = ?::uuid",
				String.class, id)).isEqualTo(hereId);
		assertThat(quotaInUse("volumes_rt-2")).isZero();
		assertThat(quotaInUse("gigabytes_rt-here")).isEqualTo(2);
		verifyNoInteractions(this.volumeRpc);
	}

	/** Concurrent reserves of one volume: the guarded update lets exactly one win; the others are Cinder's 400. */
	@Test
	void concurrentReservesHaveOneWinner() throws Exception {
		String id = createVolume(1);
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'node1@fake#pool' WHERE id = ?::uuid", id);
		String action = "/v3/" + PROJECT + "/volumes/" + id + "/action";
		List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			calls.add(() -> send("POST", action, ADMIN, null, "{\"os-reserve\": {}}").statusCode());
		}
		List<Integer> codes = new java.util.ArrayList<>();
		try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
			for (var f : pool.invokeAll(calls)) {
				codes.add(f.get());
			}
		}
		assertThat(codes).containsOnly(202, 400);
		assertThat(codes.stream().filter(c -> c == 202).count()).isEqualTo(1);
		assertThat(status(id)).isEqualTo("attaching");
	}

	/** os-set_bootable answers 200, os-update_readonly_flag stores admin metadata shown in the volume's metadata. */
	@Test
	void bootableAndReadonlyFlags() throws Exception {
		String id = createVolume(1);
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'node1@fake#pool' WHERE id = ?::uuid", id);
		String action = "/v3/" + PROJECT + "/volumes/" + id + "/action";
		String member = "alice:" + PROJECT;
		var bootable = send("POST", action, member, "member", "{\"os-set_bootable\": {\"bootable\": \"True\"}}");
		assertThat(bootable.statusCode()).isEqualTo(200);
		assertThat(bootable.body()).isEmpty();
		String show = "/v3/" + PROJECT + "/volumes/" + id;
		assertThat(JSON.readTree(send("GET", show, member, "member", null).body()).get("volume").get("bootable")
			.asString()).isEqualTo("true");
		assertThat(send("POST", action, member, "member", "{\"os-set_bootable\": {\"bootable\": false}}").statusCode())
			.isEqualTo(200);
		assertThat(JSON.readTree(send("GET", show, member, "member", null).body()).get("volume").get("bootable")
			.asString()).isEqualTo("false");

		// a user key named like the admin one is shown with the admin value, as Cinder
		this.jdbc.update("""
				INSERT INTO volume_metadata (volume_id, key, value)
				VALUES (?::uuid, 'purpose', 'it'), (?::uuid, 'readonly', 'user')""", id, id);
		assertThat(send("POST", action, member, "member", "{\"os-update_readonly_flag\": {\"readonly\": true}}")
			.statusCode()).isEqualTo(202);
		JsonNode volume = JSON.readTree(send("GET", show, member, "member", null).body()).get("volume");
		assertThat(volume.get("metadata").get("readonly").asString()).isEqualTo("True");
		assertThat(volume.get("metadata").get("purpose").asString()).isEqualTo("it");
		JsonNode listed = JSON.readTree(send("GET", "/v3/" + PROJECT + "/volumes/detail", member, "member", null)
			.body()).get("volumes").get(0);
		assertThat(listed.get("metadata").get("readonly").asString()).isEqualTo("True");
		// a member sees the tenant attribute (a reader rule) but not the admin-only ones
		assertThat(listed.has("os-vol-tenant-attr:tenant_id")).isTrue();
		assertThat(listed.has("os-vol-host-attr:host")).isFalse();
		assertThat(listed.has("os-vol-mig-status-attr:migstat")).isFalse();
		JsonNode asAdmin = JSON.readTree(send("GET", show, ADMIN, null, null).body()).get("volume");
		assertThat(asAdmin.get("os-vol-host-attr:host").asString()).isEqualTo("node1@fake#pool");
		assertThat(asAdmin.has("os-vol-mig-status-attr:name_id")).isTrue();
		assertThat(send("POST", action, member, "member", "{\"os-update_readonly_flag\": {\"readonly\": \"off\"}}")
			.statusCode()).isEqualTo(202);
		assertThat(this.jdbc.queryForObject(
				"SELECT value FROM volume_admin_metadata WHERE volume_id = ?::uuid AND key = 'readonly'", String.class,
				id)).isEqualTo("False");
		assertThat(JSON.readTree(send("GET", show, member, "member", null).body()).get("volume").get("metadata")
			.get("readonly").asString()).isEqualTo("False");
	}

	static Stream<Arguments> badActions() {
		return Stream.of(
				Arguments.of("{\"os-set_bootable\": {}}", "'bootable' is a required property"),
				Arguments.of("{\"os-set_bootable\": {\"bootable\": \"maybe\"}}", "is not of type 'boolean'"),
				Arguments.of("{\"os-set_bootable\": {\"bootable\": true, \"x\": 1}}",
						"Additional properties are not allowed ('x' was unexpected)"),
				Arguments.of("{\"os-set_bootable\": true}", "is not of type 'object'"),
				Arguments.of("{\"os-update_readonly_flag\": {}}", "'readonly' is a required property"),
				Arguments.of("{\"os-update_readonly_flag\": {\"readonly\": 3}}", "is not of type 'boolean'"),
				Arguments.of("{\"os-update_readonly_flag\": {\"readonly\": true, \"mode\": \"ro\"}}",
						"Additional properties are not allowed"),
				Arguments.of("{\"os-detach\": {\"attachment_id\": \"not-a-uuid\"}}", "is not a 'uuid'"),
				Arguments.of("{\"os-detach\": {\"bogus\": 1}}", "Additional properties are not allowed"),
				Arguments.of("{\"os-force_detach\": {\"connector\": 5}}", "is not of type 'string', 'object', 'null'"),
				Arguments.of("{\"os-force_detach\": {\"attachment_id\": 5}}", "is not of type 'string'"),
				Arguments.of("{\"os-reserve\": {}, \"os-unreserve\": {}}", "more than one action"),
				Arguments.of("{\"os-begin_detaching\": {}}", "Invalid volume: Unable to detach volume."),
				Arguments.of("{\"os-bogus\": {}}", "There is no such action: os-bogus"));
	}

	/** Bad action bodies on a volume that exists: 400 with Cinder's message, and the volume is unchanged. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("badActions")
	void rejectedActionsChangeNothing(String body, String message) throws Exception {
		String id = createVolume(1);
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'node1@fake#pool' WHERE id = ?::uuid", id);
		String before = databaseState() + volumeRow(id);
		var response = send("POST", "/v3/" + PROJECT + "/volumes/" + id + "/action", ADMIN, null, body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).get("badRequest").get("message").asString()).contains(message);
		assertThat(databaseState() + volumeRow(id)).isEqualTo(before);
	}

	/** Zones of the volume services (available while one service is enabled), and the implemented extensions. */
	@Test
	void availabilityZonesAndExtensions() throws Exception {
		String suffix = Long.toString(System.nanoTime());
		this.jdbc.update("""
				INSERT INTO services (host, "binary", topic, availability_zone, disabled, created_at, updated_at)
				VALUES (?, 'basalt-volume', 'basalt-volume', ?, false, now(), now()),
				       (?, 'basalt-volume', 'basalt-volume', ?, true, now(), now()),
				       (?, 'basalt-volume', 'basalt-volume', ?, true, now(), now())""",
				"on-" + suffix, "az-on-" + suffix, "off-" + suffix, "az-on-" + suffix, "off2-" + suffix,
				"az-off-" + suffix);
		var zones = send("GET", "/v3/" + PROJECT + "/os-availability-zone", "carol:" + PROJECT, "reader", null);
		// the other tests list services by position: leave none of these behind
		this.jdbc.update("DELETE FROM services WHERE host LIKE ?", "%-" + suffix);
		assertThat(zones.statusCode()).isEqualTo(200);
		JsonNode info = JSON.readTree(zones.body()).get("availabilityZoneInfo");
		Map<String, Boolean> states = new java.util.HashMap<>();
		info.forEach(z -> states.put(z.get("zoneName").asString(), z.get("zoneState").get("available").asBoolean()));
		assertThat(states).containsEntry("az-on-" + suffix, true).containsEntry("az-off-" + suffix, false);
		assertThat(JSON.readTree(zones.body()).size()).isEqualTo(1);

		var extensions = send("GET", "/v3/" + PROJECT + "/extensions", "carol:" + PROJECT, "reader", null);
		assertThat(extensions.statusCode()).isEqualTo(200);
		JsonNode list = JSON.readTree(extensions.body()).get("extensions");
		List<String> aliases = new java.util.ArrayList<>();
		list.forEach(e -> {
			aliases.add(e.get("alias").asString());
			assertThat(e.propertyNames()).containsExactlyInAnyOrder("alias", "description", "links", "name",
					"updated");
		});
		assertThat(aliases).contains("os-volume-actions", "os-availability-zone", "os-admin-actions",
				"os-vol-host-attr", "os-vol-tenant-attr", "os-vol-mig-status-attr", "qos-specs", "encryption",
				"os-quota-class-sets", "os-hosts", "capabilities");
	}

	private String status(String id) {
		return this.jdbc.queryForObject("SELECT status FROM volumes WHERE id = ?::uuid", String.class, id);
	}

	private String volumeRow(String id) {
		return this.jdbc.queryForMap("""
				SELECT status, attach_status, bootable, migration_status, updated_at FROM volumes WHERE id = ?::uuid""",
				id).toString();
	}

	private String createVolume(int size) throws Exception {
		return createVolume(size, null);
	}

	private String createVolume(int size, String type) throws Exception {
		String typePart = (type != null) ? ", \"volume_type\": \"" + type + "\"" : "";
		var response = send("POST", "/v3/" + PROJECT + "/volumes", ADMIN, null,
				"{\"volume\": {\"size\": " + size + typePart + "}}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		Thread.sleep(2);
		return JSON.readTree(response.body()).get("volume").get("id").asString();
	}

	/** A volume made through the API, then moved by hand to available on node1@fake#pool. */
	private String createSnapshot(String volume, String name) throws Exception {
		var response = send("POST", "/v3/" + PROJECT + "/snapshots", ADMIN, null, "{\"snapshot\": {\"volume_id\": \""
				+ volume + "\", \"name\": \"" + name + "\", \"metadata\": {\"purpose\": \"it\"}}}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		Thread.sleep(2);
		return JSON.readTree(response.body()).get("snapshot").get("id").asString();
	}

	private String snapshotColumn(String id, String column) {
		return this.jdbc.queryForObject("SELECT " + column + " FROM snapshots WHERE id = ?::uuid", String.class, id);
	}

	private List<String> snapshotIds(String path) throws Exception {
		var response = send("GET", path, ADMIN, null, null);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<String> ids = new java.util.ArrayList<>();
		JSON.readTree(response.body()).get("snapshots").forEach(n -> ids.add(n.get("id").asString()));
		return ids;
	}

	private static String md5(String text) throws Exception {
		return java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("MD5").digest(text.getBytes("UTF-8")));
	}

	private int quotaInUse(String resource) {
		List<Integer> v = this.jdbc.queryForList(
				"SELECT in_use FROM quota_usages WHERE project_id = ? AND resource = ?", Integer.class, PROJECT,
				resource);
		return v.isEmpty() ? 0 : v.get(0);
	}

	private int quotaReserved(String resource) {
		List<Integer> v = this.jdbc.queryForList(
				"SELECT reserved FROM quota_usages WHERE project_id = ? AND resource = ?", Integer.class, PROJECT,
				resource);
		return v.isEmpty() ? 0 : v.get(0);
	}

	/** {@link #FIXTURE_VOLUME} (available, on a backend) and {@link #FIXTURE_SNAPSHOT}, each with {@code k=v}. */
	private void insertFixture() {
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, host, availability_zone, volume_type_id,
				    created_at)
				VALUES (?::uuid, ?, 'u', 1, 'available', 'node1@fake#pool', 'nova',
				    (SELECT id FROM volume_types WHERE name = '__DEFAULT__'), now())""", FIXTURE_VOLUME, PROJECT);
		this.jdbc.update("""
				INSERT INTO snapshots (id, volume_id, project_id, user_id, status, progress, volume_size, use_quota,
				    created_at, deleted, version)
				VALUES (?::uuid, ?::uuid, ?, 'u', 'available', '100%', 1, true, now(), false, 0)""", FIXTURE_SNAPSHOT,
				FIXTURE_VOLUME, PROJECT);
		this.jdbc.update("INSERT INTO volume_metadata (volume_id, key, value) VALUES (?::uuid, 'k', 'v')",
				FIXTURE_VOLUME);
		this.jdbc.update("INSERT INTO snapshot_metadata (snapshot_id, key, value) VALUES (?::uuid, 'k', 'v')",
				FIXTURE_SNAPSHOT);
	}

	private String databaseState() {
		List<Map<String, Object>> rows = this.jdbc.queryForList("""
				SELECT (SELECT count(*) FROM volumes) AS volumes, (SELECT count(*) FROM volume_metadata) AS metadata,
				       (SELECT count(*) FROM reservations) AS reservations,
				       (SELECT coalesce(sum(in_use + reserved), 0) FROM quota_usages) AS usage,
				       (SELECT count(*) FROM quotas) AS quotas, (SELECT count(*) FROM outbox) AS outbox,
				       (SELECT count(*) FROM volume_types WHERE NOT deleted) AS types,
				       (SELECT count(*) FROM snapshots) AS snapshots,
				       (SELECT count(*) FROM volume_admin_metadata) AS admin_metadata,
				       (SELECT string_agg(volume_id || ':' || key || '=' || coalesce(value, '~'), ',' ORDER BY 1)
				        FROM volume_metadata) AS volume_metadata,
				       (SELECT string_agg(snapshot_id || ':' || key || '=' || coalesce(value, '~'), ',' ORDER BY 1)
				        FROM snapshot_metadata) AS snapshot_metadata,
				       (SELECT string_agg(id || ':' || status || ':' || coalesce(progress, '~'), ',' ORDER BY 1)
				        FROM snapshots) AS snapshot_states,
				       (SELECT string_agg(id || ':' || status || ':' || coalesce(volume_type_id::text, '~'), ','
				        ORDER BY 1) FROM volumes) AS volume_states,
				       (SELECT count(*) FROM qos_specs WHERE NOT deleted) AS qos,
				       (SELECT count(*) FROM qos_spec_keys) AS qos_keys,
				       (SELECT count(*) FROM volume_types WHERE qos_specs_id IS NOT NULL) AS qos_types,
				       (SELECT count(*) FROM volume_type_encryption WHERE NOT deleted) AS encryption,
				       (SELECT string_agg(class_name || resource || hard_limit, ',' ORDER BY class_name, resource)
				        FROM quota_classes) AS quota_classes""");
		return rows.toString();
	}

	private HttpResponse<String> send(String method, String path, String token, String roles, String body)
			throws Exception {
		String version = null;
		if (token != null && (token.equals("latest") || token.matches("3\\.\\d+"))) {
			version = "volume " + token;
			token = ADMIN;
		}
		return send(method, path, token, roles, body, version);
	}

	private HttpResponse<String> send(String method, String path, String token, String roles, String body,
			String version) throws Exception {
		return send(method, path, token, roles, body, version, Map.of());
	}

	private HttpResponse<String> send(String method, String path, String token, String roles, String body,
			String version, Map<String, String> headers) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		headers.forEach(builder::header);
		if (token != null) {
			builder.header("X-Auth-Token", token);
		}
		if (roles != null) {
			builder.header("X-Roles", roles);
		}
		if (version != null) {
			builder.header("OpenStack-API-Version", version.startsWith("volume") ? version : "volume " + version);
		}
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		builder.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody());
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

}
