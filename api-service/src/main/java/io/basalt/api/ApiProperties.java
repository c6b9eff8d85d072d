package io.basalt.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
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
	 * @param strategy {@code noauth} or {@code keystone} ({@link #STRATEGIES}; other providers plug in as an
	 * {@link io.basalt.api.web.AuthenticationProvider} bean)
	 * @param defaultRoles roles of a noauth caller that sends no {@code X-Roles} header; {@code admin} by default,
	 * as Cinder's noauth middleware makes every caller an admin
	 * @param allowNoauthOnNetwork whether noauth may listen on an address other than loopback ({@code false}:
	 * such a start fails, since anyone who reaches the port would be an admin)
	 * @param keystone the Keystone server tokens are validated at (strategy {@code keystone})
	 */
	public record Auth(@NotBlank @DefaultValue("noauth") String strategy,
			@NotNull @DefaultValue("admin") List<String> defaultRoles,
			@DefaultValue("false") boolean allowNoauthOnNetwork, @Valid @NotNull @DefaultValue Keystone keystone) {

		/** The built-in strategies. */
		public static final List<String> STRATEGIES = List.of("noauth", "keystone");

		/** Whether strategy {@code keystone} has what it needs to start (checked when the properties are bound). */
		@AssertTrue(message = "basalt.api.auth.keystone.url, basalt.api.auth.keystone.username and "
				+ "basalt.api.auth.keystone.password are required when basalt.api.auth.strategy=keystone")
		public boolean isKeystoneComplete() {
			return !"keystone".equalsIgnoreCase(this.strategy) || this.keystone.complete();
		}

	}

	/**
	 * Keystone token validation ({@code basalt.api.auth.keystone.*}), keystonemiddleware's {@code auth_token}
	 * options.
	 *
	 * @param url the Identity API v3 URL Basalt calls, e.g. {@code http://127.0.0.1:5000/v3} ({@code /v3} is
	 * added to a URL without a path)
	 * @param username Basalt's service user
	 * @param password its password
	 * @param projectName the project its token is scoped to
	 * @param userDomainName the service user's domain
	 * @param projectDomainName the project's domain
	 * @param cacheTtl how long a valid token is trusted without asking Keystone again (never past its
	 * {@code expires_at}); a revoked token keeps working that long
	 * @param invalidCacheTtl how long a token Keystone refused is refused without asking again (0: not cached)
	 * @param timeout connect and read timeout of each Keystone call
	 * @param cacheSize the most tokens cached
	 * @param wwwAuthenticateUri the public Keystone URL named in {@code WWW-Authenticate} of a 401; {@code url}
	 * when unset
	 */
	public record Keystone(URI url, String username, String password,
			@NotBlank @DefaultValue("service") String projectName,
			@NotBlank @DefaultValue("Default") String userDomainName,
			@NotBlank @DefaultValue("Default") String projectDomainName,
			@NotNull @DefaultValue("300s") Duration cacheTtl, @NotNull @DefaultValue("10s") Duration invalidCacheTtl,
			@NotNull @DefaultValue("5s") Duration timeout, @Min(1) @DefaultValue("10000") int cacheSize,
			URI wwwAuthenticateUri) {

		/** Whether url, username and password are set. */
		public boolean complete() {
			return this.url != null && this.username != null && !this.username.isBlank() && this.password != null
					&& !this.password.isEmpty();
		}

		/** The URI a 401's {@code WWW-Authenticate} names. */
		public URI challengeUri() {
			return (this.wwwAuthenticateUri != null) ? this.wwwAuthenticateUri : this.url;
		}

		/** Without the password. */
		@Override
		public String toString() {
			return "Keystone[url=" + this.url + ", username=" + this.username + ", password=" + mask(this.password)
					+ ", projectName=" + this.projectName + ", userDomainName=" + this.userDomainName
					+ ", projectDomainName=" + this.projectDomainName + ", cacheTtl=" + this.cacheTtl
					+ ", invalidCacheTtl=" + this.invalidCacheTtl + ", timeout=" + this.timeout + ", cacheSize="
					+ this.cacheSize + ", wwwAuthenticateUri=" + this.wwwAuthenticateUri + "]";
		}

		private static String mask(String secret) {
			return (secret == null) ? "null" : "******";
		}

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
	 * The cast outbox and its relay ({@code basalt.api.outbox.*}).
	 *
	 * @param relayInterval how often the relay looks for unsent casts
	 * @param staleAfter how old an unsent cast must be before the relay sends it again (the request thread
	 * normally sends it right after commit)
	 * @param batchSize the most rows sent per relay run
	 * @param markInterval how often the rows of casts sent by request threads are marked sent, in one statement
	 * (must stay well below {@code staleAfter}, or the relay sends them a second time)
	 * @param retention how long rows of sent casts are kept (for an operator's look) before the relay
	 * deletes them; unsent rows are never deleted
	 * @param sendRetryBound how long the request thread keeps retrying its cast after commit while the broker is
	 * away (short: the transaction's database connection is still held then, and the relay sends the row later)
	 */
	public record Outbox(@NotNull @DefaultValue("5s") Duration relayInterval,
			@NotNull @DefaultValue("5s") Duration staleAfter, @Min(1) @DefaultValue("100") int batchSize,
			@NotNull @DefaultValue("100ms") Duration markInterval, @NotNull @DefaultValue("1d") Duration retention,
			@NotNull @DefaultValue("1s") Duration sendRetryBound) {
	}

}
