package io.basalt.common.config;

import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.rpc.Rpc;
import io.basalt.rpc.transport.amqp.AmqpRpcConfiguration;
import io.basalt.rpc.transport.amqp.AmqpRpcFactory;
import io.basalt.rpc.transport.amqp.AmqpRpcOptions;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Builds the process's {@link Rpc} on the broker connection Spring Boot configures from
 * {@code spring.rabbitmq.*}, with the names and limits of {@code basalt.rpc.*}. The bean is closed with the
 * context, which stops every RPC server of the process. The connection factory itself stays behind
 * common-rpc's {@link AmqpRpcFactory}: nothing here sees a Spring AMQP type.
 */
@Configuration(proxyBeanMethods = false)
@Import(AmqpRpcConfiguration.class)
class RpcConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Rpc rpc(AmqpRpcFactory factory, BasaltRpcProperties properties, MeterRegistry meterRegistry) {
		AmqpRpcOptions options = AmqpRpcOptions.defaults()
			.withExchange(properties.controlExchange())
			.withDefaultTimeout(properties.callTimeout())
			.withCastRetryBound(properties.castRetryBound())
			.withServerConcurrency(properties.serverConcurrency(), properties.prefetch())
			.withDurable(properties.durableQueues());
		return factory.create(options, meterRegistry);
	}

}
