package io.basalt.api.policy;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Policy settings ({@code basalt.api.policy.*}).
 *
 * @param file the operator's override file (oslo.policy's {@code policy.yaml} or {@code policy.json}, Cinder's
 * {@code [oslo_policy] policy_file}); a rule in it replaces the default of the same name. Unset: Cinder Zed's
 * defaults alone
 * @param reloadInterval how often the file is checked for a change of size or modification time, and reloaded
 */
@Validated
@ConfigurationProperties("basalt.api.policy")
public record PolicyProperties(Path file,
		@NotNull @DurationMin(millis = 100) @DefaultValue("10s") Duration reloadInterval) {
}
