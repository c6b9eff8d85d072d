package io.basalt.volume.config;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The file driver's settings ({@code basalt.volume.backends[i].file.*}); its directory is
 * {@code backends[i].directory}.
 *
 * @param reconcileInterval how often the driver's counted provisioned capacity and volume count are checked
 * against a listing of its directory (and corrected, with a warning, if they drifted); {@code 0} for only at start
 * (a negative value fails the driver's creation)
 */
public record FileProperties(@NotNull @DefaultValue("10m") Duration reconcileInterval) {
}
