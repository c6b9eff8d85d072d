package io.basalt.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The admin catalog over HTTP against a real PostgreSQL (issue 10, items 2 and 3): per-project default volume
 * types (3.62) and their use by a create naming no type, the type list's {@code is_public} and
 * {@code extra_specs} filters, sorting and paging, and services {@code freeze}/{@code thaw}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "basalt.service.host=catalog-it")
@Timeout(120)
class CatalogAdminIT {

	static final String PROJECT = "c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0";

	static final String OTHER = "d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1d1";

	static final String ADMIN = "admin:" + PROJECT;

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

	@MockitoBean
	SchedulerRpcApi scheduler;

	@MockitoBean
	VolumeRpcApi volumeRpc;

	final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void clean() {
		this.jdbc.update("DELETE FROM outbox");
		this.jdbc.update("DELETE FROM reservations");
		this.jdbc.update("DELETE FROM quota_usages");
		this.jdbc.update("DELETE FROM volumes");
		this.jdbc.update("DELETE FROM default_volume_types");
		this.jdbc.update("DELETE FROM volume_type_projects");
		this.jdbc.update("DELETE FROM volume_types WHERE name <> '__DEFAULT__'");
		this.jdbc.update("DELETE FROM services WHERE host LIKE 'cat-%'");
	}

	@Test
	void projectDefaultTypeIsSetShownListedUsedAndUnset() throws Exception {
		String base = "/v3/" + PROJECT;
		String gold = typeId(send("POST", base + "/types", ADMIN, null, "{\"volume_type\": {\"name\": \"gold\"}}"));
		String body = "{\"default_type\": {\"volume_type\": \"gold\"}}";
		// below 3.62 the route does not exist
		assertThat(send("PUT", base + "/default-types/" + PROJECT, ADMIN, "3.61", body).statusCode()).isEqualTo(404);
		assertThat(count("default_volume_types")).isZero();

		var set = send("PUT", base + "/default-types/" + PROJECT, ADMIN, "3.62", body);
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		assertThat(JSON.readTree(set.body()).toString()).isEqualTo(
				"{\"default_type\":{\"project_id\":\"" + PROJECT + "\",\"volume_type_id\":\"" + gold + "\"}}");
		assertThat(JSON.readTree(send("GET", base + "/default-types/" + PROJECT, ADMIN, "3.62", null).body())
			.path("default_type").path("volume_type_id").asString()).isEqualTo(gold);
		JsonNode all = JSON.readTree(send("GET", base + "/default-types", ADMIN, "3.62", null).body())
			.path("default_types");
		assertThat(all).hasSize(1);
		assertThat(all.get(0).path("project_id").asString()).isEqualTo(PROJECT);

		// /types/default and a create naming no type follow the project's default; another project's do not
		assertThat(typeName(send("GET", base + "/types/default", ADMIN, null, null))).isEqualTo("gold");
		assertThat(typeName(send("GET", "/v3/" + OTHER + "/types/default", "admin:" + OTHER, null, null)))
			.isEqualTo("__DEFAULT__");
		var created = send("POST", base + "/volumes", ADMIN, null, "{\"volume\": {\"size\": 1}}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
		assertThat(JSON.readTree(created.body()).path("volume").path("volume_type").asString()).isEqualTo("gold");
		var other = send("POST", "/v3/" + OTHER + "/volumes", "admin:" + OTHER, null, "{\"volume\": {\"size\": 1}}");
		assertThat(JSON.readTree(other.body()).path("volume").path("volume_type").asString())
			.isEqualTo("__DEFAULT__");

		// bad input: 400 and nothing changes
		for (String bad : List.of("{\"default_type\": {\"volume_type\": \"no-such-type\"}}",
				"{\"default_type\": {}}", "{\"default_type\": {\"volume_type\": \"gold\", \"x\": 1}}",
				"{\"default_type\": {\"volume_type\": 7}}", "{}")) {
			var r = send("PUT", base + "/default-types/" + PROJECT, ADMIN, "3.62", bad);
			assertThat(r.statusCode()).as(bad + " -> " + r.body()).isEqualTo(400);
		}
		assertThat(send("PUT", base + "/default-types/" + PROJECT, ADMIN, "3.62",
				"{\"default_type\": {\"volume_type\": \"no-such-type\"}}").body())
			.contains("Volume type with name no-such-type could not be found.");
		assertThat(this.jdbc.queryForObject("SELECT volume_type_id::text FROM default_volume_types", String.class))
			.isEqualTo(gold);
		// a non-admin may not set, read or unset defaults (admin_api)
		var member = sendAs("PUT", base + "/default-types/" + PROJECT, "member", body);
		assertThat(member.statusCode()).isEqualTo(403);
		assertThat(sendAs("GET", base + "/default-types", "member", null).statusCode()).isEqualTo(403);

		// a project default cannot be deleted
		this.jdbc.update("DELETE FROM volumes");
		var delete = send("DELETE", base + "/types/" + gold, ADMIN, null, null);
		assertThat(delete.statusCode()).isEqualTo(400);
		assertThat(delete.body()).contains("The volume type " + gold + " is a default volume type and cannot be deleted.");

		// 3.67: the project-less path
		var unset = send("DELETE", "/v3/default-types/" + PROJECT, ADMIN, "3.67", null);
		assertThat(unset.statusCode()).as(unset.body()).isEqualTo(204);
		var missing = send("GET", base + "/default-types/" + PROJECT, ADMIN, "3.62", null);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("Default type for project " + PROJECT + " not found.");
		assertThat(send("DELETE", base + "/default-types/" + PROJECT, ADMIN, "3.62", null).statusCode())
			.isEqualTo(204);
		assertThat(typeName(send("GET", base + "/types/default", ADMIN, null, null))).isEqualTo("__DEFAULT__");
		assertThat(send("DELETE", base + "/types/" + gold, ADMIN, null, null).statusCode()).isEqualTo(202);
	}

	@Test
	void typeListFiltersSortsAndPagesAsCinder() throws Exception {
		String base = "/v3/" + PROJECT;
		String a = typeId(send("POST", base + "/types", ADMIN, null,
				"{\"volume_type\": {\"name\": \"t-a\", \"extra_specs\": {\"k\": \"1\", \"z\": \"x\"}}}"));
		String b = typeId(send("POST", base + "/types", ADMIN, null, "{\"volume_type\": {\"name\": \"t-b\", "
				+ "\"os-volume-type-access:is_public\": false, \"extra_specs\": {\"k\": \"2\"}}}"));
		String c = typeId(send("POST", base + "/types", ADMIN, null, "{\"volume_type\": {\"name\": \"t-c\"}}"));

		// an admin sees public types by default (plus private ones granted to its project), all with is_public=none
		assertThat(names(base + "/types", "3.52")).containsExactly("t-c", "t-a", "__DEFAULT__");
		assertThat(names(base + "/types?is_public=none", "3.52")).containsExactlyInAnyOrder("t-c", "t-b", "t-a",
				"__DEFAULT__");
		assertThat(names(base + "/types?is_public=false", "3.52")).containsExactly("t-b");
		send("POST", base + "/types/" + b + "/action", ADMIN, null,
				"{\"addProjectAccess\": {\"project\": \"" + PROJECT + "\"}}");
		assertThat(names(base + "/types", "3.52")).contains("t-b");

		// extra_specs (3.52, admins), JSON or Python literal
		assertThat(names(base + "/types?is_public=none&extra_specs=%7B%22k%22%3A%221%22%7D", "3.52"))
			.containsExactly("t-a");
		assertThat(names(base + "/types?is_public=none&extra_specs=%7B%27k%27%3A%272%27%7D", "3.52"))
			.containsExactly("t-b");
		assertThat(send("GET", base + "/types?extra_specs=nonsense", ADMIN, "3.52", null).statusCode())
			.isEqualTo(400);

		// sort, marker, limit, offset
		assertThat(names(base + "/types?is_public=none&sort=name:asc", "3.52")).containsExactly("__DEFAULT__", "t-a",
				"t-b", "t-c");
		assertThat(names(base + "/types?is_public=none&sort_key=name&sort_dir=desc&limit=2", "3.52"))
			.containsExactly("t-c", "t-b");
		assertThat(names(base + "/types?is_public=none&sort=name:asc&marker=" + a + "&limit=1", "3.52"))
			.containsExactly("t-b");
		assertThat(names(base + "/types?is_public=none&sort=name:asc&offset=3", "3.52")).containsExactly("t-c");
		for (String bad : List.of("sort=size:asc", "sort=name:sideways", "is_public=maybe", "limit=-1",
				"marker=" + java.util.UUID.randomUUID())) {
			var r = send("GET", base + "/types?" + bad, ADMIN, "3.52", null);
			assertThat(r.statusCode()).as(bad + " -> " + r.body()).isIn(400, 404);
		}

		// description and is_public updates; the private type leaves the default list
		var updated = send("PUT", base + "/types/" + c, ADMIN, null,
				"{\"volume_type\": {\"description\": \"cheap\", \"is_public\": false}}");
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		assertThat(JSON.readTree(updated.body()).path("volume_type").path("description").asString())
			.isEqualTo("cheap");
		assertThat(names(base + "/types", "3.52")).doesNotContain("t-c");
		assertThat(names(base + "/types?is_public=false", "3.52")).contains("t-c");
	}

	@Test
	void freezeAndThawAHostsVolumeBackends() throws Exception {
		this.jdbc.update("""
				INSERT INTO services (host, "binary", topic, availability_zone, disabled, created_at, updated_at)
				VALUES ('cat-node@fast', 'basalt-volume', 'basalt-volume', 'nova', false, now(), now()),
				       ('cat-node@slow', 'basalt-volume', 'basalt-volume', 'nova', false, now(), now()),
				       ('cat-other@fast', 'basalt-volume', 'basalt-volume', 'nova', false, now(), now())""");
		String base = "/v3/" + PROJECT + "/os-services";
		var frozen = send("PUT", base + "/freeze", ADMIN, null, "{\"host\": \"cat-node\"}");
		assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(200);
		JsonNode services = JSON.readTree(send("GET", base + "?host=cat-node", ADMIN, null, null).body())
			.path("services");
		assertThat(services).hasSize(2);
		for (JsonNode s : services) {
			assertThat(s.path("frozen").asBoolean()).isTrue();
			assertThat(s.path("status").asString()).isEqualTo("disabled");
			assertThat(s.path("disabled_reason").asString()).isEqualTo("frozen");
		}
		assertThat(this.jdbc.queryForObject("SELECT frozen FROM services WHERE host = 'cat-other@fast'",
				Boolean.class)).isFalse();

		var again = send("PUT", base + "/freeze", ADMIN, null, "{\"host\": \"cat-node\"}");
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.body()).contains("Host is already Frozen.");
		var unknown = send("PUT", base + "/freeze", ADMIN, null, "{\"host\": \"cat-none\"}");
		assertThat(unknown.statusCode()).isEqualTo(400); // Cinder answers ServiceNotFound as InvalidInput here
		assertThat(unknown.body()).contains("Invalid input received: Service cat-none could not be found.");
		assertThat(send("PUT", base + "/freeze", ADMIN, null, "{}").statusCode()).isEqualTo(400);
		assertThat(sendAs("PUT", base + "/freeze", "member", "{\"host\": \"cat-other\"}").statusCode())
			.isEqualTo(403);
		assertThat(this.jdbc.queryForObject("SELECT frozen FROM services WHERE host = 'cat-other@fast'",
				Boolean.class)).isFalse();

		var thawed = send("PUT", base + "/thaw", ADMIN, null, "{\"host\": \"cat-node@fast\"}");
		assertThat(thawed.statusCode()).as(thawed.body()).isEqualTo(200);
		assertThat(this.jdbc.queryForList("SELECT host FROM services WHERE host LIKE 'cat-%' AND frozen",
				String.class)).containsExactly("cat-node@slow");
		assertThat(this.jdbc.queryForObject("SELECT disabled FROM services WHERE host = 'cat-node@fast'",
				Boolean.class)).isFalse();
		var notFrozen = send("PUT", base + "/thaw", ADMIN, null, "{\"host\": \"cat-other\"}");
		assertThat(notFrozen.statusCode()).isEqualTo(400);
		assertThat(notFrozen.body()).contains("Host is NOT Frozen.");
	}

	private List<String> names(String path, String version) throws Exception {
		var r = send("GET", path, ADMIN, version, null);
		assertThat(r.statusCode()).as(path + " -> " + r.body()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		JSON.readTree(r.body()).path("volume_types").forEach(t -> names.add(t.path("name").asString()));
		return names;
	}

	private int count(String table) {
		Integer n = this.jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
		return (n != null) ? n : 0;
	}

	private static String typeId(HttpResponse<String> r) {
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return JSON.readTree(r.body()).path("volume_type").path("id").asString();
	}

	private static String typeName(HttpResponse<String> r) {
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return JSON.readTree(r.body()).path("volume_type").path("name").asString();
	}

	private HttpResponse<String> sendAs(String method, String path, String role, String body) throws Exception {
		return send(method, path, "user:" + PROJECT, null, body, Map.of("X-Roles", role));
	}

	private HttpResponse<String> send(String method, String path, String token, String version, String body)
			throws Exception {
		return send(method, path, token, version, body, Map.of());
	}

	private HttpResponse<String> send(String method, String path, String token, String version, String body,
			Map<String, String> headers) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		headers.forEach(builder::header);
		builder.header("X-Auth-Token", token);
		if (version != null) {
			builder.header("OpenStack-API-Version", "volume " + version);
		}
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		builder.method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

}
