package io.basalt.api.web;

import java.util.List;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Wires the {@link ApiRequest} argument resolver and the request mapping with its route pre-check
 * ({@link RouteShapeHandlerMapping}) (the authentication provider is chosen by
 * {@code io.basalt.api.AuthConfiguration}; the gateway filter and the policy interceptor are wired by
 * {@code io.basalt.api.GatewayConfiguration}, which sees both layers).
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new ApiRequestArgumentResolver());
	}

	@Bean
	WebMvcRegistrations routeShapeHandlerMapping() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new RouteShapeHandlerMapping();
			}
		};
	}

}
