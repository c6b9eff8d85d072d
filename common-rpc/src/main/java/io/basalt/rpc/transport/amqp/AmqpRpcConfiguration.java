package io.basalt.rpc.transport.amqp;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring wiring for applications: an {@link AmqpRpcFactory} over the context's {@link ConnectionFactory}.
 * Import it and build the {@code Rpc} bean from the factory.
 */
@Configuration(proxyBeanMethods = false)
public class AmqpRpcConfiguration {

	@Bean
	AmqpRpcFactory amqpRpcFactory(ConnectionFactory connectionFactory) {
		return new AmqpRpcFactory(connectionFactory);
	}

}
