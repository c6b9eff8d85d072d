package io.basalt.api.attachment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.volume.ConnectionInfo;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RpcTimeoutException;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The attachments API and the legacy attach actions over HTTP against a real, freshly migrated PostgreSQL. The
 * volume service's RPC stub is a mock: its connection calls are answered (or failed) by the test, and the calls
 * the API makes are verified on it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "basalt.service.host=attachments-it" })
@Timeout(120)
class AttachmentsIT {

	static final String PROJECT = "7a1c3e7f9b2d4f6e8a0c1b3d5e7f9a2c";

	static final String ADMIN = "admin:" + PROJECT;

	static final String MEMBER = "demo:" + PROJECT;

	static final String HOST = "node1@fake#pool";

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
		this.jdbc.update("DELETE FROM volume_attachments");
		this.jdbc.update("DELETE FROM messages");
		this.jdbc.update("DELETE FROM volume_admin_metadata");
		this.jdbc.update("DELETE FROM volumes");
		reset(this.volumeRpc);
		clearInvocations(this.scheduler);
	}

	@Test
	void anAttachmentWithoutConnectorReservesTheVolumeUntilDeleted() throws Exception {
		String volume = volume(false);
		String instance = UUID.randomUUID().toString();
		var created = send("POST", "/attachments", MEMBER, "3.27", create(volume, instance, null));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		JsonNode attachment = JSON.readTree(created.body()).get("attachment");
		String id = attachment.get("id").asString();
		assertThat(attachment.get("status").asString()).isEqualTo("reserved");
		assertThat(attachment.get("instance").asString()).isEqualTo(instance);
		assertThat(attachment.get("volume_id").asString()).isEqualTo(volume);
		assertThat(attachment.get("attached_at").asString()).isEmpty();
		assertThat(attachment.get("detached_at").asString()).isEmpty();
		assertThat(attachment.get("attach_mode").isNull()).isTrue();
		assertThat(attachment.get("connection_info").isNull()).isTrue();
		assertThat(volumeColumn(volume, "status")).isEqualTo("reserved");

		var shown = send("GET", "/attachments/" + id, MEMBER, "3.27", null);
		assertThat(JSON.readTree(shown.body()).get("attachment").get("id").asString()).isEqualTo(id);
		var list = JSON.readTree(send("GET", "/attachments?volume_id=" + volume, MEMBER, "3.27", null).body());
		assertThat(list.get("attachments")).hasSize(1);
		assertThat(list.get("attachments").get(0).propertyNames()).containsExactlyInAnyOrder("id", "status",
				"instance", "volume_id");
		var detail = JSON.readTree(send("GET", "/attachments/detail?status=reserved", MEMBER, "3.27", null).body());
		assertThat(detail.get("attachments").get(0).has("connection_info")).isTrue();
		assertThat(JSON.readTree(send("GET", "/attachments?instance_id=" + UUID.randomUUID(), MEMBER, "3.27", null)
			.body()).get("attachments")).isEmpty();
		// the volume view lists attached attachments only
		assertThat(JSON.readTree(send("GET", "/volumes/" + volume, MEMBER, null, null).body()).get("volume")
			.get("attachments")).isEmpty();

		var deleted = send("DELETE", "/attachments/" + id, MEMBER, "3.27", null);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
		assertThat(JSON.readTree(deleted.body()).get("attachments")).isEmpty();
		assertThat(volumeColumn(volume, "status")).isEqualTo("available");
		assertThat(volumeColumn(volume, "attach_status")).isEqualTo("detached");
		verify(this.volumeRpc, never()).attachmentDelete(any(), any(), any(), any(), any());
		assertThat(send("GET", "/attachments/" + id, MEMBER, "3.27", null).statusCode()).isEqualTo(404);
	}

	@Test
	void aConnectorIsConnectedOnTheBackendAndCompleteMakesTheVolumeInUse() throws Exception {
		String volume = volume(false);
		when(this.volumeRpc.attachmentUpdate(any(), eq(HOST), eq(volume), any(), any()))
			.thenReturn(new ConnectionInfo("local", Map.of("device_path", "/var/lib/basalt/volume-" + volume)));
		String instance = UUID.randomUUID().toString();
		var created = send("POST", "/attachments", MEMBER, "3.44",
				create(volume, instance, "{\"host\": \"compute-1\", \"initiator\": \"iqn.x\", \"mountpoint\": \"/dev/vdb\"}"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		JsonNode attachment = JSON.readTree(created.body()).get("attachment");
		String id = attachment.get("id").asString();
		assertThat(attachment.get("status").asString()).isEqualTo("attaching");
		assertThat(attachment.get("attach_mode").asString()).isEqualTo("rw");
		JsonNode info = attachment.get("connection_info");
		assertThat(info.get("driver_volume_type").asString()).isEqualTo("local");
		assertThat(info.get("device_path").asString()).isEqualTo("/var/lib/basalt/volume-" + volume);
		assertThat(info.get("attachment_id").asString()).isEqualTo(id);
		assertThat(info.get("access_mode").asString()).isEqualTo("rw");
		assertThat(volumeColumn(volume, "status")).isEqualTo("attaching");
		verify(this.volumeRpc).attachmentUpdate(any(), eq(HOST), eq(volume),
				eq(Map.of("host", "compute-1", "initiator", "iqn.x", "mountpoint", "/dev/vdb")), eq(id));

		// os-complete is 3.44+
		assertThat(send("POST", "/attachments/" + id + "/action", MEMBER, "3.43", "{\"os-complete\": null}")
			.statusCode()).isEqualTo(400);
		var completed = send("POST", "/attachments/" + id + "/action", MEMBER, "3.44", "{\"os-complete\": null}");
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);
		assertThat(volumeColumn(volume, "status")).isEqualTo("in-use");
		assertThat(volumeColumn(volume, "attach_status")).isEqualTo("attached");
		JsonNode view = JSON.readTree(send("GET", "/volumes/" + volume, ADMIN, null, null).body()).get("volume");
		assertThat(view.get("status").asString()).isEqualTo("in-use");
		JsonNode shown = view.get("attachments").get(0);
		assertThat(shown.get("id").asString()).isEqualTo(volume);
		assertThat(shown.get("attachment_id").asString()).isEqualTo(id);
		assertThat(shown.get("server_id").asString()).isEqualTo(instance);
		assertThat(shown.get("host_name").asString()).isEqualTo("compute-1");
		assertThat(shown.get("device").asString()).isEqualTo("/dev/vdb");
		assertThat(shown.get("attached_at").isNull()).isFalse();
		// a member does not see the host
		assertThat(JSON.readTree(send("GET", "/volumes/detail", MEMBER, null, null).body()).get("volumes").get(0)
			.get("attachments").get(0).get("host_name").isNull()).isTrue();

		var deleted = send("DELETE", "/attachments/" + id, MEMBER, "3.44", null);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
		verify(this.volumeRpc).attachmentDelete(any(), eq(HOST), eq(volume), eq(id),
				eq(Map.of("host", "compute-1", "initiator", "iqn.x", "mountpoint", "/dev/vdb")));
		assertThat(volumeColumn(volume, "status")).isEqualTo("available");
	}

	@Test
	void onlyAMultiattachVolumeTakesASecondAttachment() throws Exception {
		String single = volume(false);
		attach(single);
		var refused = send("POST", "/attachments", MEMBER, "3.27", create(single, UUID.randomUUID().toString(), null));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(refused.body()).get("badRequest").get("message").asString()).isEqualTo(
				"Invalid volume: Volume " + single + " status must be available or downloading to reserve, but the "
						+ "current status is in-use.");
		assertThat(count("SELECT count(*) FROM volume_attachments WHERE volume_id = ?::uuid", single)).isEqualTo(1);

		String multi = volume(true);
		String first = attach(multi);
		String second = attach(multi);
		assertThat(count("SELECT count(*) FROM volume_attachments WHERE volume_id = ?::uuid AND NOT deleted", multi))
			.isEqualTo(2);
		assertThat(JSON.readTree(send("GET", "/volumes/" + multi, MEMBER, null, null).body()).get("volume")
			.get("attachments")).hasSize(2);
		var left = send("DELETE", "/attachments/" + first, MEMBER, "3.44", null);
		assertThat(JSON.readTree(left.body()).get("attachments").get(0).get("id").asString()).isEqualTo(second);
		assertThat(volumeColumn(multi, "status")).isEqualTo("in-use");
		send("DELETE", "/attachments/" + second, MEMBER, "3.44", null);
		assertThat(volumeColumn(multi, "status")).isEqualTo("available");
	}

	@Test
	void aFailedOrTimedOutConnectionLeavesNothingReserved() throws Exception {
		String volume = volume(false);
		when(this.volumeRpc.attachmentUpdate(any(), any(), any(), any(), any()))
			.thenThrow(new RpcTimeoutException("Timed out waiting for a reply to attachment_update"));
		var failed = send("POST", "/attachments", MEMBER, "3.44",
				create(volume, UUID.randomUUID().toString(), "{\"host\": \"compute-1\"}"));
		assertThat(failed.statusCode()).as(failed.body()).isEqualTo(500);
		assertThat(JSON.readTree(failed.body()).get("computeFault").get("message").asString())
			.startsWith("Unable to create attachment for volume");
		assertThat(volumeColumn(volume, "status")).isEqualTo("available");
		assertThat(this.jdbc.queryForMap("SELECT attach_status, deleted FROM volume_attachments WHERE volume_id = ?::uuid",
				UUID.fromString(volume)))
			.containsEntry("attach_status", "error_attaching")
			.containsEntry("deleted", true);
		assertThat(this.jdbc.queryForObject("SELECT event_id FROM messages WHERE resource_uuid = ?", String.class,
				volume)).isEqualTo("VOLUME_VOLUME_004_001");
		var messages = send("GET", "/messages", MEMBER, "3.5", null);
		assertThat(messages.body()).contains("update attachment: An unknown error occurred.");

		// an update of a reserved attachment that fails ends the same way
		reset(this.volumeRpc);
		var reserved = send("POST", "/attachments", MEMBER, "3.27", create(volume, UUID.randomUUID().toString(), null));
		String id = JSON.readTree(reserved.body()).get("attachment").get("id").asString();
		when(this.volumeRpc.attachmentUpdate(any(), any(), any(), any(), any()))
			.thenThrow(new io.basalt.rpc.RemoteError("io.basalt.volume.driver", "DriverException", "no export", null));
		var update = send("PUT", "/attachments/" + id, MEMBER, "3.27", "{\"attachment\": {\"connector\": {}}}");
		assertThat(update.statusCode()).isEqualTo(500);
		assertThat(volumeColumn(volume, "status")).isEqualTo("available");
	}

	@Test
	void badInputIsRefusedAndChangesNothing() throws Exception {
		String volume = volume(false);
		String instance = UUID.randomUUID().toString();
		assertThat(send("POST", "/attachments", MEMBER, "3.26", create(volume, instance, null)).statusCode())
			.isEqualTo(404);
		for (String body : new String[] { "{}", "{\"attachment\": {}}",
				"{\"attachment\": {\"volume_uuid\": \"nope\"}}",
				"{\"attachment\": {\"volume_uuid\": \"" + volume + "\", \"instance_uuid\": \"x\"}}",
				"{\"attachment\": {\"volume_uuid\": \"" + volume + "\", \"connector\": \"x\"}}",
				"{\"attachment\": {\"volume_uuid\": \"" + volume + "\", \"mode\": \"rw\"}}",
				"{\"attachment\": {\"volume_uuid\": \"" + volume + "\", \"extra\": 1}}" }) {
			var r = send("POST", "/attachments", MEMBER, "3.27", body);
			assertThat(r.statusCode()).as(body + " " + r.body()).isEqualTo(400);
		}
		var badMode = send("POST", "/attachments", MEMBER, "3.54",
				"{\"attachment\": {\"volume_uuid\": \"" + volume + "\", \"mode\": \"xx\"}}");
		assertThat(badMode.statusCode()).isEqualTo(400);
		var missing = send("POST", "/attachments", MEMBER, "3.27", create(UUID.randomUUID().toString(), instance, null));
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(send("GET", "/attachments?bogus=1", MEMBER, "3.27", null).statusCode()).isEqualTo(400);
		assertThat(send("GET", "/attachments/" + UUID.randomUUID(), MEMBER, "3.27", null).statusCode())
			.isEqualTo(404);
		assertThat(count("SELECT count(*) FROM volume_attachments WHERE volume_id = ?::uuid", volume)).isZero();
		assertThat(volumeColumn(volume, "status")).isEqualTo("available");
		String id = JSON.readTree(send("POST", "/attachments", MEMBER, "3.27", create(volume, instance, null)).body())
			.get("attachment").get("id").asString();
		var noConnector = send("PUT", "/attachments/" + id, MEMBER, "3.27", "{\"attachment\": {}}");
		assertThat(noConnector.statusCode()).isEqualTo(400);
		assertThat(send("POST", "/attachments/" + id + "/action", MEMBER, "3.44", "{\"os-other\": null}")
			.statusCode()).isEqualTo(400);
		// another project sees nothing of it
		assertThat(send("GET", "/attachments/" + id, "demo:other", "3.27", null, "/v3/other").statusCode())
			.isEqualTo(404);
		verify(this.volumeRpc, never()).attachmentUpdate(any(), any(), any(), any(), any());
	}

	@Test
	void theLegacyActionsKeepTheRecords() throws Exception {
		String volume = volume(false);
		String instance = UUID.randomUUID().toString();
		assertThat(action(volume, "{\"os-attach\": {\"instance_uuid\": \"" + instance + "\", \"host_name\": \"h\", "
				+ "\"mountpoint\": \"/dev/vdc\"}}").statusCode()).isEqualTo(400);
		assertThat(action(volume, "{\"os-attach\": {\"mountpoint\": \"/dev/vdc\"}}").statusCode()).isEqualTo(400);
		assertThat(action(volume, "{\"os-attach\": {\"instance_uuid\": \"" + instance + "\"}}").statusCode())
			.isEqualTo(400);
		assertThat(action(volume, "{\"os-reserve\": null}").statusCode()).isEqualTo(202);
		assertThat(volumeColumn(volume, "status")).isEqualTo("attaching");
		var attached = action(volume, "{\"os-attach\": {\"instance_uuid\": \"" + instance + "\", \"mountpoint\": "
				+ "\"/dev/vdc\", \"mode\": \"rw\"}}");
		assertThat(attached.statusCode()).as(attached.body()).isEqualTo(202);
		assertThat(volumeColumn(volume, "status")).isEqualTo("in-use");
		JsonNode view = JSON.readTree(send("GET", "/volumes/" + volume, MEMBER, null, null).body()).get("volume");
		assertThat(view.get("attachments").get(0).get("server_id").asString()).isEqualTo(instance);
		assertThat(view.get("metadata").get("attached_mode").asString()).isEqualTo("rw");
		var second = action(volume, "{\"os-attach\": {\"host_name\": \"h2\", \"mountpoint\": \"/dev/vdd\"}}");
		assertThat(second.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(second.body()).get("badRequest").get("message").asString())
			.contains("multiple attachments are not enabled");

		when(this.volumeRpc.initializeConnection(any(), eq(HOST), eq(volume), any()))
			.thenReturn(new ConnectionInfo("local", Map.of("device_path", "/d")));
		var init = action(volume, "{\"os-initialize_connection\": {\"connector\": {\"host\": \"h\"}}}");
		assertThat(init.statusCode()).as(init.body()).isEqualTo(200);
		JsonNode info = JSON.readTree(init.body()).get("connection_info");
		assertThat(info.get("driver_volume_type").asString()).isEqualTo("local");
		assertThat(info.get("data").get("device_path").asString()).isEqualTo("/d");
		assertThat(info.get("data").get("access_mode").asString()).isEqualTo("rw");
		assertThat(action(volume, "{\"os-initialize_connection\": {}}").statusCode()).isEqualTo(400);
		assertThat(action(volume, "{\"os-terminate_connection\": {\"connector\": {\"host\": \"h\"}}}").statusCode())
			.isEqualTo(202);
		verify(this.volumeRpc).terminateConnection(any(), eq(HOST), eq(volume), eq(Map.of("host", "h")), eq(false));

		assertThat(action(volume, "{\"os-begin_detaching\": null}").statusCode()).isEqualTo(202);
		assertThat(action(volume, "{\"os-detach\": {}}").statusCode()).isEqualTo(202);
		assertThat(volumeColumn(volume, "status")).isEqualTo("available");
		assertThat(count("SELECT count(*) FROM volume_attachments WHERE volume_id = ?::uuid AND NOT deleted",
				volume)).isZero();

		// a readonly volume is attached read-only or not at all
		assertThat(action(volume, "{\"os-update_readonly_flag\": {\"readonly\": true}}").statusCode())
			.isEqualTo(202);
		var rw = action(volume, "{\"os-attach\": {\"host_name\": \"h\", \"mountpoint\": \"/dev/vdc\"}}");
		assertThat(rw.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(rw.body()).get("badRequest").get("message").asString())
			.isEqualTo("Invalid attaching mode 'rw' for volume " + volume + ".");
		assertThat(action(volume, "{\"os-attach\": {\"host_name\": \"h\", \"mountpoint\": \"/dev/vdc\", \"mode\": "
				+ "\"ro\"}}").statusCode()).isEqualTo(202);
		String attachment = this.jdbc.queryForObject(
				"SELECT id::text FROM volume_attachments WHERE volume_id = ?::uuid AND NOT deleted", String.class, volume);
		assertThat(action(volume, "{\"os-force_detach\": {\"attachment_id\": \"" + attachment + "\"}}").statusCode())
			.isEqualTo(202);
		verify(this.volumeRpc).terminateConnection(any(), eq(HOST), eq(volume), eq(null), anyBoolean());
		assertThat(volumeColumn(volume, "status")).isEqualTo("available");
	}

	@Test
	void unreserveKeepsAnAttachedVolumeInUse() throws Exception {
		String volume = volume(true);
		attach(volume);
		assertThat(action(volume, "{\"os-reserve\": null}").statusCode()).isEqualTo(202);
		assertThat(volumeColumn(volume, "status")).isEqualTo("attaching");
		assertThat(action(volume, "{\"os-unreserve\": null}").statusCode()).isEqualTo(202);
		assertThat(volumeColumn(volume, "status")).isEqualTo("in-use");
	}

	// ------------------------------------------------------------------------------------------ helpers

	/** An available volume of PROJECT on HOST. */
	private String volume(boolean multiattach) {
		String id = UUID.randomUUID().toString();
		this.jdbc.update("""
				INSERT INTO volumes (id, project_id, user_id, size, status, attach_status, availability_zone, host,
				    volume_type_id, multiattach, created_at, deleted, version)
				SELECT ?::uuid, ?, 'demo', 1, 'available', 'detached', 'nova', ?, id, ?, now(), false, 0
				FROM volume_types WHERE name = '__DEFAULT__'""", id, PROJECT, HOST, multiattach);
		return id;
	}

	/** An attachment created with a connector and completed; its id. */
	private String attach(String volume) throws Exception {
		when(this.volumeRpc.attachmentUpdate(any(), any(), any(), any(), any()))
			.thenReturn(new ConnectionInfo("fake", Map.of("volume_id", volume)));
		var created = send("POST", "/attachments", MEMBER, "3.44",
				create(volume, UUID.randomUUID().toString(), "{\"host\": \"c\"}"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		String id = JSON.readTree(created.body()).get("attachment").get("id").asString();
		assertThat(send("POST", "/attachments/" + id + "/action", MEMBER, "3.44", "{\"os-complete\": null}")
			.statusCode()).isEqualTo(204);
		Thread.sleep(2);
		return id;
	}

	private static String create(String volume, String instance, String connector) {
		return "{\"attachment\": {\"volume_uuid\": \"" + volume + "\", \"instance_uuid\": \"" + instance + "\""
				+ ((connector != null) ? ", \"connector\": " + connector : "") + "}}";
	}

	private HttpResponse<String> action(String volume, String body) throws Exception {
		return send("POST", "/volumes/" + volume + "/action", ADMIN, null, body);
	}

	private String volumeColumn(String id, String column) {
		return this.jdbc.queryForObject("SELECT " + column + " FROM volumes WHERE id = ?::uuid", String.class, id);
	}

	private int count(String sql, String id) {
		return this.jdbc.queryForObject(sql, Integer.class, id);
	}

	private HttpResponse<String> send(String method, String path, String token, String version, String body)
			throws Exception {
		return send(method, path, token, version, body, "/v3/" + PROJECT);
	}

	private HttpResponse<String> send(String method, String path, String token, String version, String body,
			String base) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + base + path));
		builder.header("X-Auth-Token", token);
		if (token.startsWith("demo:")) {
			builder.header("X-Roles", "member");
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
