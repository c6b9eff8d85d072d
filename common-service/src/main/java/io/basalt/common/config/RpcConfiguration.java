package io.basalt.common.config;

import org.springframework.context.annotation.Configuration;

/** Builds the process's {@link io.basalt.rpc.Rpc} on the broker connection Spring Boot configures. */
@Configuration(proxyBeanMethods = false)
class RpcConfiguration {

	// The Rpc bean is wired here once common-rpc's AMQP implementation lands.

}
