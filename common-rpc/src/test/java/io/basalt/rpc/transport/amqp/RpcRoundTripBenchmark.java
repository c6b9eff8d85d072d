package io.basalt.rpc.transport.amqp;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.basalt.rpc.Endpoint;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcClient;
import io.basalt.rpc.RpcMethod;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.Target;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/**
 * RPC call round trip over the real local RabbitMQ beside a raw Spring {@link RabbitTemplate} request/reply
 * with a fixed reply queue (same payload, same container type on both ends, measured interleaved in the same
 * run), then cast throughput from one client with publisher confirms. Not a test: run it with
 * {@code common-rpc/rpc-bench.sh} as described in the module README ("Performance").
 */
public final class RpcRoundTripBenchmark {

	private static final String PAYLOAD = "x".repeat(200);

	public static void main(String[] args) throws Exception {
		int calls = (args.length > 0) ? Integer.parseInt(args[0]) : 5000;
		int warmup = (args.length > 1) ? Integer.parseInt(args[1]) : 2000;
		int casts = (args.length > 2) ? Integer.parseInt(args[2]) : 10000;
		try (RabbitVhost vhost = TestServices.rabbitVhost()) {
			URI uri = URI.create(vhost.uri());
			AmqpRpcOptions options = AmqpRpcOptions.defaults().withExchange("bench");
			try (AmqpRpc server = AmqpRpc.create(uri, options, new SimpleMeterRegistry());
					AmqpRpc clients = AmqpRpc.create(uri, options, new SimpleMeterRegistry());
					Raw raw = new Raw(uri)) {
				AtomicInteger castsReceived = new AtomicInteger();
				server.server(Target.of(null, "bench").withServer("s1"),
						List.of(Endpoint.of(new Echo(castsReceived), RpcVersion.DEFAULT))).start();
				RpcClient client = clients.client(Target.of(null, "bench"), null, Duration.ofSeconds(30));
				RequestContext ctx = RequestContext.of("user", "project", List.of("member"), false);
				Map<String, Object> callArgs = Map.of("text", PAYLOAD);
				byte[] rawBody = ("{\"text\":\"" + PAYLOAD + "\"}").getBytes(StandardCharsets.UTF_8);

				for (int i = 0; i < warmup; i++) {
					client.call(ctx, "echo", callArgs, String.class);
					raw.call(rawBody);
				}
				long[] rpc = new long[calls];
				long[] plain = new long[calls];
				int block = 250;
				for (int start = 0; start < calls; start += block) {
					for (int i = start; i < Math.min(calls, start + block); i++) {
						long t0 = System.nanoTime();
						client.call(ctx, "echo", callArgs, String.class);
						rpc[i] = System.nanoTime() - t0;
					}
					for (int i = start; i < Math.min(calls, start + block); i++) {
						long t0 = System.nanoTime();
						raw.call(rawBody);
						plain[i] = System.nanoTime() - t0;
					}
				}
				report("rpc call (AmqpRpc)", rpc);
				report("raw RabbitTemplate sendAndReceive, fixed reply queue", plain);
				System.out.printf("ratio p50 rpc/raw = %.2f%n", percentile(rpc, 50) / percentile(plain, 50));

				long t0 = System.nanoTime();
				for (int i = 0; i < casts; i++) {
					client.cast(ctx, "count", Map.of("n", i));
				}
				long published = System.nanoTime() - t0;
				while (castsReceived.get() < casts) {
					Thread.onSpinWait();
				}
				long consumed = System.nanoTime() - t0;
				System.out.printf("casts: %d confirmed in %.2f s = %.0f msg/s (all consumed after %.2f s)%n", casts,
						published / 1e9, casts / (published / 1e9), consumed / 1e9);
			}
		}
		// Everything is closed, but Spring AMQP's "spring-rabbit-deferred-pool" threads (not daemons) stay idle
		// for 60 s after the connection factories are destroyed and would keep the JVM alive that long.
		System.exit(0);
	}

	private static void report(String name, long[] samples) {
		System.out.printf("%-55s n=%d p50=%.0f us p90=%.0f us p99=%.0f us%n", name, samples.length,
				percentile(samples, 50) / 1000, percentile(samples, 90) / 1000, percentile(samples, 99) / 1000);
	}

	private static double percentile(long[] samples, double p) {
		long[] sorted = samples.clone();
		Arrays.sort(sorted);
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
	}

	/** The RPC endpoint. */
	public static final class Echo {

		private final AtomicInteger casts;

		Echo(AtomicInteger casts) {
			this.casts = casts;
		}

		@RpcMethod
		public String echo(String text) {
			return text;
		}

		@RpcMethod
		public void count(int n) {
			this.casts.incrementAndGet();
		}

	}

	/** Plain Spring AMQP request/reply: fixed reply queue, SMLC on both ends, no confirms. */
	static final class Raw implements AutoCloseable {

		private final CachingConnectionFactory factory;

		private final RabbitTemplate template;

		private final SimpleMessageListenerContainer server;

		private final SimpleMessageListenerContainer replies;

		Raw(URI uri) {
			this.factory = new CachingConnectionFactory(uri);
			RabbitAdmin admin = new RabbitAdmin(this.factory);
			admin.declareQueue(new Queue("raw.requests", false, false, true));
			admin.declareQueue(new Queue("raw.replies", false, false, true));
			RabbitTemplate replier = new RabbitTemplate(this.factory);
			this.server = new SimpleMessageListenerContainer(this.factory);
			this.server.setQueueNames("raw.requests");
			this.server.setMessageListener((Message request) -> {
				MessageProperties in = request.getMessageProperties();
				MessageProperties out = new MessageProperties();
				out.setCorrelationId(in.getCorrelationId());
				out.setContentType(MessageProperties.CONTENT_TYPE_JSON);
				replier.send("", in.getReplyTo(), new Message(request.getBody(), out));
			});
			this.server.afterPropertiesSet();
			this.server.start();
			this.template = new RabbitTemplate(this.factory);
			this.template.setReplyAddress("raw.replies");
			this.template.setReplyTimeout(30_000);
			this.replies = new SimpleMessageListenerContainer(this.factory);
			this.replies.setQueueNames("raw.replies");
			this.replies.setMessageListener(this.template);
			this.replies.afterPropertiesSet();
			this.replies.start();
		}

		void call(byte[] body) {
			MessageProperties properties = new MessageProperties();
			properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
			Message reply = this.template.sendAndReceive("", "raw.requests", new Message(body, properties));
			if (reply == null) {
				throw new IllegalStateException("raw call timed out");
			}
		}

		@Override
		public void close() {
			this.replies.stop();
			this.server.stop();
			this.factory.destroy();
		}

	}

}
