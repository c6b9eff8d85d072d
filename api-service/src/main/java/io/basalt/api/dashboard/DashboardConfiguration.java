package io.basalt.api.dashboard;

import java.time.Clock;

import io.basalt.api.metrics.OperationalQueries;
import io.basalt.common.service.BasaltServiceProperties;
import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.rpc.Rpc;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the operator page in the actuator's context: the child context on the management port
 * ({@code management.server.port}, 9776 on loopback by default) or the main one when an operator sets the
 * management port equal to the API's. Listed in {@code ManagementContextConfiguration.imports} and kept out of
 * the application's component scan, so the page is never served on the API port by accident.
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

	@Bean
	DashboardController dashboardController(OperationalQueries queries, Rpc rpc, BasaltRpcProperties rpcProperties,
			MeterRegistry meters, Clock clock, BasaltServiceProperties serviceProperties) {
		return new DashboardController(queries, rpc, rpcProperties, meters, clock, serviceProperties);
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/dashboard/**").addResourceLocations("classpath:/static/dashboard/");
		registry.addResourceHandler("/webjars/**").addResourceLocations("classpath:/META-INF/resources/webjars/");
	}

}
