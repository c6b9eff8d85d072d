package io.basalt.api.web;

import java.util.List;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the {@link ApiRequest} argument resolver (the authentication provider is chosen by
 * {@code io.basalt.api.AuthConfiguration}; the gateway filter and the policy interceptor are wired by
 * {@code io.basalt.api.GatewayConfiguration}, which sees both layers).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ApiRequestArgumentResolver());
	}

}
