package io.basalt.rpc.transport.amqp;

import java.net.URI;

import io.basalt.rpc.engine.TransportRpc;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The production {@link io.basalt.rpc.Rpc}: oslo.messaging-compatible RPC over RabbitMQ (or any AMQP 0-9-1
 * broker). One per process; it owns the process's reply queue and every server made from it.
 *
 * <pre>{@code
 * AmqpRpc rpc = new AmqpRpc(connectionFactory, AmqpRpcOptions.defaults(), meterRegistry);
 * rpc.server(Target.of(null, "basalt-scheduler").withServer(host),
 *         List.of(Endpoint.of(new SchedulerEndpoint(...), RpcVersion.parse("3.12")))).start();
 * RpcClient scheduler = rpc.client(Target.of(null, "basalt-scheduler").withVersion(RpcVersion.parse("3.0")));
 * }</pre>
 * Thread-safe.
 */
public final class AmqpRpc extends TransportRpc {

	/**
	 * An RPC over a connection factory the caller owns (and closes). A {@link CachingConnectionFactory} gets
	 * SIMPLE publisher confirms and returns switched on if they are off (CORRELATED confirms are refused).
	 */
	public AmqpRpc(ConnectionFactory connectionFactory, AmqpRpcOptions options, MeterRegistry registry) {
		super(new AmqpTransport(connectionFactory, options, false), options.settings(), registry);
	}

	private AmqpRpc(CachingConnectionFactory owned, AmqpRpcOptions options, MeterRegistry registry) {
		super(new AmqpTransport(owned, options, true), options.settings(), registry);
	}

	/**
	 * An RPC with its own connection factory for {@code amqp://user:pass@host:port/vhost} (closed with it).
	 */
	public static AmqpRpc create(URI uri, AmqpRpcOptions options, MeterRegistry registry) {
		return new AmqpRpc(connectionFactory(uri), options, registry);
	}

	/**
	 * A connection factory set up for RPC: SIMPLE publisher confirms, returns, a 5 s connect timeout, a
	 * 30 s heartbeat, and a connection name that shows the process in {@code rabbitmqctl list_connections}.
	 */
	public static CachingConnectionFactory connectionFactory(URI uri) {
		CachingConnectionFactory factory = new CachingConnectionFactory(uri);
		factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		factory.setPublisherReturns(true);
		factory.setConnectionTimeout(5000);
		factory.setRequestedHeartBeat(30);
		factory.setChannelCacheSize(25);
		long pid = ProcessHandle.current().pid();
		factory.setConnectionNameStrategy((f) -> "basalt-rpc:" + pid);
		return factory;
	}

}
