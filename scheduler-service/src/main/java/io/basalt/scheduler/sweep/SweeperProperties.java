package io.basalt.scheduler.sweep;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the stuck-volume sweeper ({@code basalt.scheduler.sweeper.*}).
 *
 * @param enabled whether the sweeper runs
 * @param interval how often it looks
 * @param stuckAfter how long a volume may sit in {@code creating} or {@code deleting} without any change before
 * its work is sent again (longer than the slowest driver operation)
 * @param batch the most volumes handled per look
 * @param migratingStuckAfter how long a migration may sit in {@code migrating} (its source backend copying the
 * data, which changes nothing in the row) before it is ended in {@code error} although its source backend is up: 6 h,
 * twice the time a 1 TiB copy takes at 100 MiB/s, so that only a copy that died without a word is ended (one on a
 * source backend that is down is ended after {@code stuckAfter})
 */
@Validated
@ConfigurationProperties("basalt.scheduler.sweeper")
public record SweeperProperties(@DefaultValue("true") boolean enabled, @NotNull @DefaultValue("30s") Duration interval,
		@NotNull @DefaultValue("120s") Duration stuckAfter, @Min(1) @DefaultValue("200") int batch,
		@NotNull @DefaultValue("6h") Duration migratingStuckAfter) {
}
