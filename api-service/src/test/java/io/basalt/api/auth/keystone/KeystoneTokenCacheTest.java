package io.basalt.api.auth.keystone;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.basalt.api.web.Principal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link TokenCache}: lifetimes, failures, the key. */
class KeystoneTokenCacheTest {

	final TestClock clock = new TestClock(Instant.parse("2026-11-22T00:00:00Z"));

	final TokenCache cache = new TokenCache(Duration.ofSeconds(300), Duration.ZERO, 2, this.clock);

	final AtomicInteger calls = new AtomicInteger();

	Validation valid(Instant expiresAt) {
		return new Validation.Valid(new Principal("u", null, null, "p", null, null, List.of(), null, expiresAt));
	}

	TokenCache.Lookup get(String token, Validation answer) {
		return this.cache.get(token, t -> {
			this.calls.incrementAndGet();
			return answer;
		});
	}

	@Test
	void keyIsTheSha256OfTheToken() {
		assertThat(TokenCache.sha256("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void invalidVerdictIsNotKeptWhenItsTtlIsZero() {
		get("bad", new Validation.Invalid("no"));
		assertThat(get("bad", new Validation.Invalid("no")).cached()).isFalse();
		assertThat(this.calls.get()).isEqualTo(2);
	}

	@Test
	void failureIsNotKept() {
		assertThatThrownBy(() -> this.cache.get("t", t -> {
			throw new KeystoneUnavailableException("down");
		})).isInstanceOf(KeystoneUnavailableException.class).hasMessage("down");
		assertThatThrownBy(() -> this.cache.get("t", t -> {
			throw new IllegalStateException("bug");
		})).isInstanceOf(KeystoneUnavailableException.class);
		assertThat(get("t", valid(this.clock.instant().plusSeconds(60))).cached()).isFalse();
		assertThat(get("t", valid(this.clock.instant().plusSeconds(60))).cached()).isTrue();
	}

	@Test
	void sizeIsBounded() {
		for (int i = 0; i < 50; i++) {
			get("t" + i, valid(this.clock.instant().plusSeconds(60)));
		}
		assertThat(this.cache.size()).isLessThanOrEqualTo(2);
	}

}
