package io.basalt.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the block-storage API ({@code basalt.api.*}).
 *
 * @param maxLimit the largest page of a list (Cinder's {@code osapi_max_limit}), also the default page size
 * @param defaultVolumeType the type of a volume created without one (Cinder's {@code default_volume_type})
 * @param publicEndpoint the base URL put in links (e.g. {@code https://volume.example.com:8776}); when unset
 * the scheme, host and port of each request are used
 * @param cacheTtl how long the default volume type and the list of availability zones are cached
 * @param auth authentication settings
 * @param quota the quota limits used when neither the project nor the {@code default} quota class sets one
 * @param outbox the relay of casts that could not be sent when their transaction committed
 */
@Validated
@ConfigurationProperties("basalt.api")
public record ApiProperties(@Min(1) @Max(100000) @DefaultValue("1000") int maxLimit,
		@NotBlank @DefaultValue("__DEFAULT__") String defaultVolumeType, URI publicEndpoint,
		@NotNull @DefaultValue("10s") Duration cacheTtl, @Valid @NotNull @DefaultValue Auth auth,
		@Valid @NotNull @DefaultValue QuotaDefaults quota, @Valid @NotNull @DefaultValue Outbox outbox) {

	/**
	 * Authentication ({@code basalt.api.auth.*}).
	 *
	 * @param strategy {@code noauth} (the only one so far; Keystone/JWT providers plug in through
	 * {@link io.basalt.api.web.AuthenticationProvider})
	 * @param defaultRoles roles of a noauth caller that sends no {@code X-Roles} header; {@code admin} by default,
	 * as Cinder's noauth middleware makes every caller an admin
	 * @param allowNoauthOnNetwork whether noauth may listen on an address other than loopback ({@code false}:
	 * such a start fails, since anyone who reaches the port would be an admin)
	 */
	public record Auth(@NotBlank @DefaultValue("noauth") String strategy,
			@NotNull @DefaultValue("admin") List<String> defaultRoles,
			@DefaultValue("false") boolean allowNoauthOnNetwork) {
	}

	/**
	 * Quota limits of last resort (Cinder's {@code quota_*} options); -1 means unlimited.
	 *
	 * @param volumes volumes per project
	 * @param snapshots snapshots per project
	 * @param gigabytes GiB of volumes and snapshots per project
	 * @param backups backups per project
	 * @param backupGigabytes GiB of backups per project
	 * @param groups groups per project
	 * @param perVolumeGigabytes the largest single volume
	 * @param perType the default of every per-type limit ({@code volumes_<type>}, ...)
	 */
	public record QuotaDefaults(@Min(-1) @DefaultValue("10") int volumes, @Min(-1) @DefaultValue("10") int snapshots,
			@Min(-1) @DefaultValue("1000") int gigabytes, @Min(-1) @DefaultValue("10") int backups,
			@Min(-1) @DefaultValue("1000") int backupGigabytes, @Min(-1) @DefaultValue("10") int groups,
			@Min(-1) @DefaultValue("-1") int perVolumeGigabytes, @Min(-1) @DefaultValue("-1") int perType) {
	}

	/**
	 * The outbox relay ({@code basalt.api.outbox.*}).
	 *
	 * @param relayInterval how often the relay looks for unsent casts
	 * @param staleAfter how old an unsent cast must be before the relay sends it again (the request thread
	 * normally sends it right after commit)
	 * @param batchSize the most rows sent per relay run
	 * @param markInterval how often the rows of casts sent by request threads are marked sent, in one statement
	 * (must stay well below {@code staleAfter}, or the relay sends them a second time)
	 * @param retention how long rows of sent or cancelled casts are kept (for an operator's look) before the relay
	 * deletes them; unsent rows are never deleted
	 */
	public record Outbox(@NotNull @DefaultValue("5s") Duration relayInterval,
			@NotNull @DefaultValue("5s") Duration staleAfter, @Min(1) @DefaultValue("100") int batchSize,
			@NotNull @DefaultValue("100ms") Duration markInterval, @NotNull @DefaultValue("1d") Duration retention) {
	}

}
