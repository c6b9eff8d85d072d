package io.basalt.rpc.transport.amqp;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.basalt.rpc.Endpoint;
import io.basalt.rpc.Prepare;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcClient;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.Target;
import io.basalt.rpc.fixtures.TestEndpoint;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The broker drops every connection, twice, while a client casts without pause. */
@Timeout(180)
class AmqpReconnectIT {

	/** Clients and servers recover by themselves, and no cast issued during the outages is lost. */
	@Test
	void survivesConnectionDropsWithoutLosingCasts() throws Exception {
		RequestContext ctx = RequestContext.admin();
		try (RabbitVhost vhost = TestServices.rabbitVhost()) {
			AmqpRpcOptions options = AmqpRpcOptions.defaults().withExchange("basalt-it");
			try (AmqpRpc server = AmqpRpc.create(URI.create(vhost.uri()), options, new SimpleMeterRegistry());
					AmqpRpc clients = AmqpRpc.create(URI.create(vhost.uri()), options, new SimpleMeterRegistry())) {
				Set<String> arrived = ConcurrentHashMap.newKeySet();
				TestEndpoint recording = new TestEndpoint("s") {
					@Override
					public void remember(String id) {
						arrived.add(id); // not this.received: a local set, outside the endpoint
					}
				};
				server.server(Target.of(null, "work").withServer("s"),
						List.of(Endpoint.of(recording, RpcVersion.DEFAULT))).start();
				RpcClient client = clients.client(Target.of(null, "work"), null, Duration.ofSeconds(10));
				assertThat(client.call(ctx, "add", Map.of("a", 1, "b", 1), Integer.class)).isEqualTo(2);

				Set<String> sent = ConcurrentHashMap.newKeySet();
				AtomicBoolean running = new AtomicBoolean(true);
				AtomicReference<Throwable> castError = new AtomicReference<>();
				Thread caster = Thread.ofPlatform().name("caster").start(() -> {
					int i = 0;
					while (running.get()) {
						String id = "cast-" + i++;
						try {
							client.cast(ctx, "record", Map.of("id", id));
							sent.add(id);
						}
						catch (RuntimeException ex) {
							castError.set(ex);
							return;
						}
					}
				});
				for (int round = 0; round < 2; round++) {
					int before = arrived.size();
					await().atMost(Duration.ofSeconds(30))
						.failFast(() -> assertThat(castError.get()).as("a cast failed").isNull())
						.until(() -> arrived.size() > before + 200);
					dropAllConnections(vhost);
				}
				int afterDrops = arrived.size();
				await().atMost(Duration.ofSeconds(60))
					.failFast(() -> assertThat(castError.get()).as("a cast failed").isNull())
					.until(() -> arrived.size() > afterDrops + 200);
				running.set(false);
				caster.join(Duration.ofSeconds(60));
				assertThat(castError.get()).isNull();
				await().atMost(Duration.ofSeconds(60)).until(() -> missing(sent, arrived).isEmpty());
				assertThat(sent.size()).isGreaterThan(600);
				assertThat(client.call(ctx, "add", Map.of("a", 20, "b", 22), Integer.class)).isEqualTo(42);
				assertThat(vhost.connectionCount()).isPositive();
				assertThat(client.prepare(Prepare.server("s")).call(ctx, "which_server", null, String.class))
					.isEqualTo("s");
			}
		}
	}

	private static Set<String> missing(Set<String> sent, Set<String> arrived) {
		Set<String> missing = new HashSet<>(sent);
		missing.removeAll(arrived);
		return missing;
	}

	/**
	 * Drops every connection of the vhost. The harness repeats {@code close_all_connections} until the broker
	 * lists none, which never happens here because our clients and servers reconnect within a second; so it
	 * keeps dropping them for its whole wait (30 s) and then reports the connections as still open. That is
	 * a harsher outage than one drop, and exactly what this test wants to survive, so the report is expected.
	 */
	private static void dropAllConnections(RabbitVhost vhost) {
		try {
			vhost.closeAllConnections("test");
		}
		catch (IllegalStateException expected) {
			// see above: connections came back while the harness was waiting for none
		}
	}

}
