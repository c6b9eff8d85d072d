package io.basalt.system;

import static io.basalt.system.SystemTestSupport.newUnlimitedProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.basalt.rpc.RequestContext;
import io.basalt.rpc.wire.RequestMessage;
import io.basalt.rpc.wire.WireCodec;
import io.basalt.testing.RabbitVhost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Poison messages on every topic a service listens on (the scheduler's shared topic, a volume backend's server
 * topic): a body that is not JSON, and a well-formed cast of a method nobody has. Each is parked in its topic's
 * dead-letter queue ({@code <topic>_dead_letter}) with its reason, and the services go on serving: a create right
 * after ends {@code available}, and nothing is left in a transitional status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoisonMessageIT {

	static final String EXCHANGE = "basalt";

	BasaltStack stack;

	@BeforeAll
	void startStack() {
		this.stack = BasaltStack.builder(getClass().getSimpleName())
			.volume("vol1", Backend.fake("poison", 1_000))
			.start();
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void poisonMessagesOnEveryTopicAreDeadLetteredAndTheServicesServeOn() {
		String volumeServer = this.stack.backendHosts("vol1").get(0);
		Map<String, String> topics = Map.of("basalt-scheduler", "basalt-scheduler", "basalt-volume",
				"basalt-volume." + volumeServer);
		WireCodec codec = WireCodec.standard();
		RequestContext ctx = new RequestContext("req-poison", null, "u1", "p1", List.of("admin"), true);
		CachingConnectionFactory factory = connectionFactory(this.stack.vhost());
		try {
			RabbitTemplate template = new RabbitTemplate(factory);
			topics.forEach((topic, routingKey) -> {
				template.send(EXCHANGE, routingKey, new Message("not json".getBytes(StandardCharsets.UTF_8)));
				template.send(EXCHANGE, routingKey, new Message(codec.encodeRequest(new RequestMessage(
						"no_such_method", codec.argsToJson(Map.of("volume_id", "x")), null, null, null, null, null,
						WireCodec.newId(), ctx))));
			});
			RabbitAdmin admin = new RabbitAdmin(factory);
			for (String topic : topics.keySet()) {
				String queue = topic + "_dead_letter";
				await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
					.until(() -> admin.getQueueInfo(queue).getMessageCount() == 2);
				for (int i = 0; i < 2; i++) {
					Message parked = template.receive(queue, 5_000);
					assertThat(parked).as("a parked message on %s", queue).isNotNull();
					assertThat((String) parked.getMessageProperties().getHeader("x-basalt-dead-letter-reason"))
						.as("the reason on %s", queue)
						.matches("(?s)(malformed message: .*|cast no_such_method failed after 1 attempt\\(s\\): .*)");
				}
				SystemTestSupport.observe("PoisonMessageIT", "2 poison messages parked in " + queue);
			}
		}
		finally {
			factory.destroy();
		}

		CinderApi api = this.stack.api();
		String project = newUnlimitedProject(api);
		String id = api.createVolume(project, 1, null);
		assertThat(CinderApi.text(api.awaitSettled(project, id, Duration.ofSeconds(60)), "status"))
			.as("a create after the poison messages").isEqualTo("available");
		assertThat(this.stack.jdbc().query("SELECT id FROM volumes WHERE status IN ('creating', 'deleting')"))
			.as("nothing stuck").isEmpty();
		assertThat(this.stack.isAlive("vol1")).isTrue();
		assertThat(this.stack.isAlive("sched1")).isTrue();
	}

	private static CachingConnectionFactory connectionFactory(RabbitVhost vhost) {
		CachingConnectionFactory factory = new CachingConnectionFactory(vhost.host(), vhost.port());
		factory.setUsername(vhost.username());
		factory.setPassword(vhost.password());
		factory.setVirtualHost(vhost.vhost());
		return factory;
	}

}
