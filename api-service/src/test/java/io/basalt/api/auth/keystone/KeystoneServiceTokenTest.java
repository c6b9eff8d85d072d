package io.basalt.api.auth.keystone;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ServiceToken}: when it renews, and that concurrent callers cause one renewal. */
@Timeout(30)
class KeystoneServiceTokenTest {

	final TestClock clock = new TestClock(Instant.parse("2026-11-22T00:00:00Z"));

	final AtomicInteger issued = new AtomicInteger();

	volatile boolean failing;

	final ServiceToken token = new ServiceToken(this::issue, this.clock);

	ServiceToken.Issued issue() {
		if (this.failing) {
			throw new KeystoneUnavailableException("down");
		}
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return ServiceToken.Issued.of("t" + this.issued.incrementAndGet(), this.clock.instant().plusSeconds(3600),
				this.clock.instant());
	}

	List<ServiceToken.Issued> concurrently(ServiceToken.Issued refused) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<ServiceToken.Issued>> futures = Stream.generate(() -> pool.submit(() -> {
				start.await();
				return this.token.current(refused);
			})).limit(8).toList();
			start.countDown();
			List<ServiceToken.Issued> tokens = new java.util.ArrayList<>();
			for (Future<ServiceToken.Issued> future : futures) {
				tokens.add(future.get());
			}
			return tokens;
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void renewalMarginIsATenthOfTheLifetimeButAtLeastAMinute() {
		Instant now = Instant.parse("2026-11-22T00:00:00Z");
		assertThat(ServiceToken.Issued.of("a", now.plusSeconds(3600), now).renewAt()).isEqualTo(now.plusSeconds(3240));
		assertThat(ServiceToken.Issued.of("b", now.plusSeconds(300), now).renewAt()).isEqualTo(now.plusSeconds(240));
	}

	@Test
	void concurrentFirstCallersShareOneToken() throws Exception {
		assertThat(concurrently(null)).extracting(ServiceToken.Issued::value).containsOnly("t1");
		assertThat(this.issued.get()).isEqualTo(1);
	}

	@Test
	void concurrentCallersRefusedTheSameTokenRenewItOnce() throws Exception {
		ServiceToken.Issued first = this.token.current(null);
		assertThat(concurrently(first)).extracting(ServiceToken.Issued::value).containsOnly("t2");
		assertThat(this.issued.get()).isEqualTo(2);
	}

	@Test
	void tokenIsKeptUntilItsRenewalTimeThenRenewed() {
		ServiceToken.Issued first = this.token.current(null);
		this.clock.advance(Duration.ofSeconds(3239));
		assertThat(this.token.current(null)).isSameAs(first);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.token.current(null).value()).isEqualTo("t2");
	}

	@Test
	void failedRenewalKeepsTheStillValidTokenAndTriesAgainLater() {
		ServiceToken.Issued first = this.token.current(null);
		this.clock.advance(Duration.ofSeconds(3300));
		this.failing = true;
		assertThat(this.token.current(null)).isSameAs(first);
		this.failing = false;
		assertThat(this.token.current(null).value()).isEqualTo("t2");
	}

	@Test
	void failedRenewalOfAnExpiredOrRefusedTokenFails() {
		ServiceToken.Issued first = this.token.current(null);
		this.failing = true;
		assertThatThrownBy(() -> this.token.current(first)).isInstanceOf(KeystoneUnavailableException.class);
		this.clock.advance(Duration.ofHours(1));
		assertThatThrownBy(() -> this.token.current(null)).isInstanceOf(KeystoneUnavailableException.class);
	}

}
