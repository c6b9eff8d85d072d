package io.basalt.api.web;

import java.util.List;

import io.basalt.api.ApiProperties;

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

	@Bean
	@ConditionalOnMissingBean
	AuthenticationProvider authenticationProvider(ApiProperties properties) {
		String strategy = properties.auth().strategy();
		if (!"noauth".equalsIgnoreCase(strategy)) {
			throw new IllegalStateException("Unknown basalt.api.auth.strategy '" + strategy
					+ "': only 'noauth' is built in; provide an AuthenticationProvider bean for others");
		}
		return new NoAuthProvider(properties.auth().defaultRoles());
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ApiRequestArgumentResolver());
	}

}
