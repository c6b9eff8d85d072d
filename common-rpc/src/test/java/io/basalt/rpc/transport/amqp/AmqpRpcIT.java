package io.basalt.rpc.transport.amqp;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.basalt.rpc.Endpoint;
import io.basalt.rpc.NoSuchMethod;
import io.basalt.rpc.Prepare;
import io.basalt.rpc.RemoteError;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcClient;
import io.basalt.rpc.RpcTimeoutException;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.Target;
import io.basalt.rpc.UnsupportedVersion;
import io.basalt.rpc.fixtures.Pool;
import io.basalt.rpc.fixtures.TestEndpoint;
import io.basalt.rpc.fixtures.VolumeNotFound;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Two server processes and a client process on a real RabbitMQ vhost. */
@Timeout(120)
class AmqpRpcIT {

	static final String EXCHANGE = "basalt-it";

	private static final RpcVersion V = RpcVersion.parse("3.4");

	private final RequestContext ctx = new RequestContext("req-it-1", null, "u1", "p1", List.of("member"), false);

	private RabbitVhost vhost;

	private AmqpRpc serverA;

	private AmqpRpc serverB;

	private AmqpRpc clients;

	private TestEndpoint a;

	private TestEndpoint b;

	private RpcClient client;

	@BeforeEach
	void start() {
		this.vhost = TestServices.rabbitVhost();
		AmqpRpcOptions options = AmqpRpcOptions.defaults().withExchange(EXCHANGE);
		this.serverA = AmqpRpc.create(URI.create(this.vhost.uri()), options, new SimpleMeterRegistry());
		this.serverB = AmqpRpc.create(URI.create(this.vhost.uri()), options, new SimpleMeterRegistry());
		this.clients = AmqpRpc.create(URI.create(this.vhost.uri()), options, new SimpleMeterRegistry());
		this.a = new TestEndpoint("a");
		this.b = new TestEndpoint("b");
		this.serverA.server(Target.of(null, "vol").withServer("a"), List.of(Endpoint.of(this.a, V))).start();
		this.serverB.server(Target.of(null, "vol").withServer("b"), List.of(Endpoint.of(this.b, V))).start();
		this.client = this.clients.client(Target.of(null, "vol").withVersion(RpcVersion.parse("3.0")), null,
				Duration.ofSeconds(10));
	}

	@AfterEach
	void stop() {
		this.clients.close();
		this.serverA.close();
		this.serverB.close();
		this.vhost.close();
	}

	/** Casts to the topic are shared between the two servers. */
	@Test
	void castsAreSharedBetweenServers() {
		for (int i = 0; i < 40; i++) {
			this.client.cast(this.ctx, "record", Map.of("id", "c" + i));
		}
		await().until(() -> this.a.received.size() + this.b.received.size() == 40);
		assertThat(this.a.received).isNotEmpty();
		assertThat(this.b.received).isNotEmpty();
		assertThat(this.a.received).doesNotContainAnyElementsOf(this.b.received);
	}

	/** A call with server= reaches only that server; records round-trip. */
	@Test
	void callWithServerReachesOnlyThatServer() {
		RpcClient toB = this.client.prepare(Prepare.server("b"));
		for (int i = 0; i < 20; i++) {
			assertThat(toB.call(this.ctx, "which_server", null, String.class)).isEqualTo("b");
		}
		Pool pool = new Pool("fast", 21, java.time.Instant.parse("2026-11-21T23:47:36Z"), List.of("ssd"));
		Pool described = toB.call(this.ctx, "describe_pool", Map.of("pool", pool), Pool.class);
		assertThat(described).isEqualTo(new Pool("fast", 42, pool.updatedAt(), List.of("ssd")));
		@SuppressWarnings("unchecked")
		Map<String, Object> who = toB.call(this.ctx, "who_am_i", null, Map.class);
		assertThat(who).containsEntry("request_id", "req-it-1").containsEntry("mdc_request_id", "req-it-1");
	}

	/** A fanout cast reaches both servers. */
	@Test
	void fanoutReachesBoth() {
		this.client.prepare(Prepare.toFanout()).cast(this.ctx, "record", Map.of("id", "everyone"));
		await().until(() -> this.a.received.contains("everyone") && this.b.received.contains("everyone"));
	}

	/** A call to a topic nobody serves times out with RpcTimeoutException. */
	@Test
	void callToTopicWithoutServerTimesOut() {
		RpcClient nobody = this.clients.client(Target.of(null, "nobody"), null, Duration.ofMillis(500));
		assertThatThrownBy(() -> nobody.call(this.ctx, "add", Map.of("a", 1, "b", 2), Integer.class))
			.isInstanceOf(RpcTimeoutException.class);
	}

	/** Remote exceptions come back typed; version mismatch and unknown methods as their own errors. */
	@Test
	void remoteErrorsComeBackTyped() {
		assertThatThrownBy(() -> this.client.call(this.ctx, "fail_with", Map.of("volume_id", "v1"), Void.class))
			.isExactlyInstanceOf(VolumeNotFound.class)
			.hasMessage("Volume v1 could not be found.");
		assertThatThrownBy(() -> this.client.call(this.ctx, "crash", null, Void.class))
			.isExactlyInstanceOf(RemoteError.class)
			.hasMessageContaining("IllegalStateException");
		assertThatThrownBy(() -> this.client.prepare(Prepare.none().version("4.0")).call(this.ctx, "add",
				Map.of("a", 1, "b", 2), Integer.class))
			.isExactlyInstanceOf(UnsupportedVersion.class);
		assertThatThrownBy(() -> this.client.call(this.ctx, "no_such", null, Void.class))
			.isExactlyInstanceOf(NoSuchMethod.class);
	}

	/** Malformed bodies are dead-lettered (not requeued, not lost) and the server keeps serving. */
	@Test
	void malformedMessagesAreDeadLetteredAndServingContinues() {
		try (Raw raw = new Raw(this.vhost)) {
			raw.template.send(EXCHANGE, "vol.a", new Message("not json".getBytes(StandardCharsets.UTF_8)));
			raw.template.send(EXCHANGE, "vol.a",
					new Message("{\"oslo.version\":\"3.0\",\"oslo.message\":\"{}\"}".getBytes(StandardCharsets.UTF_8)));
			raw.template.send(EXCHANGE, "vol.a", new Message("{\"args\":{}}".getBytes(StandardCharsets.UTF_8)));
		}
		RpcClient toA = this.client.prepare(Prepare.server("a"));
		assertThat(toA.call(this.ctx, "add", Map.of("a", 40, "b", 2), Integer.class)).isEqualTo(42);
		assertThat(new RabbitAdminProbe(this.vhost).messageCount("vol.a")).isZero();
		// parked, with the reason, in the topic's durable dead-letter queue
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
			.until(() -> new RabbitAdminProbe(this.vhost).messageCount("vol_dead_letter") == 3);
		try (Raw raw = new Raw(this.vhost)) {
			List<String> bodies = new java.util.ArrayList<>();
			for (int i = 0; i < 3; i++) {
				Message parked = raw.template.receive("vol_dead_letter", 5000);
				assertThat(parked).isNotNull();
				bodies.add(new String(parked.getBody(), StandardCharsets.UTF_8));
				assertThat((String) parked.getMessageProperties().getHeader(AmqpTransport.DEAD_LETTER_REASON))
					.startsWith("malformed message: ");
			}
			assertThat(bodies).contains("not json", "{\"args\":{}}");
		}
	}

	/** The layout is oslo's, and a call request carries the envelope and expiration = timeout. */
	@Test
	void layoutAndCallRequestOnTheWire() throws Exception {
		try (Raw raw = new Raw(this.vhost)) {
			RabbitAdmin admin = new RabbitAdmin(raw.factory);
			for (String queue : List.of("vol", "vol.a", "vol.b", this.clients.replyQueue())) {
				assertThat(admin.getQueueInfo(queue)).as(queue).isNotNull();
			}
			assertThat(this.clients.replyQueue()).matches("reply_[0-9a-f]{32}");
			admin.declareQueue(new Queue("spy", false, false, true));
			admin.declareBinding(BindingBuilder.bind(new Queue("spy")).to(new TopicExchange(EXCHANGE)).with("spied"));
			RpcClient spied = this.clients.client(Target.of(null, "spied"), null, Duration.ofSeconds(3));
			CompletableFuture<Object> call = CompletableFuture
				.supplyAsync(() -> spied.call(this.ctx, "add", Map.of("a", 1, "b", 2), Integer.class));
			Message request = raw.template.receive("spy", 5000);
			assertThat(request).isNotNull();
			MessageProperties props = request.getMessageProperties();
			assertThat(props.getExpiration()).isEqualTo("3000");
			assertThat(props.getContentType()).isEqualTo("application/json");
			JsonMapper json = JsonMapper.builder().build();
			JsonNode outer = json.readTree(request.getBody());
			assertThat(outer.get("oslo.version").stringValue()).isEqualTo("2.0");
			JsonNode inner = json.readTree(outer.get("oslo.message").stringValue());
			assertThat(inner.get("_reply_q").stringValue()).isEqualTo(this.clients.replyQueue());
			assertThat(inner.get("_context_request_id").stringValue()).isEqualTo("req-it-1");
			assertThat(call).failsWithin(Duration.ofSeconds(10)).withThrowableThat().withCauseInstanceOf(RpcTimeoutException.class);
		}
	}

	/** A throwaway plain connection for poking at the broker directly. */
	static final class Raw implements AutoCloseable {

		final CachingConnectionFactory factory;

		final RabbitTemplate template;

		Raw(RabbitVhost vhost) {
			this.factory = new CachingConnectionFactory(URI.create(vhost.uri()));
			this.template = new RabbitTemplate(this.factory);
		}

		@Override
		public void close() {
			this.factory.destroy();
		}

	}

	/** Reads queue depths. */
	record RabbitAdminProbe(RabbitVhost vhost) {

		long messageCount(String queue) {
			try (Raw raw = new Raw(this.vhost)) {
				return new RabbitAdmin(raw.factory).getQueueInfo(queue).getMessageCount();
			}
		}

	}

}
