package io.basalt.common.config;

import io.basalt.rpc.Rpc;
import io.basalt.rpc.transport.amqp.AmqpRpc;
import io.basalt.rpc.transport.amqp.AmqpRpcOptions;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the process's {@link Rpc} on the broker connection Spring Boot configures from
 * {@code spring.rabbitmq.*}, with the names and limits of {@code basalt.rpc.*}. The bean is closed with the
 * context, which stops every RPC server of the process.
 */
@Configuration(proxyBeanMethods = false)
class RpcConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Rpc rpc(ConnectionFactory connectionFactory, BasaltRpcProperties properties, MeterRegistry meterRegistry) {
		AmqpRpcOptions options = AmqpRpcOptions.defaults()
			.withExchange(properties.controlExchange())
			.withDefaultTimeout(properties.callTimeout())
			.withCastRetryBound(properties.castRetryBound())
			.withServerConcurrency(properties.serverConcurrency(), properties.prefetch())
			.withDurable(properties.durableQueues());
		return new AmqpRpc(connectionFactory, options, meterRegistry);
	}

}
