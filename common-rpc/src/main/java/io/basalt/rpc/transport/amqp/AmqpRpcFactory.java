package io.basalt.rpc.transport.amqp;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * Makes {@link AmqpRpc}s on a connection factory someone else configured (Spring Boot's, from
 * {@code spring.rabbitmq.*}), so that application wiring can build the process's RPC without seeing a single
 * Spring AMQP type: only {@code io.basalt.rpc.transport.amqp} may (the ArchUnit fences say so). Thread-safe.
 */
public final class AmqpRpcFactory {

	private final ConnectionFactory connectionFactory;

	public AmqpRpcFactory(ConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	/** A new RPC over the factory's connection (the caller closes the RPC; the factory stays the owner's). */
	public AmqpRpc create(AmqpRpcOptions options, MeterRegistry registry) {
		return new AmqpRpc(this.connectionFactory, options, registry);
	}

}
