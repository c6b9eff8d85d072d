package io.basalt.api;

import io.basalt.api.policy.Policy;
import io.basalt.api.policy.PolicyInterceptor;
import io.basalt.api.web.ApiGatewayFilter;
import io.basalt.api.web.AuthenticationProvider;
import io.basalt.api.web.RequestCpuFilter;
import io.basalt.api.web.RequestSizeLimitFilter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The request pipeline in front of the controllers: the gateway filter (request id, microversion,
 * authentication, the context's {@code is_admin} from the policy) and the policy interceptor (each handler's
 * {@code @PolicyRule}). Lives in the application package because it joins the web and policy layers.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration implements WebMvcConfigurer {

	private final Policy policy;

	GatewayConfiguration(Policy policy) {
		this.policy = policy;
	}

	@Bean
	FilterRegistrationBean<ApiGatewayFilter> apiGatewayFilter(AuthenticationProvider authentication,
			ApiProperties properties) {
		var registration = new FilterRegistrationBean<>(
				new ApiGatewayFilter(authentication, properties.publicEndpoint(), this.policy::isAdmin));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/** After the gateway (request id, authentication), as Cinder's {@code sizelimit} follows its request id. */
	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter() {
		var registration = new FilterRegistrationBean<>(new RequestSizeLimitFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		registration.addUrlPatterns("/*");
		return registration;
	}

	/** First of all, so that a request's CPU time includes authentication and the size check. */
	@Bean
	FilterRegistrationBean<RequestCpuFilter> requestCpuFilter(ObjectProvider<MeterRegistry> registry) {
		var registration = new FilterRegistrationBean<>(new RequestCpuFilter(registry.getIfAvailable()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		registration.addUrlPatterns("/*");
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new PolicyInterceptor(this.policy));
	}

}
