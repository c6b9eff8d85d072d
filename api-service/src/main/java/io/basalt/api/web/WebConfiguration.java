package io.basalt.api.web;

import java.util.List;

import io.basalt.api.ApiProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the gateway filter, the authentication provider and the {@link ApiRequest} argument resolver. */
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

	@Bean
	FilterRegistrationBean<ApiGatewayFilter> apiGatewayFilter(AuthenticationProvider authentication,
			ApiProperties properties) {
		var registration = new FilterRegistrationBean<>(
				new ApiGatewayFilter(authentication, properties.publicEndpoint()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.addUrlPatterns("/*");
		return registration;
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ApiRequestArgumentResolver());
	}

}
