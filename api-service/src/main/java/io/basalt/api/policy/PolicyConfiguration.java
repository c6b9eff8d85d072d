package io.basalt.api.policy;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.TaskScheduler;

/**
 * Wires the {@link PolicyEnforcer} (Cinder's defaults plus {@code basalt.api.policy.file}; a file that does not
 * load fails startup) and, only when a file is set, the {@link PolicyReloader} that reloads it every
 * {@code basalt.api.policy.reload-interval} on Spring's {@link TaskScheduler}. Without a file nothing needs a
 * scheduler, so a test slice can import this configuration alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PolicyProperties.class)
public class PolicyConfiguration {

	@Bean
	PolicyEnforcer policyEnforcer(PolicyProperties properties) {
		return new PolicyEnforcer(properties.file());
	}

	@Bean
	@ConditionalOnProperty(prefix = "basalt.api.policy", name = "file")
	PolicyReloader policyReloader(PolicyEnforcer enforcer, TaskScheduler taskScheduler, PolicyProperties properties) {
		return new PolicyReloader(enforcer, taskScheduler, properties.reloadInterval());
	}

}
