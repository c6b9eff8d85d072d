package io.basalt.api.auth.keystone;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;

import io.basalt.api.ApiProperties;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.AuthenticationProvider;
import io.basalt.api.web.Principal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

/**
 * {@code basalt.api.auth.strategy=keystone}: the caller's {@code X-Auth-Token} is validated at Keystone, as
 * keystonemiddleware's {@code auth_token} does for Cinder, and the principal is what Keystone says (identity
 * headers the client sends, {@code X-Roles}, {@code X-User-Id}, {@code X-Project-Id}..., are never read).
 * <ul>
 * <li>no token → null (the gateway answers 401);</li>
 * <li>a token longer than {@value #MAX_TOKEN_LENGTH} characters or with a character outside printable ASCII
 * (controls, CR/LF, NUL, spaces, anything non-ASCII) → 401 without asking Keystone;</li>
 * <li>a valid token → its principal, from the {@link TokenCache} or from Keystone;</li>
 * <li>a token Keystone refuses → 401, with {@code WWW-Authenticate: Keystone uri="..."} ({@link #wwwAuthenticate()});</li>
 * <li>Keystone unavailable (unreachable, timeout, 5xx, Basalt's credentials refused) → 503, never let through.</li>
 * </ul>
 * Counts each outcome in {@value #COUNTER} (tag {@code result} = hit | miss | invalid | error). Thread-safe;
 * a cache miss blocks the request thread for the Keystone call.
 */
public final class KeystoneAuthProvider implements AuthenticationProvider, AutoCloseable {

	public static final String COUNTER = "basalt.api.auth.validations";

	/** The longest token accepted: 8 KiB (Fernet tokens are about 200 characters, PKIZ ones a few KiB). */
	public static final int MAX_TOKEN_LENGTH = 8192;

	static final String UNAUTHORIZED = "The request you have made requires authentication.";

	static final String UNAVAILABLE = "Keystone unavailable: the token could not be validated. Try again later.";

	private static final Logger log = LoggerFactory.getLogger(KeystoneAuthProvider.class);

	private final KeystoneClient keystone;

	private final TokenCache cache;

	private final String challenge;

	private final Counter hit;

	private final Counter miss;

	private final Counter invalid;

	private final Counter error;

	KeystoneAuthProvider(KeystoneClient keystone, TokenCache cache, String challengeUri, MeterRegistry meters) {
		this.keystone = keystone;
		this.cache = cache;
		this.challenge = "Keystone uri=\"" + challengeUri + "\"";
		this.hit = counter(meters, "hit");
		this.miss = counter(meters, "miss");
		this.invalid = counter(meters, "invalid");
		this.error = counter(meters, "error");
	}

	/**
	 * A provider validating at the Keystone of {@code settings}.
	 * @throws IllegalStateException when url, username or password is missing
	 */
	public static KeystoneAuthProvider create(ApiProperties.Keystone settings, Clock clock, MeterRegistry meters) {
		if (!settings.complete()) {
			throw new IllegalStateException("basalt.api.auth.keystone.url, basalt.api.auth.keystone.username and "
					+ "basalt.api.auth.keystone.password are required when basalt.api.auth.strategy=keystone");
		}
		if (settings.cacheTtl().isNegative() || settings.invalidCacheTtl().isNegative()
				|| settings.timeout().isNegative() || settings.timeout().isZero()) {
			throw new IllegalStateException("basalt.api.auth.keystone.cache-ttl and invalid-cache-ttl must not be "
					+ "negative, timeout must be positive: " + settings);
		}
		KeystoneClient client = new KeystoneClient(settings, new KeystoneTokenParser(JsonMapper.builder().build()),
				clock, meters);
		TokenCache cache = new TokenCache(settings.cacheTtl(), settings.invalidCacheTtl(), settings.cacheSize(),
				clock);
		log.info("Keystone authentication at {} as user '{}' (project '{}'), cache {} entries for {}",
				settings.url(), settings.username(), settings.projectName(), settings.cacheSize(),
				settings.cacheTtl());
		return new KeystoneAuthProvider(client, cache, settings.challengeUri().toString(), meters);
	}

	@Override
	public Principal authenticate(HttpServletRequest request) {
		String token = request.getHeader("X-Auth-Token");
		if (token == null || token.isEmpty()) {
			return null;
		}
		String malformation = malformation(token);
		if (malformation != null) {
			this.invalid.increment();
			log.info("Token refused without asking Keystone: {}", malformation);
			throw new ApiException(HttpStatus.UNAUTHORIZED, UNAUTHORIZED);
		}
		TokenCache.Lookup lookup;
		try {
			lookup = this.cache.get(token, this.keystone::validate);
		}
		catch (KeystoneUnavailableException ex) {
			this.error.increment();
			log.warn("Token not validated, answering 503: {}", ex.getMessage());
			throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE);
		}
		return switch (lookup.validation()) {
			case Validation.Valid valid -> {
				(lookup.cached() ? this.hit : this.miss).increment();
				yield valid.principal();
			}
			case Validation.Invalid refused -> {
				this.invalid.increment();
				log.info("Token {}... refused: {}", TokenCache.sha256(token).substring(0, 12), refused.reason());
				throw new ApiException(HttpStatus.UNAUTHORIZED, UNAUTHORIZED);
			}
		};
	}

	/** What is wrong with the token's form, or null: only printable ASCII, at most 8 KiB. */
	static String malformation(String token) {
		if (token.length() > MAX_TOKEN_LENGTH) {
			return "longer than " + MAX_TOKEN_LENGTH + " characters";
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				return String.format("character U+%04X at %d", (int) c, i);
			}
		}
		return null;
	}

	@Override
	public String wwwAuthenticate() {
		return this.challenge;
	}

	/** The number of cached verdicts (approximate). */
	long cachedTokens() {
		return this.cache.size();
	}

	@Override
	public void close() {
		this.keystone.close();
	}

	private static Counter counter(MeterRegistry meters, String result) {
		return Counter.builder(COUNTER)
			.description("Token validations by outcome")
			.tag("result", result)
			.register(meters);
	}

}
