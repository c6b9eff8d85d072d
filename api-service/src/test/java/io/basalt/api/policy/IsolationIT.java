package io.basalt.api.policy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.basalt.api.auth.keystone.KeystoneFixture;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Project isolation and Cinder's personas, proven on every route against a real Keystone. The table is built
 * from the api's own handler mappings, so a route added later is covered (or this test fails for want of a way
 * to call it): a member of project A against every resource of project B (404 or 403), a reader against every
 * write (403), a non-admin against every admin route (403), and forged identity headers (no effect); an admin
 * reads and acts on another project's resources by id from its own project's URL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "basalt.service.host=isolation-it", "basalt.api.auth.strategy=keystone" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf("io.basalt.api.auth.keystone.KeystoneFixture#runnable")
@Timeout(300)
class IsolationIT {

	static final PostgresDatabase DB = TestServices.postgresDatabase();

	static final RabbitVhost VHOST = TestServices.rabbitVhost();

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

	/** Bodies of the per-action routes, by path pattern: every action each dispatcher knows. */
	private static final Map<String, List<String>> ACTIONS = Map.of("/v3/{projectId}/volumes/{id}/action",
			List.of("{\"os-extend\": {\"new_size\": 5}}", "{\"os-reset_status\": {\"status\": \"available\"}}",
					"{\"os-force_delete\": {}}", "{\"os-set_bootable\": {\"bootable\": true}}", "{\"os-reserve\": null}",
					"{\"os-unreserve\": null}", "{\"os-begin_detaching\": null}", "{\"os-roll_detaching\": null}",
					"{\"os-update_readonly_flag\": {\"readonly\": true}}", "{\"os-detach\": {}}",
					"{\"os-force_detach\": {}}",
					"{\"os-attach\": {\"host_name\": \"h\", \"mountpoint\": \"/dev/vdb\"}}",
					"{\"os-initialize_connection\": {\"connector\": {\"host\": \"h\"}}}",
					"{\"os-terminate_connection\": {\"connector\": {\"host\": \"h\"}}}",
					"{\"os-retype\": {\"new_type\": \"__DEFAULT__\", \"migration_policy\": \"never\"}}",
					"{\"os-migrate_volume\": {\"host\": \"nowhere@none\"}}",
					"{\"os-migrate_volume_completion\": {\"new_volume\": \"7d1d5f4e-7c2a-4c57-9bfa-1f8a4f0a3b11\"}}",
					"{\"revert\": {\"snapshot_id\": \"7d1d5f4e-7c2a-4c57-9bfa-1f8a4f0a3b12\"}}"),
			"/v3/{projectId}/types/{typeId}/action", List.of("{\"addProjectAccess\": {\"project\": \"p\"}}",
					"{\"removeProjectAccess\": {\"project\": \"p\"}}"),
			"/v3/{projectId}/snapshots/{id}/action",
			List.of("{\"os-reset_status\": {\"status\": \"available\"}}", "{\"os-force_delete\": {}}",
					"{\"os-update_snapshot_status\": {\"status\": \"creating\"}}"),
			"/v3/{projectId}/groups/{id}/action",
			List.of("{\"delete\": {\"delete-volumes\": true}}", "{\"reset_status\": {\"status\": \"available\"}}",
					"{\"enable_replication\": {}}", "{\"disable_replication\": {}}",
					"{\"failover_replication\": {}}", "{\"list_replication_targets\": {}}"),
			"/v3/{projectId}/group_snapshots/{id}/action",
			List.of("{\"reset_status\": {\"status\": \"available\"}}"));

	private static final String METADATA = "{\"metadata\": {\"leak\": \"x\"}}";

	/** The body of {@code PUT .../metadata/{key}} for the {@code key} of {@link #path}. */
	private static final String META = "{\"meta\": {\"volume_backend_name\": \"x\"}}";

	/** An accept body whose key is not the transfer's. */
	private static final String WRONG_KEY = "{\"accept\": {\"auth_key\": \"0000000000000000\"}}";

	/** Valid bodies of write routes whose input is checked before the resource is found (else {@code {}}). */
	private static final Map<String, String> BODIES = Map.ofEntries(
			Map.entry("PUT /v3/{projectId}/volumes/{id}", "{\"volume\": {\"name\": \"leak\"}}"),
			Map.entry("PUT /v3/{projectId}/snapshots/{id}", "{\"snapshot\": {\"name\": \"leak\"}}"),
			Map.entry("POST /v3/{projectId}/volumes/{id}/metadata", METADATA),
			Map.entry("PUT /v3/{projectId}/volumes/{id}/metadata", METADATA),
			Map.entry("PUT /v3/{projectId}/volumes/{id}/metadata/{key}", META),
			Map.entry("POST /v3/{projectId}/snapshots/{id}/metadata", METADATA),
			Map.entry("PUT /v3/{projectId}/snapshots/{id}/metadata", METADATA),
			Map.entry("PUT /v3/{projectId}/snapshots/{id}/metadata/{key}", META),
			Map.entry("POST /v3/{projectId}/os-volume-transfer",
					"{\"transfer\": {\"volume_id\": \"" + java.util.UUID.randomUUID() + "\"}}"),
			Map.entry("POST /v3/{projectId}/volume-transfers",
					"{\"transfer\": {\"volume_id\": \"" + java.util.UUID.randomUUID() + "\"}}"),
			Map.entry("POST /v3/{projectId}/os-volume-transfer/{id}/accept", WRONG_KEY),
			Map.entry("POST /v3/{projectId}/volume-transfers/{id}/accept", WRONG_KEY),
			Map.entry("POST /v3/{projectId}/qos-specs", "{\"qos_specs\": {\"name\": \"leak\"}}"),
			Map.entry("PUT /v3/{projectId}/qos-specs/{qosId}", "{\"qos_specs\": {\"leak\": \"1\"}}"),
			Map.entry("PUT /v3/{projectId}/qos-specs/{qosId}/delete_keys", "{\"keys\": [\"leak\"]}"),
			Map.entry("POST /v3/{projectId}/types/{typeId}/encryption",
					"{\"encryption\": {\"provider\": \"luks\", \"control_location\": \"front-end\"}}"),
			Map.entry("PUT /v3/{projectId}/types/{typeId}/encryption/{encryptionId}",
					"{\"encryption\": {\"key_size\": 256}}"),
			Map.entry("PUT /v3/{projectId}/groups/{id}", "{\"group\": {\"name\": \"leak\"}}"),
			Map.entry("PUT /v3/{projectId}/group_types/{groupTypeId}", "{\"group_type\": {\"name\": \"leak\"}}"),
			Map.entry("POST /v3/{projectId}/group_types/{groupTypeId}/group_specs",
					"{\"group_specs\": {\"leak\": \"1\"}}"),
			Map.entry("PUT /v3/{projectId}/group_types/{groupTypeId}/group_specs/{key}",
					"{\"volume_backend_name\": \"x\"}"),
			Map.entry("PUT /v3/{projectId}/attachments/{id}", "{\"attachment\": {\"connector\": {\"host\": \"h\"}}}"),
			Map.entry("POST /v3/{projectId}/attachments/{id}/action", "{\"os-complete\": null}"),
			Map.entry("PUT /v3/{projectId}/os-quota-class-sets/{className}",
					"{\"quota_class_set\": {\"volumes\": 99}}"),
			Map.entry("PUT /v3/{projectId}/default-types/{target}",
					"{\"default_type\": {\"volume_type\": \"__DEFAULT__\"}}"),
			Map.entry("PUT /v3/{projectId}/os-services/freeze", "{\"host\": \"h@b\"}"),
			Map.entry("PUT /v3/{projectId}/os-services/thaw", "{\"host\": \"h@b\"}"));

	/**
	 * The microversion sent to the routes that need more than 3.0 (messages 3.3, attachments 3.27 and 3.44,
	 * volume-transfers 3.55).
	 */
	private static final String VERSION = "volume 3.57";

	/** The microversion sent to {@code default-types} (3.62). */
	private static final String DEFAULT_TYPES_VERSION = "volume 3.62";

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
		registry.add("basalt.api.auth.keystone.url", () -> KeystoneFixture.url().toString());
		registry.add("basalt.api.auth.keystone.username", () -> KeystoneFixture.SERVICE_USER);
		registry.add("basalt.api.auth.keystone.password", () -> KeystoneFixture.SERVICE_PASSWORD);
		registry.add("basalt.api.auth.keystone.project-name", () -> KeystoneFixture.SERVICE_PROJECT);
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

	@Autowired
	RequestMappingHandlerMapping mappings;

	@Autowired
	PolicyEnforcer enforcer;

	@MockitoBean
	SchedulerRpcApi scheduler;

	@MockitoBean
	VolumeRpcApi volumeRpc;

	final HttpClient http = HttpClient.newHttpClient();

	/** Tokens and project ids of the personas. */
	Persona admin;

	Persona memberA;

	Persona readerA;

	Persona memberB;

	/** Resources by path variable, per project ("A", "B"). */
	final Map<String, Map<String, String>> resources = new LinkedHashMap<>();

	record Persona(String token, String projectId) {
	}

	/** One v3 route: method, path pattern, the rule on its handler. */
	record Route(String method, String pattern, PolicyRule rule) {

		boolean isWrite() {
			return !this.method.equals("GET");
		}

	}

	@BeforeAll
	void personasAndResources() throws Exception {
		this.admin = persona(KeystoneFixture.ADMIN_USER, KeystoneFixture.ADMIN_PASSWORD, KeystoneFixture.ADMIN_PROJECT);
		this.memberA = persona(KeystoneFixture.DEMO_MEMBER, KeystoneFixture.DEMO_PASSWORD,
				KeystoneFixture.DEMO_PROJECT);
		this.readerA = persona(KeystoneFixture.DEMO_READER, KeystoneFixture.DEMO_PASSWORD,
				KeystoneFixture.DEMO_PROJECT);
		this.memberB = persona(KeystoneFixture.ALT_MEMBER, KeystoneFixture.DEMO_PASSWORD,
				KeystoneFixture.ALT_PROJECT);
		this.resources.put("A", resourcesOf(this.memberA));
		this.resources.put("B", resourcesOf(this.memberB));
	}

	private Persona persona(String user, String password, String project) throws Exception {
		String token = KeystoneFixture.token(user, password, project);
		var r = send("GET", "/v3/", token, null, Map.of());
		assertThat(r.statusCode()).isEqualTo(200);
		return new Persona(token, KeystoneFixture.projectId(token));
	}

	/**
	 * A volume, a snapshot and a private type (with an encryption) granted to the persona's project, made as an
	 * admin would, and QoS specs.
	 */
	private Map<String, String> resourcesOf(Persona owner) throws Exception {
		Map<String, String> ids = new LinkedHashMap<>();
		var volume = send("POST", "/v3/" + owner.projectId() + "/volumes", owner.token(),
				"{\"volume\": {\"size\": 1}}", Map.of());
		assertThat(volume.statusCode()).as(volume.body()).isEqualTo(202);
		String volumeId = JSON.readTree(volume.body()).get("volume").get("id").asString();
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'h@b#p' WHERE id = ?::uuid", volumeId);
		var snapshot = send("POST", "/v3/" + owner.projectId() + "/snapshots", owner.token(),
				"{\"snapshot\": {\"volume_id\": \"" + volumeId + "\"}}", Map.of());
		assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(202);
		String snapshotId = JSON.readTree(snapshot.body()).get("snapshot").get("id").asString();
		var type = send("POST", "/v3/" + this.admin.projectId() + "/types", this.admin.token(),
				"{\"volume_type\": {\"name\": \"iso-" + owner.projectId() + "\", \"os-volume-type-access:is_public\": "
						+ "false, \"extra_specs\": {\"volume_backend_name\": \"fake\"}}}",
				Map.of());
		assertThat(type.statusCode()).as(type.body()).isEqualTo(200);
		String typeId = JSON.readTree(type.body()).get("volume_type").get("id").asString();
		var grant = send("POST", "/v3/" + this.admin.projectId() + "/types/" + typeId + "/action",
				this.admin.token(), "{\"addProjectAccess\": {\"project\": \"" + owner.projectId() + "\"}}", Map.of());
		assertThat(grant.statusCode()).as(grant.body()).isEqualTo(202);
		var qos = send("POST", "/v3/" + this.admin.projectId() + "/qos-specs", this.admin.token(),
				"{\"qos_specs\": {\"name\": \"iso-" + owner.projectId() + "\", \"read_iops_sec\": \"100\"}}", Map.of());
		assertThat(qos.statusCode()).as(qos.body()).isEqualTo(200);
		ids.put("qosId", JSON.readTree(qos.body()).get("qos_specs").get("id").asString());
		var encryption = send("POST", "/v3/" + this.admin.projectId() + "/types/" + typeId + "/encryption",
				this.admin.token(), "{\"encryption\": {\"provider\": \"luks\", \"control_location\": \"front-end\"}}",
				Map.of());
		assertThat(encryption.statusCode()).as(encryption.body()).isEqualTo(200);
		ids.put("encryptionId", JSON.readTree(encryption.body()).get("encryption").get("encryption_id").asString());
		ids.put("className", "default");
		ids.put("volume", volumeId);
		ids.put("snapshot", snapshotId);
		ids.put("transfer", transferOf(owner));
		ids.put("message", this.jdbc.queryForObject("""
				INSERT INTO messages (id, project_id, request_id, resource_type, resource_uuid, event_id, action_id,
				    detail_id, message_level, created_at, expires_at)
				VALUES (gen_random_uuid(), ?, 'req-iso', 'VOLUME', ?, 'VOLUME_VOLUME_001_003', '001', '003', 'ERROR',
				    now(), now() + interval '30 days')
				RETURNING id::text""", String.class, owner.projectId(), volumeId));
		ids.put("attachment", attachmentOf(owner));
		ids.put("typeId", typeId);
		groupsOf(owner, typeId, ids);
		ids.put("target", owner.projectId());
		ids.put("key", "volume_backend_name");
		ids.put("action", "disable");
		ids.put("host", "h@b");
		return ids;
	}

	/**
	 * A public group type (made by the admin), an available group of the owner with that type and the owner's
	 * private volume type (placed on h@b), and an available group snapshot of it.
	 */
	private void groupsOf(Persona owner, String typeId, Map<String, String> ids) throws Exception {
		var groupType = send("POST", "/v3/" + this.admin.projectId() + "/group_types", this.admin.token(),
				"{\"group_type\": {\"name\": \"iso-gt-" + owner.projectId() + "\"}}", Map.of());
		assertThat(groupType.statusCode()).as(groupType.body()).isEqualTo(202);
		String groupTypeId = JSON.readTree(groupType.body()).get("group_type").get("id").asString();
		var group = send("POST", "/v3/" + owner.projectId() + "/groups", owner.token(), "{\"group\": {\"name\": \"g\", "
				+ "\"group_type\": \"" + groupTypeId + "\", \"volume_types\": [\"" + typeId + "\"]}}", Map.of());
		assertThat(group.statusCode()).as(group.body()).isEqualTo(202);
		String groupId = JSON.readTree(group.body()).get("group").get("id").asString();
		this.jdbc.update("UPDATE groups SET status = 'available', host = 'h@b' WHERE id = ?::uuid", groupId);
		ids.put("groupTypeId", groupTypeId);
		ids.put("group", groupId);
		ids.put("groupSnapshot", this.jdbc.queryForObject("""
				INSERT INTO group_snapshots (id, project_id, group_id, group_type_id, name, status)
				VALUES (gen_random_uuid(), ?, ?::uuid, ?::uuid, 'gs', 'available') RETURNING id::text""", String.class,
				owner.projectId(), groupId, groupTypeId));
	}

	/** A third volume of the persona's project, reserved by an attachment (no connector); the attachment's id. */
	private String attachmentOf(Persona owner) throws Exception {
		var volume = send("POST", "/v3/" + owner.projectId() + "/volumes", owner.token(),
				"{\"volume\": {\"size\": 1}}", Map.of());
		assertThat(volume.statusCode()).as(volume.body()).isEqualTo(202);
		String volumeId = JSON.readTree(volume.body()).get("volume").get("id").asString();
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'h@b#p' WHERE id = ?::uuid", volumeId);
		var attachment = send("POST", "/v3/" + owner.projectId() + "/attachments", owner.token(),
				"{\"attachment\": {\"volume_uuid\": \"" + volumeId + "\", \"instance_uuid\": \""
						+ java.util.UUID.randomUUID() + "\"}}", Map.of());
		assertThat(attachment.statusCode()).as(attachment.body()).isEqualTo(200);
		return JSON.readTree(attachment.body()).get("attachment").get("id").asString();
	}

	/** A second volume of the persona's project, offered for transfer; the transfer's id. */
	private String transferOf(Persona owner) throws Exception {
		var volume = send("POST", "/v3/" + owner.projectId() + "/volumes", owner.token(),
				"{\"volume\": {\"size\": 1}}", Map.of());
		assertThat(volume.statusCode()).as(volume.body()).isEqualTo(202);
		String volumeId = JSON.readTree(volume.body()).get("volume").get("id").asString();
		this.jdbc.update("UPDATE volumes SET status = 'available', host = 'h@b#p' WHERE id = ?::uuid", volumeId);
		var transfer = send("POST", "/v3/" + owner.projectId() + "/os-volume-transfer", owner.token(),
				"{\"transfer\": {\"volume_id\": \"" + volumeId + "\"}}", Map.of());
		assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(202);
		return JSON.readTree(transfer.body()).get("transfer").get("id").asString();
	}

	/** Every v3 handler names a rule the policy knows, and this test knows how to call it. */
	@Test
	void everyRouteHasAKnownRule() {
		List<Route> routes = routes();
		assertThat(routes).hasSizeGreaterThan(30);
		Set<String> known = this.enforcer.ruleNames();
		for (Route r : routes) {
			assertThat(r.rule()).as("@PolicyRule on %s %s", r.method(), r.pattern()).isNotNull();
			if (!PolicyRule.PER_ACTION.equals(r.rule().value())) {
				assertThat(known).as("rule of %s %s", r.method(), r.pattern()).contains(r.rule().value());
			}
			else {
				assertThat(ACTIONS).as("actions of %s", r.pattern()).containsKey(r.pattern());
			}
		}
	}

	/** A member of A gets 404 or 403 for every resource of B, from A's URL and from B's, forged headers or not. */
	@Test
	void memberOfAReachesNothingOfB() throws Exception {
		List<String> leaks = new ArrayList<>();
		for (Route r : routes()) {
			if (!r.pattern().matches(".*\\{(id|typeId|target)}.*")) {
				continue;
			}
			if (r.pattern().endsWith("/accept")) {
				// Accepting a transfer is by design done by another project (volume:accept_transfer): it is
				// checked apart, in memberOfAAcceptsBsTransferOnlyWithItsKey.
				continue;
			}
			for (String body : bodies(r)) {
				for (String urlProject : List.of(this.memberA.projectId(), this.memberB.projectId())) {
					String path = path(r, urlProject, "B");
					for (Map<String, String> headers : List.of(Map.<String, String>of(), forged(this.memberB))) {
						int status = send(r.method(), path, this.memberA.token(), body, headers).statusCode();
						if (status != 404 && status != 403) {
							leaks.add(r.method() + " " + path + " " + body + " " + headers.keySet() + " -> " + status);
						}
					}
				}
			}
		}
		assertThat(leaks).isEmpty();
	}

	/**
	 * Accept is the one cross-project route: a member of A may accept B's transfer from A's URL, but only with its
	 * key (a wrong key is 400 and B's volume stays B's), and never from B's URL (403/404).
	 */
	@Test
	void memberOfAAcceptsBsTransferOnlyWithItsKey() throws Exception {
		String transfer = this.resources.get("B").get("transfer");
		for (String collection : List.of("os-volume-transfer", "volume-transfers")) {
			String fromA = "/v3/" + this.memberA.projectId() + "/" + collection + "/" + transfer + "/accept";
			var wrongKey = send("POST", fromA, this.memberA.token(), WRONG_KEY,
					Map.of("OpenStack-API-Version", VERSION));
			assertThat(wrongKey.statusCode()).as(wrongKey.body()).isEqualTo(400);
			String fromB = "/v3/" + this.memberB.projectId() + "/" + collection + "/" + transfer + "/accept";
			for (Map<String, String> headers : List.of(Map.<String, String>of(), forged(this.memberB))) {
				var other = send("POST", fromB, this.memberA.token(), WRONG_KEY, headers);
				assertThat(other.statusCode()).as(fromB + " " + headers.keySet()).isIn(403, 404);
			}
		}
		String volume = this.jdbc.queryForObject("SELECT volume_id::text FROM transfers WHERE id = ?::uuid",
				String.class, transfer);
		assertThat(this.jdbc.queryForMap("SELECT project_id, status FROM volumes WHERE id = ?::uuid", volume))
			.containsEntry("project_id", this.memberB.projectId())
			.containsEntry("status", "awaiting-transfer");
	}

	/** A reader of A writes nothing, not even in its own project: 403 on every write route. */
	@Test
	void readerWritesNothing() throws Exception {
		List<String> allowed = new ArrayList<>();
		for (Route r : routes()) {
			if (!r.isWrite()) {
				continue;
			}
			for (String body : bodies(r)) {
				String path = path(r, this.readerA.projectId(), "A");
				for (Map<String, String> headers : List.of(Map.<String, String>of(), forged(this.readerA))) {
					int status = send(r.method(), path, this.readerA.token(), body, headers).statusCode();
					if (status != 403) {
						allowed.add(r.method() + " " + path + " " + body + " " + headers.keySet() + " -> " + status);
					}
				}
			}
		}
		assertThat(allowed).isEmpty();
	}

	/** Every route whose rule a project member fails (the admin APIs) answers 403 to a member, forged or not. */
	@Test
	void nonAdminGetsNoAdminRoute() throws Exception {
		List<String> allowed = new ArrayList<>();
		int adminRoutes = 0;
		Credentials member = new Credentials(null, this.memberA.projectId(), "default", "default",
				List.of("member", "reader"), null, true);
		for (Route r : routes()) {
			for (String body : bodies(r)) {
				String rule = PolicyRule.PER_ACTION.equals(r.rule().value()) ? actionRule(r.pattern(), body)
						: r.rule().value();
				if (rule == null || this.enforcer.check(rule, member, Map.of("project_id", this.memberA.projectId()))) {
					continue;
				}
				adminRoutes++;
				String path = path(r, this.memberA.projectId(), "A");
				for (Map<String, String> headers : List.of(Map.<String, String>of(), forged(this.memberA))) {
					int status = send(r.method(), path, this.memberA.token(), body, headers).statusCode();
					if (status != 403) {
						allowed.add(r.method() + " " + path + " " + body + " " + headers.keySet() + " -> " + status);
					}
				}
			}
		}
		assertThat(adminRoutes).as("admin routes found").isGreaterThan(10);
		assertThat(allowed).isEmpty();
	}

	/** An admin reads and acts on B's volume by id from its own project's URL, as Cinder's admin context. */
	@Test
	void adminActsOnAnyProjectFromItsOwnUrl() throws Exception {
		String volume = this.resources.get("B").get("volume");
		String base = "/v3/" + this.admin.projectId();
		var shown = send("GET", base + "/volumes/" + volume, this.admin.token(), null, Map.of());
		assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
		assertThat(shown.body()).contains(this.memberB.projectId());
		var renamed = send("PUT", base + "/volumes/" + volume, this.admin.token(),
				"{\"volume\": {\"name\": \"renamed-by-admin\"}}", Map.of());
		assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
		assertThat(send("GET", base + "/volumes/detail?all_tenants=1", this.admin.token(), null, Map.of()).body())
			.contains(volume);
		// the owner still sees it as its own
		assertThat(send("GET", "/v3/" + this.memberB.projectId() + "/volumes/" + volume, this.memberB.token(), null,
				Map.of()).body()).contains("renamed-by-admin");
	}

	/** An invalid token is refused with Keystone's challenge; a forged X-Roles alone authenticates nothing. */
	@Test
	void invalidTokensAreRefused() throws Exception {
		var r = send("GET", "/v3/" + this.memberA.projectId() + "/volumes", "not-a-token", null,
				Map.of("X-Roles", "admin", "X-Project-Id", this.memberA.projectId()));
		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
				v -> assertThat(v).startsWith("Keystone uri="));
		assertThat(r.body()).contains("\"unauthorized\"");
	}

	// ------------------------------------------------------------------------------------------ table

	/** The v3 resource routes from the handler mappings, one per HTTP method and path pattern. */
	List<Route> routes() {
		List<Route> routes = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> e : this.mappings.getHandlerMethods().entrySet()) {
			Set<String> methods = new TreeSet<>();
			for (RequestMethod m : e.getKey().getMethodsCondition().getMethods()) {
				methods.add(m.name());
			}
			for (String pattern : e.getKey().getPatternValues()) {
				if (!pattern.startsWith("/v3/{projectId}/")) {
					continue;
				}
				for (String method : methods) {
					routes.add(new Route(method, pattern, e.getValue().getMethodAnnotation(PolicyRule.class)));
				}
			}
		}
		routes.sort(java.util.Comparator.comparing(Route::pattern).thenComparing(Route::method));
		return routes;
	}

	private List<String> bodies(Route r) {
		if (r.rule() != null && PolicyRule.PER_ACTION.equals(r.rule().value())) {
			return ACTIONS.getOrDefault(r.pattern(), List.of("{}"));
		}
		return List.of(r.isWrite() ? BODIES.getOrDefault(r.method() + " " + r.pattern(), "{}") : "");
	}

	/** The rule of an action body (the same tables the dispatchers use, reached through their routes' names). */
	private static String actionRule(String pattern, String body) {
		String action = body.substring(2, body.indexOf('"', 2));
		if (pattern.contains("/group_snapshots/")) {
			return "reset_status".equals(action) ? "group:reset_group_snapshot_status" : null;
		}
		if (pattern.contains("/groups/")) {
			return switch (action) {
				case "delete" -> "group:delete";
				case "reset_status" -> "group:reset_status";
				case "enable_replication", "disable_replication", "failover_replication",
						"list_replication_targets" ->
					"group:" + action;
				default -> null;
			};
		}
		if (pattern.contains("/snapshots/")) {
			return switch (action) {
				case "os-reset_status" -> "volume_extension:snapshot_admin_actions:reset_status";
				case "os-force_delete" -> "volume_extension:snapshot_admin_actions:force_delete";
				case "os-update_snapshot_status" -> "snapshot_extension:snapshot_actions:update_snapshot_status";
				default -> null;
			};
		}
		return switch (action) {
			case "os-extend" -> "volume:extend";
			case "os-reset_status" -> "volume_extension:volume_admin_actions:reset_status";
			case "os-force_delete" -> "volume_extension:volume_admin_actions:force_delete";
			case "os-set_bootable" -> "volume:update";
			case "os-reserve" -> "volume_extension:volume_actions:reserve";
			case "os-unreserve" -> "volume_extension:volume_actions:unreserve";
			case "os-begin_detaching" -> "volume_extension:volume_actions:begin_detaching";
			case "os-roll_detaching" -> "volume_extension:volume_actions:roll_detaching";
			case "os-update_readonly_flag" -> "volume:update_readonly_flag";
			case "os-detach" -> "volume_extension:volume_actions:detach";
			case "os-force_detach" -> "volume_extension:volume_admin_actions:force_detach";
			case "os-attach" -> "volume_extension:volume_actions:attach";
			case "os-initialize_connection" -> "volume_extension:volume_actions:initialize_connection";
			case "os-terminate_connection" -> "volume_extension:volume_actions:terminate_connection";
			case "os-retype" -> "volume:retype";
			case "os-migrate_volume" -> "volume_extension:volume_admin_actions:migrate_volume";
			case "os-migrate_volume_completion" -> "volume_extension:volume_admin_actions:migrate_volume_completion";
			case "revert" -> "volume:revert_to_snapshot";
			case "addProjectAccess" -> "volume_extension:volume_type_access:addProjectAccess";
			case "removeProjectAccess" -> "volume_extension:volume_type_access:removeProjectAccess";
			default -> null;
		};
	}

	/** The path of {@code r} in {@code urlProject}'s URL naming the resources of {@code owner} ("A" or "B"). */
	private String path(Route r, String urlProject, String owner) {
		Map<String, String> ids = this.resources.get(owner);
		Matcher m = VARIABLE.matcher(r.pattern());
		StringBuilder sb = new StringBuilder();
		while (m.find()) {
			String name = m.group(1);
			String value = switch (name) {
				case "projectId" -> urlProject;
				case "id" -> ids.get(kindOf(r.pattern()));
				default -> ids.get(name);
			};
			assertThat(value).as("a value for {%s} in %s", name, r.pattern()).isNotNull();
			m.appendReplacement(sb, Matcher.quoteReplacement(value));
		}
		m.appendTail(sb);
		return sb.toString();
	}

	/** The resource an {@code {id}} of a pattern names. */
	private static String kindOf(String pattern) {
		if (pattern.contains("/group_snapshots/")) {
			return "groupSnapshot";
		}
		if (pattern.contains("/groups/")) {
			return "group";
		}
		if (pattern.contains("/snapshots/")) {
			return "snapshot";
		}
		if (pattern.contains("transfer")) {
			return "transfer";
		}
		if (pattern.contains("/attachments/")) {
			return "attachment";
		}
		return pattern.contains("/messages/") ? "message" : "volume";
	}

	/** Identity headers a client might send to pose as an admin of another project: ignored in keystone mode. */
	private static Map<String, String> forged(Persona as) {
		return Map.of("X-Roles", "admin", "X-Project-Id", as.projectId(), "X-User-Id", "admin",
				"X-Identity-Status", "Confirmed", "X-Is-Admin-Project", "True");
	}

	private HttpResponse<String> send(String method, String path, String token, String body,
			Map<String, String> headers) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (token != null) {
			builder.header("X-Auth-Token", token);
		}
		headers.forEach(builder::header);
		if (!headers.containsKey("OpenStack-API-Version")
				&& (path.contains("/messages") || path.contains("/volume-transfers") || path.contains("/group")
						|| path.contains("/attachments"))) {
			builder.header("OpenStack-API-Version", VERSION);
		}
		if (!headers.containsKey("OpenStack-API-Version") && path.contains("/default-types")) {
			builder.header("OpenStack-API-Version", DEFAULT_TYPES_VERSION);
		}
		boolean withBody = body != null && !body.isEmpty();
		if (withBody) {
			builder.header("Content-Type", "application/json");
		}
		builder.method(method,
				withBody ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

}
