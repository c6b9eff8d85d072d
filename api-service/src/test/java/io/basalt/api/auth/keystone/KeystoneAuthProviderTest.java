package io.basalt.api.auth.keystone;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.basalt.api.ApiProperties;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.Principal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link KeystoneAuthProvider} against a fake Keystone: validation, cache, service token, failures, hygiene. */
@Timeout(30)
class KeystoneAuthProviderTest {

	static final Principal SAMPLE = new Principal("48be86e6facb47e190f909874966a718", "demo", "default",
			"269a17b90ef84ad5816df5b4ee245f6c", "demo", "default", List.of("reader", "member"), null,
			Instant.parse("2026-11-22T01:42:14Z"));

	static final Instant SAMPLE_EXPIRY = SAMPLE.expiresAt();

	final TestClock clock = new TestClock(Instant.parse("2026-11-22T00:50:00Z"));

	final FakeKeystone keystone = new FakeKeystone(this.clock);

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	KeystoneAuthProvider provider = provider(settings(FakeKeystone.PASSWORD, Duration.ofSeconds(2)));

	@AfterEach
	void close() {
		this.provider.close();
		this.keystone.close();
	}

	ApiProperties.Keystone settings(String password, Duration timeout) {
		return new ApiProperties.Keystone(this.keystone.url(), FakeKeystone.USER, password, FakeKeystone.PROJECT,
				"Default", "Default", Duration.ofSeconds(300), Duration.ofSeconds(10), timeout, 100, null);
	}

	KeystoneAuthProvider provider(ApiProperties.Keystone settings) {
		return KeystoneAuthProvider.create(settings, this.clock, this.meters);
	}

	static MockHttpServletRequest request(String token) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v3/p/volumes");
		request.addHeader("X-Auth-Token", token);
		return request;
	}

	Principal authenticate(String token) {
		return this.provider.authenticate(request(token));
	}

	double count(String result) {
		return this.meters.counter(KeystoneAuthProvider.COUNTER, "result", result).count();
	}

	static void assertStatus(Runnable call, int status) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class,
				ex -> assertThat(ex.status().value()).isEqualTo(status));
	}

	@Test
	void validTokenGivesThePrincipalKeystoneReturns() {
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		assertThat(authenticate("good")).isEqualTo(SAMPLE);
		assertThat(this.keystone.issued.get()).isEqualTo(1);
		assertThat(count("miss")).isEqualTo(1);
	}

	@Test
	void requestWithoutTokenHasNoPrincipal() {
		assertThat(this.provider.authenticate(new MockHttpServletRequest("GET", "/v3/p/volumes"))).isNull();
		assertThat(this.keystone.validations.get()).isZero();
	}

	@Test
	void identityHeadersSentByTheClientAreIgnored() {
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		MockHttpServletRequest request = request("good");
		request.addHeader("X-Roles", "admin");
		request.addHeader("X-User-Id", "intruder");
		request.addHeader("X-Project-Id", "other");
		assertThat(this.provider.authenticate(request)).isEqualTo(SAMPLE);
	}

	@Test
	void secondRequestIsServedFromTheCache() {
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		authenticate("good");
		assertThat(authenticate("good")).isEqualTo(SAMPLE);
		assertThat(this.keystone.validations.get()).isEqualTo(1);
		assertThat(count("hit")).isEqualTo(1);
		assertThat(count("miss")).isEqualTo(1);
	}

	@Test
	void concurrentFirstRequestsMakeOneKeystoneCall() throws Exception {
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		this.keystone.delay = Duration.ofMillis(300);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Principal>> results = Stream.generate(() -> pool.submit(() -> {
				start.await();
				return authenticate("good");
			})).limit(8).toList();
			start.countDown();
			for (Future<Principal> result : results) {
				assertThat(result.get()).isEqualTo(SAMPLE);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.keystone.validations.get()).isEqualTo(1);
		assertThat(this.keystone.issued.get()).isEqualTo(1);
	}

	@Test
	void cacheEntryLivesForTheCacheTtl() {
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		authenticate("good");
		this.clock.advance(Duration.ofSeconds(299));
		authenticate("good");
		assertThat(this.keystone.validations.get()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(authenticate("good")).isEqualTo(SAMPLE);
		assertThat(this.keystone.validations.get()).isEqualTo(2);
	}

	@Test
	void cacheEntryNeverOutlivesTheTokensExpiry() {
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		this.clock.advance(Duration.between(this.clock.instant(), SAMPLE_EXPIRY.minusSeconds(100)));
		authenticate("good");
		this.clock.advance(Duration.ofSeconds(99));
		authenticate("good");
		assertThat(this.keystone.validations.get()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(2));
		assertStatus(() -> authenticate("good"), 401);
		assertThat(this.keystone.validations.get()).isEqualTo(2);
	}

	@Test
	void unknownTokenIs401AndRefusedFromTheCacheForTenSeconds() {
		assertStatus(() -> authenticate("unknown"), 401);
		assertStatus(() -> authenticate("unknown"), 401);
		assertThat(this.keystone.validations.get()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(11));
		assertStatus(() -> authenticate("unknown"), 401);
		assertThat(this.keystone.validations.get()).isEqualTo(2);
		assertThat(count("invalid")).isEqualTo(3);
	}

	@Test
	void tokenExpiredByBasaltsClockIsRefusedEvenIfKeystoneSaysValid() {
		this.keystone.checkSubjectExpiry = false;
		this.keystone.addToken("late", this.clock.instant().minusSeconds(1));
		assertStatus(() -> authenticate("late"), 401);
		assertThat(this.keystone.validations.get()).isEqualTo(1);
	}

	@Test
	void keystoneDownIs503() {
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		this.keystone.stop();
		assertStatus(() -> authenticate("good"), 503);
		assertThat(count("error")).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 503, 403 })
	void keystoneErrorIs503AndNotCached(int status) {
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		this.keystone.failWith = status;
		assertStatus(() -> authenticate("good"), 503);
		this.keystone.failWith = 0;
		assertThat(authenticate("good")).isEqualTo(SAMPLE);
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 403, 400 })
	void validationErrorIs503AndCachedTokensKeepWorking(int status) {
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		authenticate("good");
		this.keystone.failWith = status;
		this.keystone.addToken("other", SAMPLE_EXPIRY);
		assertStatus(() -> authenticate("other"), 503);
		assertThat(authenticate("good")).as("a cached token keeps working").isEqualTo(SAMPLE);
	}

	@Test
	void slowKeystoneIs503() {
		this.provider.close();
		this.provider = provider(settings(FakeKeystone.PASSWORD, Duration.ofMillis(200)));
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		this.keystone.delay = Duration.ofSeconds(3);
		long start = System.nanoTime();
		assertStatus(() -> authenticate("good"), 503);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
	}

	@Test
	void wrongServiceCredentialsAre503() {
		this.provider.close();
		this.provider = provider(settings("wrong", Duration.ofSeconds(2)));
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		assertStatus(() -> authenticate("good"), 503);
		assertThat(this.keystone.validations.get()).isZero();
	}

	@Test
	void serviceTokenIsRenewedAfterKeystoneRefusesIt() {
		this.keystone.addToken("good", SAMPLE_EXPIRY);
		this.keystone.addToken("other", SAMPLE_EXPIRY);
		authenticate("good");
		this.keystone.revokeServiceTokens();
		assertThat(authenticate("other")).isEqualTo(SAMPLE);
		assertThat(this.keystone.refusedServiceTokens.get()).isEqualTo(1);
		assertThat(this.keystone.issued.get()).isEqualTo(2);
	}

	@Test
	void serviceTokenIsRenewedBeforeItExpires() {
		Instant later = this.clock.instant().plus(Duration.ofHours(2));
		this.keystone.addToken("good", later);
		this.keystone.addToken("other", later);
		this.keystone.addToken("third", later);
		authenticate("good");
		this.clock.advance(Duration.ofMinutes(53));
		authenticate("other");
		assertThat(this.keystone.issued.get()).as("7 of 60 minutes left: not yet").isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(2));
		authenticate("third");
		assertThat(this.keystone.issued.get()).as("5 of 60 minutes left: renewed").isEqualTo(2);
		assertThat(this.keystone.refusedServiceTokens.get()).isZero();
	}

	static Stream<String> badTokens() {
		return Stream.of("a".repeat(9 * 1024), "abc\r\nX-Roles: admin", "abc\ndef", "abc\u0000def", "tök\u00e9n",
				"abc\u0080", "a b", "tab\tbed", "\u0007", "\u2028", "abc\u007f");
	}

	@ParameterizedTest
	@MethodSource("badTokens")
	void malformedTokenIs401WithoutAskingKeystone(String token) {
		assertStatus(() -> authenticate(token), 401);
		assertThat(this.keystone.validations.get()).isZero();
		assertThat(this.keystone.issued.get()).isZero();
		assertThat(this.provider.cachedTokens()).isZero();
	}

	@Test
	void tokenOfExactly8KiBIsAskedOfKeystone() {
		String token = "g".repeat(KeystoneAuthProvider.MAX_TOKEN_LENGTH);
		this.keystone.addToken(token, SAMPLE_EXPIRY);
		assertThat(authenticate(token)).isEqualTo(SAMPLE);
	}

	@Test
	void challengeNamesTheKeystoneUrlOrTheConfiguredPublicUri() {
		assertThat(this.provider.wwwAuthenticate()).isEqualTo("Keystone uri=\"" + this.keystone.url() + "\"");
		ApiProperties.Keystone s = settings(FakeKeystone.PASSWORD, Duration.ofSeconds(1));
		try (KeystoneAuthProvider other = provider(new ApiProperties.Keystone(s.url(), s.username(), s.password(),
				s.projectName(), s.userDomainName(), s.projectDomainName(), s.cacheTtl(), s.invalidCacheTtl(),
				s.timeout(), s.cacheSize(), URI.create("https://keystone.example.com:5000")))) {
			assertThat(other.wwwAuthenticate()).isEqualTo("Keystone uri=\"https://keystone.example.com:5000\"");
		}
	}

}
