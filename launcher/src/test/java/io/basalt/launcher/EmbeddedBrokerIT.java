package io.basalt.launcher;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.basalt.rpc.Endpoint;
import io.basalt.rpc.Prepare;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcClient;
import io.basalt.rpc.RpcMethod;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.Target;
import io.basalt.rpc.transport.amqp.AmqpRpc;
import io.basalt.rpc.transport.amqp.AmqpRpcOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded Qpid Broker-J does what Basalt's RPC layer asks of an AMQP 0-9-1 broker: first the primitives
 * common-rpc uses, one by one through Spring AMQP (so that a failure names the primitive), then common-rpc's own
 * {@link AmqpRpc} end to end (call, cast shared between servers, fanout).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedBrokerIT {

	private EmbeddedBroker broker;

	private URI uri;

	@BeforeAll
	void start() throws Exception {
		int port;
		try (ServerSocket s = new ServerSocket(0)) {
			port = s.getLocalPort();
		}
		Path work = Path.of("target", "embedded-broker-it").toAbsolutePath();
		this.broker = EmbeddedBroker.start(port, work);
		// the vhost "/" that Spring Boot's spring.rabbitmq.virtual-host=/ sends (%2F in a URI)
		this.uri = URI.create("amqp://guest:guest@127.0.0.1:" + port + "/%2F");
	}

	@AfterAll
	void stop() {
		if (this.broker != null) {
			this.broker.close();
		}
	}

	@Test
	void declaresWhatCommonRpcDeclaresAndConfirmsPublishes() throws Exception {
		CachingConnectionFactory cf = new CachingConnectionFactory(this.uri);
		cf.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
		cf.setPublisherReturns(true);
		try {
			RabbitAdmin admin = new RabbitAdmin(cf);
			TopicExchange control = new TopicExchange("it-control", true, false);
			FanoutExchange fanout = new FanoutExchange("it-topic_fanout", false, true);
			Queue shared = new Queue("it-topic", true, false, false);
			Queue transientQueue = new Queue("it-topic_fanout_1", false, false, false, Map.of("x-expires", 600_000));
			Queue reply = new Queue("reply_it", false, false, false, Map.of("x-expires", 600_000));
			admin.declareExchange(control);
			admin.declareExchange(fanout);
			admin.declareQueue(shared);
			admin.declareQueue(transientQueue);
			admin.declareQueue(reply);
			admin.declareBinding(BindingBuilder.bind(shared).to(control).with("it-topic"));
			admin.declareBinding(BindingBuilder.bind(transientQueue).to(fanout));
			// redeclaring with the same arguments is fine (every reconnect does it)
			admin.declareQueue(transientQueue);

			RabbitTemplate template = new RabbitTemplate(cf);
			template.setMandatory(true);
			CorrelationData topicConfirm = new CorrelationData("c1");
			template.send("it-control", "it-topic", message("to the topic"), topicConfirm);
			CorrelationData fanoutConfirm = new CorrelationData("c2");
			template.send("it-topic_fanout", "", message("to everyone"), fanoutConfirm);
			CorrelationData replyConfirm = new CorrelationData("c3");
			template.send("", "reply_it", message("a reply"), replyConfirm);
			assertThat(topicConfirm.getFuture().get(10, TimeUnit.SECONDS).ack()).isTrue();
			assertThat(fanoutConfirm.getFuture().get(10, TimeUnit.SECONDS).ack()).isTrue();
			assertThat(replyConfirm.getFuture().get(10, TimeUnit.SECONDS).ack()).isTrue();

			assertThat(body(template.receive("it-topic", 5000))).isEqualTo("to the topic");
			assertThat(body(template.receive("it-topic_fanout_1", 5000))).isEqualTo("to everyone");
			assertThat(body(template.receive("reply_it", 5000))).isEqualTo("a reply");

			assertThat(admin.deleteQueue("it-topic_fanout_1")).isTrue();
			assertThat(admin.deleteQueue("reply_it")).isTrue();
		}
		finally {
			cf.destroy();
		}
	}

	@Test
	void commonRpcCallsCastsAndFansOut() {
		AmqpRpcOptions options = AmqpRpcOptions.defaults().withExchange("basalt-launcher-it");
		RpcVersion v = RpcVersion.parse("3.0");
		RequestContext ctx = RequestContext.admin();
		Echo a = new Echo("a");
		Echo b = new Echo("b");
		try (AmqpRpc serverA = AmqpRpc.create(this.uri, options, new SimpleMeterRegistry());
				AmqpRpc serverB = AmqpRpc.create(this.uri, options, new SimpleMeterRegistry());
				AmqpRpc clients = AmqpRpc.create(this.uri, options, new SimpleMeterRegistry())) {
			serverA.server(Target.of(null, "it-volume").withServer("a"), List.of(Endpoint.of(a, v))).start();
			serverB.server(Target.of(null, "it-volume").withServer("b"), List.of(Endpoint.of(b, v))).start();
			RpcClient client = clients.client(Target.of(null, "it-volume").withVersion(v), null,
					Duration.ofSeconds(10));

			assertThat(client.prepare(Prepare.server("b")).call(ctx, "which", null, String.class)).isEqualTo("b");
			assertThat(client.call(ctx, "add", Map.of("x", 2, "y", 3), Integer.class)).isEqualTo(5);
			for (int i = 0; i < 20; i++) {
				client.cast(ctx, "record", Map.of("id", "c" + i));
			}
			await().atMost(Duration.ofSeconds(20)).until(() -> a.received.size() + b.received.size() == 20);
			assertThat(a.received).isNotEmpty();
			assertThat(b.received).isNotEmpty();
			client.prepare(Prepare.toFanout()).cast(ctx, "record", Map.of("id", "everyone"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> a.received.contains("everyone") && b.received.contains("everyone"));
		}
	}

	/**
	 * An auto-delete fanout exchange vanishes with its last listener (every scheduler stopped); a fanout cast
	 * must then declare it again and go through at once, not retry against "Unknown exchange name" until its
	 * bound (which once held a volume service's shutdown for 20 s).
	 */
	@Test
	void aFanoutCastAfterItsExchangeVanishedDeclaresItAgain() {
		AmqpRpcOptions options = AmqpRpcOptions.defaults().withExchange("basalt-launcher-it")
			.withCastRetryBound(Duration.ofSeconds(3));
		RpcVersion v = RpcVersion.parse("3.0");
		RequestContext ctx = RequestContext.admin();
		try (AmqpRpc clients = AmqpRpc.create(this.uri, options, new SimpleMeterRegistry())) {
			RpcClient fanout = clients.client(Target.of(null, "it-gone").withVersion(v), null, Duration.ofSeconds(5))
				.prepare(Prepare.toFanout());
			try (AmqpRpc server = AmqpRpc.create(this.uri, options, new SimpleMeterRegistry())) {
				Echo listener = new Echo("l");
				server.server(Target.of(null, "it-gone").withServer("l"), List.of(Endpoint.of(listener, v))).start();
				fanout.cast(ctx, "record", Map.of("id", "while-listening"));
				await().atMost(Duration.ofSeconds(20)).until(() -> listener.received.contains("while-listening"));
			}
			// the listener and its queue are gone, and with them the auto-delete exchange
			fanout.cast(ctx, "record", Map.of("id", "nobody-listening"));
		}
	}

	private static Message message(String text) {
		return new Message(text.getBytes(StandardCharsets.UTF_8), new MessageProperties());
	}

	private static String body(Message m) {
		assertThat(m).as("a message").isNotNull();
		return new String(m.getBody(), StandardCharsets.UTF_8);
	}

	/** A tiny RPC endpoint. */
	public static final class Echo {

		final String name;

		final List<String> received = new CopyOnWriteArrayList<>();

		Echo(String name) {
			this.name = name;
		}

		@RpcMethod
		public String which() {
			return this.name;
		}

		@RpcMethod
		public int add(int x, int y) {
			return x + y;
		}

		@RpcMethod
		public void record(String id) {
			this.received.add(id);
		}

	}

}
