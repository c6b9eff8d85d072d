package io.basalt.api.outbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.wire.RequestMessage;
import io.basalt.rpc.wire.WireCodec;
import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one path for casts, on the real RabbitMQ and PostgreSQL: while the broker is unreachable for the api (its
 * vhost user's permissions cleared and its connections closed; the machine's broker keeps running), a create, a
 * delete, an extend and a snapshot create are accepted (202), their database change is kept, and their cast waits
 * unsent in the {@code outbox}; once the broker is reachable again the relay publishes each row, and what arrives
 * in the topic and server queues is byte for byte the body the request encoded, the message a direct cast would
 * have put on the wire (same method, arguments, version, context and {@code _unique_id}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "basalt.api.outbox.relay-interval=500ms", "basalt.api.outbox.stale-after=500ms",
				"basalt.service.host=outbox-it" })
@Timeout(180)
class CastOutboxIT {

	static final String PROJECT = "6b2d4f6e8a0c1b3d5e7f9a2c5a1c3e7f";

	static final String ADMIN = "admin:" + PROJECT;

	static final String HOST = "node1@fake";

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

	@Autowired
	BasaltRpcProperties rpc;

	final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void restore() {
		VHOST.restoreAccess();
	}

	@Test
	void castsWrittenWhileTheBrokerIsAwayAreRelayedByteForByte() throws Exception {
		String volumeQueue = this.rpc.volumeTopic() + "." + HOST;
		String schedulerQueue = this.rpc.schedulerTopic();
		declareQueues(volumeQueue, schedulerQueue);
		String toDelete = available(createVolume());
		String toExtend = available(createVolume());
		String toSnapshot = available(createVolume());
		drain(schedulerQueue);
		await().atMost(java.time.Duration.ofSeconds(30)).until(() -> unsent().isEmpty());
		int gigabytes = gigabytesInUse();

		VHOST.revokeAccess();
		String created = createVolume();
		assertThat(send("DELETE", "/v3/" + PROJECT + "/volumes/" + toDelete, null).statusCode()).isEqualTo(202);
		var extended = send("POST", "/v3/" + PROJECT + "/volumes/" + toExtend + "/action",
				"{\"os-extend\": {\"new_size\": 3}}");
		assertThat(extended.statusCode()).as(extended.body()).isEqualTo(202);
		var snapshot = send("POST", "/v3/" + PROJECT + "/snapshots",
				"{\"snapshot\": {\"volume_id\": \"" + toSnapshot + "\", \"name\": \"s\"}}");
		assertThat(snapshot.statusCode()).as(snapshot.body()).isEqualTo(202);
		String snapshotId = JSON.readTree(snapshot.body()).get("snapshot").get("id").asString();

		// every change is kept (nothing undone because the broker refused) and every cast waits in the outbox
		assertThat(status("volumes", created)).isEqualTo("creating");
		assertThat(status("volumes", toDelete)).isEqualTo("deleting");
		assertThat(status("volumes", toExtend)).isEqualTo("extending");
		assertThat(status("snapshots", snapshotId)).isEqualTo("creating");
		// the create's, the extend's and the snapshot's quota stay held
		assertThat(gigabytesInUse()).isEqualTo(gigabytes + 1 + 2 + 1);
		List<Map<String, Object>> rows = unsent();
		assertThat(rows).extracting(r -> r.get("method"))
			.containsExactlyInAnyOrder("create_volume", "delete_volume", "extend_volume", "create_snapshot");

		VHOST.restoreAccess();
		await().atMost(java.time.Duration.ofSeconds(90)).until(() -> unsent().isEmpty());

		List<String> onVolumeQueue = drain(volumeQueue);
		List<String> onSchedulerQueue = drain(schedulerQueue);
		WireCodec codec = WireCodec.standard();
		for (Map<String, Object> row : rows) {
			String body = (String) row.get("body");
			String method = (String) row.get("method");
			boolean toVolume = method.endsWith("_snapshot") || method.equals("delete_volume");
			// the relayed message is the stored body, byte for byte, on the queue of the row's own target
			assertThat(toVolume ? onVolumeQueue : onSchedulerQueue).as(method).containsOnlyOnce(body);
			assertThat(row.get("server")).isEqualTo(toVolume ? HOST : null);
			RequestMessage message = codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8));
			assertThat(message.method()).isEqualTo(method);
			assertThat(message.isCall()).isFalse();
			assertThat(message.version())
				.isEqualTo(toVolume ? VolumeRpcApi.VERSION : SchedulerRpcApi.VERSION);
			assertThat(message.context().projectId()).isEqualTo(PROJECT);
			JsonNode args = message.args();
			switch (method) {
				case "create_volume" -> assertThat(args.get("volume_id").asString()).isEqualTo(created);
				case "delete_volume" -> assertThat(args.get("volume_id").asString()).isEqualTo(toDelete);
				case "extend_volume" -> {
					assertThat(args.get("volume_id").asString()).isEqualTo(toExtend);
					assertThat(args.get("new_size").asInt()).isEqualTo(3);
					assertThat(args.get("backend").asString()).isEqualTo(HOST + "#pool");
				}
				default -> assertThat(args.get("snapshot_id").asString()).isEqualTo(snapshotId);
			}
		}
		assertThat(onVolumeQueue).hasSize(2);
		assertThat(onSchedulerQueue).hasSize(2);
		// the relay changed nothing in the database but the rows' sent marks
		assertThat(status("volumes", toDelete)).isEqualTo("deleting");
		assertThat(status("volumes", toExtend)).isEqualTo("extending");
		assertThat(status("snapshots", snapshotId)).isEqualTo("creating");
	}

	@Test
	void withTheBrokerUpTheCastIsSentAtOnceAndItsRowMarked() throws Exception {
		String volumeQueue = this.rpc.volumeTopic() + "." + HOST;
		declareQueues(volumeQueue, this.rpc.schedulerTopic());
		String id = available(createVolume());
		drain(this.rpc.schedulerTopic());
		assertThat(send("DELETE", "/v3/" + PROJECT + "/volumes/" + id, null).statusCode()).isEqualTo(202);
		// sent by the request thread after the commit: already on the queue when the 202 arrives
		List<String> delivered = drain(volumeQueue);
		String body = this.jdbc.queryForObject("SELECT body FROM outbox WHERE method = 'delete_volume' AND body LIKE ?",
				String.class, "%" + id + "%");
		assertThat(delivered).containsExactly(body);
		await().atMost(java.time.Duration.ofSeconds(30)).until(() -> unsent().isEmpty());
	}

	private List<Map<String, Object>> unsent() {
		return this.jdbc.queryForList(
				"SELECT method, server, version, body FROM outbox WHERE sent_at IS NULL ORDER BY id");
	}

	private int gigabytesInUse() {
		return this.jdbc.queryForObject(
				"SELECT in_use FROM quota_usages WHERE project_id = ? AND resource = 'gigabytes'", Integer.class,
				PROJECT);
	}

	private String createVolume() throws Exception {
		var response = send("POST", "/v3/" + PROJECT + "/volumes", "{\"volume\": {\"size\": 1}}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return JSON.readTree(response.body()).get("volume").get("id").asString();
	}

	/** What the scheduler and the volume service would have done: the volume placed and available. */
	private String available(String id) {
		this.jdbc.update("UPDATE volumes SET status = 'available', host = ? WHERE id = ?::uuid", HOST + "#pool", id);
		return id;
	}

	private String status(String table, String id) {
		return this.jdbc.queryForObject("SELECT status FROM " + table + " WHERE id = ?::uuid", String.class, id);
	}

	private Connection connect() throws Exception {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setUri(VHOST.uri());
		return factory.newConnection("cast-outbox-it");
	}

	/** The control exchange as common-rpc declares it, and the queues a scheduler and the backend would listen on. */
	private void declareQueues(String... queues) throws Exception {
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			channel.exchangeDeclare(this.rpc.controlExchange(), "topic", true, false, null);
			for (String queue : queues) {
				channel.queueDeclare(queue, true, false, false, null);
				channel.queueBind(queue, this.rpc.controlExchange(), queue);
			}
		}
	}

	/** Takes every message from {@code queue}; returns their bodies as text. */
	private List<String> drain(String queue) throws Exception {
		List<String> bodies = new ArrayList<>();
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			GetResponse message;
			while ((message = channel.basicGet(queue, true)) != null) {
				bodies.add(new String(message.getBody(), StandardCharsets.UTF_8));
			}
		}
		return bodies;
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("X-Auth-Token", ADMIN);
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		builder.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
				: HttpRequest.BodyPublishers.noBody());
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

}
