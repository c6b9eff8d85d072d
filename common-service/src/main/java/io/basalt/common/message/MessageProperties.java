package io.basalt.common.message;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * User messages ({@code basalt.message.*}), shared by the services that record them and the API that serves and
 * expires them.
 *
 * @param ttl how long a message is kept (Cinder's {@code message_ttl}, 30 days): {@code guaranteed_until} is
 * {@code created_at + ttl}
 * @param cleanupInterval how often the API deletes messages past their {@code guaranteed_until} (Cinder's
 * {@code message_reap_interval}, a day)
 */
@Validated
@ConfigurationProperties("basalt.message")
public record MessageProperties(@NotNull @DefaultValue("30d") Duration ttl,
		@NotNull @DefaultValue("1d") Duration cleanupInterval) {
}
