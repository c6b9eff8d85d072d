package io.basalt.api;

import java.time.Clock;
import java.util.Locale;

import io.basalt.api.auth.keystone.KeystoneAuthProvider;
import io.basalt.api.web.AuthenticationProvider;
import io.basalt.api.web.NoAuthProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the {@link AuthenticationProvider}. Lives in the application package because it joins the web layer
 * (the SPI) and its implementations ({@code auth.keystone} depends on {@code web}, so {@code web} must not
 * depend on it).
 */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

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

}
