package io.basalt.api.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import io.basalt.api.ApiProperties;
import io.basalt.api.auth.keystone.KeystoneAuthProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the authentication provider and the {@link ApiRequest} argument resolver (the gateway filter and the
 * policy interceptor are wired by {@code io.basalt.api.GatewayConfiguration}, which sees both layers).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

	/**
	 * The provider named by {@code basalt.api.auth.strategy} ({@link ApiProperties.Auth#STRATEGIES}); an unknown
	 * strategy fails the start.
	 */
	@Bean
	@ConditionalOnMissingBean
	AuthenticationProvider authenticationProvider(ApiProperties properties, ObjectProvider<Clock> clock,
			ObjectProvider<MeterRegistry> meters) {
		String strategy = properties.auth().strategy().trim().toLowerCase(Locale.ROOT);
		return switch (strategy) {
			case "noauth" -> new NoAuthProvider(properties.auth().defaultRoles());
			case "keystone" -> KeystoneAuthProvider.create(properties.auth().keystone(),
					clock.getIfAvailable(Clock::systemUTC), meters.getIfAvailable(() -> Metrics.globalRegistry));
			default -> throw new IllegalStateException("Unknown basalt.api.auth.strategy '"
					+ properties.auth().strategy() + "': valid strategies are "
					+ String.join(", ", ApiProperties.Auth.STRATEGIES)
					+ " (or provide an AuthenticationProvider bean)");
		};
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ApiRequestArgumentResolver());
	}

}
