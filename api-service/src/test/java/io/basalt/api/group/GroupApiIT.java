package io.basalt.api.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

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

/**
 * Generic volume groups over HTTP against a real, freshly migrated PostgreSQL: group types and specs, groups,
 * volumes joining groups, group snapshots, create-from-source; the casts are verified on the real RPC stubs (spied
 * on, so each goes through the real outbox to the broker) and
 * every refused request is checked to change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "basalt.service.host=group-it" })
@Timeout(120)
class GroupApiIT {

	static final String PROJECT = "6b2c3e7f9b2d4f6e8a0c1b3d5e7f9a2c";

	static final String ADMIN = "admin:" + PROJECT;

	static final String MEMBER = "alice:" + PROJECT;

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
		this.jdbc.update("DELETE FROM snapshots");
		this.jdbc.update("DELETE FROM group_snapshots");
		this.jdbc.update("DELETE FROM volume_metadata");
		this.jdbc.update("DELETE FROM volumes");
		this.jdbc.update("DELETE FROM groups");
		this.jdbc.update("DELETE FROM group_types");
		this.jdbc.update("DELETE FROM reservations");
		this.jdbc.update("DELETE FROM quota_usages");
		this.jdbc.update("DELETE FROM outbox");
		this.jdbc.update("DELETE FROM volume_types WHERE name <> '__DEFAULT__'");
		clearInvocations(this.scheduler, this.volumeRpc);
	}

	@Test
	void groupTypesAndTheirSpecs() throws Exception {
		var created = send("POST", "/group_types", ADMIN, null, "3.11",
				"{\"group_type\": {\"name\": \"gt-a\", \"description\": \"d\", \"is_public\": true, "
						+ "\"group_specs\": {\"consistent_group_snapshot_enabled\": \"<is> False\"}}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		JsonNode type = JSON.readTree(created.body()).get("group_type");
		String id = type.get("id").asString();
		assertThat(type.get("group_specs").get("consistent_group_snapshot_enabled").asString()).isEqualTo("<is> False");
		assertThat(send("POST", "/group_types", ADMIN, null, "3.11", "{\"group_type\": {\"name\": \"gt-a\"}}")
			.statusCode()).isEqualTo(409);
		assertThat(send("POST", "/group_types", ADMIN, null, "3.10", "{\"group_type\": {\"name\": \"gt-x\"}}")
			.statusCode()).isEqualTo(404);
		assertThat(send("POST", "/group_types", MEMBER, "member", "3.11", "{\"group_type\": {\"name\": \"gt-y\"}}")
			.statusCode()).isEqualTo(403);
		assertThat(send("POST", "/group_types", ADMIN, null, "3.11", "{\"group_type\": {\"description\": \"x\"}}")
			.statusCode()).isEqualTo(400);
		assertThat(count("group_types")).isEqualTo(1);
		var priv = send("POST", "/group_types", ADMIN, null, "3.11",
				"{\"group_type\": {\"name\": \"b-private\", \"is_public\": false}}");
		String privateId = JSON.readTree(priv.body()).get("group_type").get("id").asString();

		assertThat(names(send("GET", "/group_types?is_public=None&sort=name:desc", ADMIN, null, "3.11", null)))
			.containsExactly("gt-a", "b-private");
		assertThat(names(send("GET", "/group_types?is_public=false", ADMIN, null, "3.11", null)))
			.containsExactly("b-private");
		assertThat(names(send("GET", "/group_types", MEMBER, "member", "3.11", null))).containsExactly("gt-a");
		assertThat(send("GET", "/group_types/" + privateId, MEMBER, "member", "3.11", null).statusCode())
			.isEqualTo(404);
		assertThat(send("GET", "/group_types/default", ADMIN, null, "3.11", null).statusCode()).isEqualTo(404);

		var updated = send("PUT", "/group_types/" + id, ADMIN, null, "3.11",
				"{\"group_type\": {\"name\": \"gt-renamed\", \"description\": \"new\"}}");
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		assertThat(JSON.readTree(updated.body()).get("group_type").get("name").asString()).isEqualTo("gt-renamed");

		var specs = send("POST", "/group_types/" + id + "/group_specs", ADMIN, null, "3.11",
				"{\"group_specs\": {\"key1\": \"v1\", \"key2\": \"v2\"}}");
		assertThat(specs.statusCode()).isEqualTo(202);
		var item = send("PUT", "/group_types/" + id + "/group_specs/key2", ADMIN, null, "3.11", "{\"key2\": \"v2b\"}");
		assertThat(JSON.readTree(item.body()).get("key2").asString()).isEqualTo("v2b");
		assertThat(send("PUT", "/group_types/" + id + "/group_specs/key2", ADMIN, null, "3.11", "{\"key3\": \"x\"}")
			.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(send("GET", "/group_types/" + id + "/group_specs", ADMIN, null, "3.11", null).body())
			.get("group_specs")
			.size()).isEqualTo(3);
		assertThat(send("DELETE", "/group_types/" + id + "/group_specs/key1", ADMIN, null, "3.11", null)
			.statusCode()).isEqualTo(202);
		var gone = send("GET", "/group_types/" + id + "/group_specs/key1", ADMIN, null, "3.11", null);
		assertThat(gone.statusCode()).isEqualTo(404);
		assertThat(gone.body()).contains("Group Type " + id + " has no specs with key key1.");

		assertThat(send("DELETE", "/group_types/" + id, ADMIN, null, "3.11", null).statusCode()).isEqualTo(202);
		var missing = send("GET", "/group_types/" + id, ADMIN, null, "3.11", null);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("Group type " + id + " could not be found.");
	}

	@Test
	void createsAGroupAndAsksTheSchedulerToPlaceItWithEveryVolumeType() throws Exception {
		String gt = groupType("gt");
		String t1 = volumeType("t1", "gold");
		String t2 = volumeType("t2", "silver");
		var created = send("POST", "/groups", MEMBER, "member", "3.13", "{\"group\": {\"name\": \"g1\", "
				+ "\"group_type\": \"" + gt + "\", \"volume_types\": [\"" + t1 + "\", \"t2\"]}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		String id = JSON.readTree(created.body()).get("group").get("id").asString();

		ArgumentCaptor<RequestSpec> spec = ArgumentCaptor.forClass(RequestSpec.class);
		verify(this.scheduler).createGroup(any(RequestContext.class), spec.capture(), any(FilterProperties.class));
		assertThat(spec.getValue().group().groupId()).isEqualTo(id);
		assertThat(spec.getValue().group().volumeTypes()).extracting(v -> v.id()).containsExactly(t1, t2);
		assertThat(spec.getValue().group().volumeTypes().get(1).extraSpecs()).containsEntry("tier", "silver");
		assertThat(usage("groups")).isEqualTo(1);

		JsonNode shown = JSON.readTree(send("GET", "/groups/" + id, MEMBER, "member", "3.14", null).body())
			.get("group");
		assertThat(shown.get("status").asString()).isEqualTo("creating");
		assertThat(shown.get("group_type").asString()).isEqualTo(gt);
		assertThat(shown.has("group_snapshot_id")).isTrue();
		assertThat(shown.has("replication_status")).isFalse();
		JsonNode at13 = JSON.readTree(send("GET", "/groups/detail", MEMBER, "member", "3.13", null).body());
		assertThat(at13.get("groups").get(0).has("group_snapshot_id")).isFalse();
		assertThat(send("GET", "/groups", MEMBER, "member", "3.12", null).statusCode()).isEqualTo(404);
		assertThat(send("GET", "/groups", "bob:" + UUID.randomUUID().toString().replace("-", ""), "member", "3.13",
				null).body()).doesNotContain(id);
	}

	@Test
	void refusedGroupRequestsChangeNothing() throws Exception {
		String gt = groupType("gt");
		String t1 = volumeType("t1", "gold");
		List<String> bad = List.of("{\"group\": {\"volume_types\": [\"" + t1 + "\"]}}",
				"{\"group\": {\"group_type\": \"" + gt + "\"}}",
				"{\"group\": {\"group_type\": \"" + gt + "\", \"volume_types\": []}}",
				"{\"group\": {\"group_type\": \"" + gt + "\", \"volume_types\": \"t1\"}}",
				"{\"group\": {\"group_type\": \"" + gt + "\", \"volume_types\": [\"t1\"], \"bogus\": 1}}",
				"{\"group\": {\"group_type\": \"" + gt + "\", \"volume_types\": [\"t1\"], "
						+ "\"availability_zone\": \"nowhere\"}}",
				"{\"nogroup\": {}}");
		for (String body : bad) {
			var r = send("POST", "/groups", MEMBER, "member", "3.13", body);
			assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
		}
		var unknownType = send("POST", "/groups", MEMBER, "member", "3.13",
				"{\"group\": {\"group_type\": \"nope\", \"volume_types\": [\"t1\"]}}");
		assertThat(unknownType.statusCode()).isEqualTo(404);
		assertThat(unknownType.body()).contains("Group type nope could not be found.");
		assertThat(send("POST", "/groups", MEMBER, "member", "3.13",
				"{\"group\": {\"group_type\": \"gt\", \"volume_types\": [\"nope\"]}}").statusCode()).isEqualTo(404);
		assertThat(count("groups")).isZero();
		assertThat(usage("groups")).isZero();
		verify(this.scheduler, never()).createGroup(any(), any(), any());
		assertThat(send("GET", "/groups/" + UUID.randomUUID(), MEMBER, "member", "3.13", null).statusCode())
			.isEqualTo(404);
	}

	@Test
	void volumesJoinTheGroupOnItsBackendAndUpdatesMoveThem() throws Exception {
		String gt = groupType("gt");
		String t1 = volumeType("t1", "gold");
		volumeType("t2", "silver");
		String group = availableGroup(gt, t1);
		var created = send("POST", "/volumes", MEMBER, "member", "3.13",
				"{\"volume\": {\"size\": 1, \"volume_type\": \"t1\", \"group_id\": \"" + group + "\"}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		JsonNode volume = JSON.readTree(created.body()).get("volume");
		assertThat(volume.get("group_id").asString()).isEqualTo(group);
		assertThat(send("POST", "/volumes", MEMBER, "member", "3.13",
				"{\"volume\": {\"size\": 1, \"volume_type\": \"t2\", \"group_id\": \"" + group + "\"}}").statusCode())
			.isEqualTo(400);
		assertThat(send("POST", "/volumes", MEMBER, "member", "3.13",
				"{\"volume\": {\"size\": 1, \"volume_type\": \"t1\", \"group_id\": \"" + UUID.randomUUID() + "\"}}")
			.statusCode()).isEqualTo(404);
		assertThat(count("volumes")).isEqualTo(1);
		String hint = this.jdbc.queryForObject("SELECT body FROM outbox ORDER BY id DESC LIMIT 1",
				String.class);
		assertThat(hint).contains("node1@lvm");

		String v1 = volume.get("id").asString();
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'node1@lvm#p' WHERE id = ?::uuid", v1);
		var removed = send("PUT", "/groups/" + group, MEMBER, "member", "3.13",
				"{\"group\": {\"name\": \"renamed\", \"remove_volumes\": \"" + v1 + "\"}}");
		assertThat(removed.statusCode()).as(removed.body()).isEqualTo(202);
		verify(this.volumeRpc).updateGroup(any(RequestContext.class), eq("node1@lvm"), eq(group), eq(List.of()),
				eq(List.of(v1)));
		assertThat(status("groups", group)).isEqualTo("updating");
		assertThat(send("PUT", "/groups/" + group, MEMBER, "member", "3.13", "{\"group\": {\"name\": \"x\"}}")
			.statusCode()).isEqualTo(400);
		this.jdbc.update("UPDATE groups SET status = 'available' WHERE id = ?::uuid", group);
		assertThat(send("PUT", "/groups/" + group, MEMBER, "member", "3.13", "{\"group\": {}}").statusCode())
			.isEqualTo(400);
		assertThat(send("PUT", "/groups/" + group, MEMBER, "member", "3.13",
				"{\"group\": {\"add_volumes\": \"" + UUID.randomUUID() + "\"}}").statusCode()).isEqualTo(400);
		assertThat(status("groups", group)).isEqualTo("available");
	}

	@Test
	void deletingAGroupNeedsTheFlagWhenItHasVolumes() throws Exception {
		String gt = groupType("gt");
		String t1 = volumeType("t1", "gold");
		String group = availableGroup(gt, t1);
		String volume = volumeIn(group, t1);
		String action = "/groups/" + group + "/action";
		var refused = send("POST", action, MEMBER, "member", "3.13", "{\"delete\": {}}");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("delete-volumes flag is required");
		assertThat(send("POST", action, MEMBER, "member", "3.20", "{\"reset_status\": {\"status\": \"error\"}}")
			.statusCode()).isEqualTo(403);
		assertThat(send("POST", action, ADMIN, null, "3.19", "{\"reset_status\": {\"status\": \"error\"}}")
			.statusCode()).isEqualTo(404);
		assertThat(send("POST", action, ADMIN, null, "3.20", "{\"reset_status\": {\"status\": \"bogus\"}}")
			.statusCode()).isEqualTo(400);
		assertThat(send("POST", action, MEMBER, "member", "3.38", "{\"enable_replication\": {}}").body())
			.contains("is not a replication group type");
		assertThat(status("groups", group)).isEqualTo("available");

		var deleted = send("POST", action, MEMBER, "member", "3.13", "{\"delete\": {\"delete-volumes\": true}}");
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
		assertThat(status("groups", group)).isEqualTo("deleting");
		assertThat(status("volumes", volume)).isEqualTo("deleting");
		verify(this.volumeRpc).deleteGroup(any(RequestContext.class), eq("node1@lvm"), eq(group));
	}

	@Test
	void groupSnapshotsSnapEveryVolumeAndGroupsComeFromThem() throws Exception {
		String gt = groupType("gt");
		String t1 = volumeType("t1", "gold");
		String group = availableGroup(gt, t1);
		volumeIn(group, t1);
		volumeIn(group, t1);
		assertThat(send("POST", "/group_snapshots", MEMBER, "member", "3.13",
				"{\"group_snapshot\": {\"group_id\": \"" + group + "\"}}").statusCode()).isEqualTo(404);
		var created = send("POST", "/group_snapshots", MEMBER, "member", "3.14",
				"{\"group_snapshot\": {\"group_id\": \"" + group + "\", \"name\": \"gs\"}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		JsonNode gs = JSON.readTree(created.body()).get("group_snapshot");
		assertThat(gs.get("group_type_id").asString()).isEqualTo(gt);
		String id = gs.get("id").asString();
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM snapshots WHERE group_snapshot_id = ?::uuid AND status = 'creating'",
				Integer.class, id)).isEqualTo(2);
		assertThat(usage("snapshots")).isEqualTo(2);
		assertThat(usage("gigabytes_t1")).isEqualTo(4);
		verify(this.volumeRpc).createGroupSnapshot(any(RequestContext.class), eq("node1@lvm"), eq(id));
		JsonNode detail = JSON.readTree(send("GET", "/group_snapshots/detail", MEMBER, "member", "3.14", null).body());
		assertThat(detail.get("group_snapshots").get(0).get("group_id").asString()).isEqualTo(group);
		assertThat(JSON.readTree(send("GET", "/group_snapshots", MEMBER, "member", "3.14", null).body())
			.get("group_snapshots")
			.get(0)
			.size()).isEqualTo(2);

		String reset = "/group_snapshots/" + id + "/action";
		assertThat(send("POST", reset, ADMIN, null, "3.18", "{\"reset_status\": {\"status\": \"available\"}}")
			.statusCode()).isEqualTo(404);
		assertThat(send("POST", reset, MEMBER, "member", "3.19", "{\"reset_status\": {\"status\": \"available\"}}")
			.statusCode()).isEqualTo(403);
		assertThat(send("POST", reset, ADMIN, null, "3.19", "{\"reset_status\": {\"status\": \"available\"}}")
			.statusCode()).isEqualTo(202);
		this.jdbc.update("UPDATE snapshots SET status = 'available' WHERE group_snapshot_id = ?::uuid", id);

		var fromSnapshot = send("POST", "/groups/action", MEMBER, "member", "3.14",
				"{\"create-from-src\": {\"name\": \"copy\", \"group_snapshot_id\": \"" + id + "\"}}");
		assertThat(fromSnapshot.statusCode()).as(fromSnapshot.body()).isEqualTo(202);
		String copy = JSON.readTree(fromSnapshot.body()).get("group").get("id").asString();
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM volumes WHERE group_id = ?::uuid AND host = 'node1@lvm' AND snapshot_id IS NOT NULL
				AND status = 'creating'""", Integer.class, copy)).isEqualTo(2);
		verify(this.volumeRpc).createGroupFromSrc(any(RequestContext.class), eq("node1@lvm"), eq(copy));
		assertThat(send("POST", "/groups/action", MEMBER, "member", "3.14",
				"{\"create-from-src\": {\"name\": \"both\", \"group_snapshot_id\": \"" + id
						+ "\", \"source_group_id\": \"" + group + "\"}}").statusCode()).isEqualTo(400);
		var refused = send("POST", "/groups/" + group + "/action", MEMBER, "member", "3.14",
				"{\"delete\": {\"delete-volumes\": true}}");
		assertThat(refused.body()).contains("still has dependent group snapshots");

		assertThat(send("DELETE", "/group_snapshots/" + id, MEMBER, "member", "3.14", null).statusCode())
			.isEqualTo(202);
		assertThat(status("group_snapshots", id)).isEqualTo("deleting");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM snapshots WHERE group_snapshot_id = ?::uuid AND status = 'deleting'",
				Integer.class, id)).isEqualTo(2);
		verify(this.volumeRpc).deleteGroupSnapshot(any(RequestContext.class), eq("node1@lvm"), eq(id));
	}

	// ------------------------------------------------------------------------------------------ helpers

	private String groupType(String name) throws Exception {
		var r = send("POST", "/group_types", ADMIN, null, "3.11", "{\"group_type\": {\"name\": \"" + name + "\"}}");
		assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
		return JSON.readTree(r.body()).get("group_type").get("id").asString();
	}

	private String volumeType(String name, String tier) throws Exception {
		var r = send("POST", "/types", ADMIN, null, null,
				"{\"volume_type\": {\"name\": \"" + name + "\", \"extra_specs\": {\"tier\": \"" + tier + "\"}}}");
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return JSON.readTree(r.body()).get("volume_type").get("id").asString();
	}

	/** A group placed on node1@lvm and available (what the scheduler and the volume service would do). */
	private String availableGroup(String groupType, String volumeType) throws Exception {
		var r = send("POST", "/groups", MEMBER, "member", "3.13", "{\"group\": {\"name\": \"g\", \"group_type\": \""
				+ groupType + "\", \"volume_types\": [\"" + volumeType + "\"]}}");
		assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
		String id = JSON.readTree(r.body()).get("group").get("id").asString();
		this.jdbc.update("UPDATE groups SET status = 'available', host = 'node1@lvm' WHERE id = ?::uuid", id);
		return id;
	}

	/** An available 2 GiB volume of the group on node1@lvm#p. */
	private String volumeIn(String group, String volumeType) {
		String id = UUID.randomUUID().toString();
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, attach_status, availability_zone, host,
				    volume_type_id, group_id, bootable, multiattach, use_quota, created_at, deleted, version)
				VALUES (?::uuid, ?, 'alice', 2, 'available', 'detached', 'nova', 'node1@lvm#p', ?::uuid, ?::uuid,
				    false, false, true, now(), false, 0)""", id, PROJECT, volumeType, group);
		return id;
	}

	private int count(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE NOT deleted", Integer.class);
	}

	private int usage(String resource) {
		List<Integer> rows = this.jdbc.queryForList(
				"SELECT in_use FROM quota_usages WHERE project_id = ? AND resource = ?", Integer.class, PROJECT,
				resource);
		return rows.isEmpty() ? 0 : rows.get(0);
	}

	private String status(String table, String id) {
		return this.jdbc.queryForObject("SELECT status FROM " + table + " WHERE id = ?::uuid", String.class, id);
	}

	private static List<String> names(HttpResponse<String> r) throws Exception {
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		List<String> names = new java.util.ArrayList<>();
		JSON.readTree(r.body()).get("group_types").forEach(t -> names.add(t.get("name").asString()));
		return names;
	}

	private HttpResponse<String> send(String method, String path, String token, String roles, String version,
			String body) throws Exception {
		String project = token.substring(token.indexOf(':') + 1);
		var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/" + project + path));
		builder.header("X-Auth-Token", token);
		if (roles != null) {
			builder.header("X-Roles", roles);
		}
		if (version != null) {
			builder.header("OpenStack-API-Version", "volume " + version);
		}
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		builder.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody());
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

}
