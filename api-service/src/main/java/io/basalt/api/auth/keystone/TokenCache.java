package io.basalt.api.auth.keystone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Keystone's verdicts on callers' tokens, keyed by the SHA-256 of the token (raw tokens are never kept as keys).
 * A valid token is kept for {@code ttl} but never past its {@code expires_at}; an invalid one for
 * {@code invalidTtl}; a failed validation (Keystone unavailable) is not kept. At most {@code maximumSize} entries
 * (least recently and frequently used go first). Concurrent lookups of a token not yet cached wait for one
 * validation, run by the first of them on its own thread (not inside the map's lock). Time is read from the
 * injected {@link Clock}. Thread-safe.
 */
final class TokenCache {

	private final AsyncCache<String, Outcome> cache;

	private final Clock clock;

	TokenCache(Duration ttl, Duration invalidTtl, long maximumSize, Clock clock) {
		this.clock = clock;
		this.cache = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.ticker(ticker(clock))
			.executor(Runnable::run)
			.expireAfter(new Lifetime(ttl, invalidTtl, clock))
			.buildAsync();
	}

	/**
	 * The verdict on {@code token}: cached, or {@code validator}'s (then cached).
	 * @throws KeystoneUnavailableException when the validation failed (nothing is cached)
	 */
	Lookup get(String token, Function<String, Validation> validator) {
		String key = sha256(token);
		CompletableFuture<Outcome> mine = new CompletableFuture<>();
		CompletableFuture<Outcome> future = this.cache.get(key, (k, executor) -> mine);
		boolean cached = future != mine;
		if (!cached) {
			mine.complete(validate(token, validator));
		}
		Outcome outcome = future.join();
		if (outcome.failure() != null) {
			// Not kept (its lifetime is zero): the next lookup validates again.
			this.cache.asMap().remove(key, future);
			throw outcome.failure();
		}
		Validation validation = outcome.validation();
		if (validation instanceof Validation.Valid valid
				&& !valid.principal().expiresAt().isAfter(this.clock.instant())) {
			return new Lookup(new Validation.Invalid("the token expired at " + valid.principal().expiresAt()),
					cached);
		}
		return new Lookup(validation, cached);
	}

	/** The number of cached verdicts (approximate). */
	long size() {
		this.cache.synchronous().cleanUp();
		return this.cache.synchronous().estimatedSize();
	}

	/**
	 * The validator's verdict or failure. A failure is a value, not a failed future, so that Caffeine does not
	 * log each one (Keystone being down is logged once per request by the provider).
	 */
	private static Outcome validate(String token, Function<String, Validation> validator) {
		try {
			return new Outcome(validator.apply(token), null);
		}
		catch (KeystoneUnavailableException ex) {
			return new Outcome(null, ex);
		}
		catch (RuntimeException | Error ex) {
			return new Outcome(null, new KeystoneUnavailableException("Token validation failed: " + ex, ex));
		}
	}

	/** The lowercase hex SHA-256 of the token's UTF-8 bytes. */
	static String sha256(String token) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/** Caffeine's time source, following the clock (so that tests can move it). */
	private static Ticker ticker(Clock clock) {
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
	}

	/**
	 * A verdict and where it came from.
	 * @param validation the verdict
	 * @param cached whether it was cached (or validated by a concurrent lookup) rather than asked of Keystone here
	 */
	record Lookup(Validation validation, boolean cached) {
	}

	/** A verdict, or why there is none (then {@code validation} is null). */
	private record Outcome(Validation validation, KeystoneUnavailableException failure) {
	}

	/** How long an outcome is kept: set when it is stored, unchanged by reads; a failure is not kept. */
	private record Lifetime(Duration ttl, Duration invalidTtl, Clock clock) implements Expiry<String, Outcome> {

		@Override
		public long expireAfterCreate(String key, Outcome value, long currentTime) {
			Duration lifetime = switch (value.validation()) {
				case null -> Duration.ZERO;
				case Validation.Valid valid -> min(this.ttl, Duration.between(this.clock.instant(),
						valid.principal().expiresAt()));
				case Validation.Invalid invalid -> this.invalidTtl;
			};
			return lifetime.isNegative() ? 0 : saturatedNanos(lifetime);
		}

		@Override
		public long expireAfterUpdate(String key, Outcome value, long currentTime, long currentDuration) {
			return expireAfterCreate(key, value, currentTime);
		}

		@Override
		public long expireAfterRead(String key, Outcome value, long currentTime, long currentDuration) {
			return currentDuration;
		}

		private static Duration min(Duration a, Duration b) {
			return (a.compareTo(b) <= 0) ? a : b;
		}

		private static long saturatedNanos(Duration d) {
			try {
				return d.toNanos();
			}
			catch (ArithmeticException ex) {
				return Long.MAX_VALUE;
			}
		}

	}

}
