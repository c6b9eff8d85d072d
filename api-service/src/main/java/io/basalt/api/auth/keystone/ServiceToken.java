package io.basalt.api.auth.keystone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Basalt's own Keystone token, the {@code X-Auth-Token} of every validation call. It is renewed when less than
 * a minute or a tenth of its lifetime remains, and when Keystone refuses it ({@link #current(Issued)} with the
 * refused token). One renewal at a time: while a thread renews, the others wait for its token, except that a
 * token still valid (only inside its renewal margin) keeps being used meanwhile. If a renewal fails while the
 * old token is still valid, the old token is used and the next call tries again. Thread-safe.
 */
final class ServiceToken {

	private static final Logger log = LoggerFactory.getLogger(ServiceToken.class);

	static final Duration MIN_MARGIN = Duration.ofSeconds(60);

	private final Supplier<Issued> issuer;

	private final Clock clock;

	private final ReentrantLock renewing = new ReentrantLock();

	private volatile Issued current;

	/**
	 * @param issuer obtains a new token from Keystone (throws {@link KeystoneUnavailableException})
	 * @param clock the clock expiries are compared with
	 */
	ServiceToken(Supplier<Issued> issuer, Clock clock) {
		this.issuer = issuer;
		this.clock = clock;
	}

	/**
	 * A token to call Keystone with.
	 * @param refused a token Keystone just answered 401 to (it is renewed unless another thread already did),
	 * or null
	 * @throws KeystoneUnavailableException when no valid token can be had
	 */
	Issued current(Issued refused) {
		Issued token = this.current;
		if (fresh(token, refused)) {
			return token;
		}
		boolean stillValid = token != null && token != refused && this.clock.instant().isBefore(token.expiresAt());
		if (stillValid) {
			if (!this.renewing.tryLock()) {
				return token;
			}
		}
		else {
			this.renewing.lock();
		}
		try {
			token = this.current;
			if (fresh(token, refused)) {
				return token;
			}
			return renew(token, refused);
		}
		finally {
			this.renewing.unlock();
		}
	}

	private Issued renew(Issued old, Issued refused) {
		try {
			Issued token = this.issuer.get();
			this.current = token;
			log.info("Keystone service token {}, valid until {}", (old == null) ? "obtained" : "renewed",
					token.expiresAt());
			return token;
		}
		catch (KeystoneUnavailableException ex) {
			if (old != null && old != refused && this.clock.instant().isBefore(old.expiresAt())) {
				log.warn("Keystone service token not renewed ({}); the current one is used until {}",
						ex.getMessage(), old.expiresAt());
				return old;
			}
			throw ex;
		}
	}

	private boolean fresh(Issued token, Issued refused) {
		return token != null && token != refused && this.clock.instant().isBefore(token.renewAt());
	}

	/**
	 * A service token as Keystone issued it.
	 * @param value the token ({@code X-Subject-Token} of the issue response)
	 * @param expiresAt its {@code expires_at}
	 * @param renewAt when to renew it: a minute or a tenth of its lifetime before it expires, whichever is more
	 */
	record Issued(String value, Instant expiresAt, Instant renewAt) {

		static Issued of(String value, Instant expiresAt, Instant issuedAt) {
			Duration tenth = Duration.between(issuedAt, expiresAt).dividedBy(10);
			Duration margin = (tenth.compareTo(MIN_MARGIN) > 0) ? tenth : MIN_MARGIN;
			return new Issued(value, expiresAt, expiresAt.minus(margin));
		}

		@Override
		public String toString() {
			return "Issued[expiresAt=" + this.expiresAt + ", renewAt=" + this.renewAt + "]";
		}

	}

}
