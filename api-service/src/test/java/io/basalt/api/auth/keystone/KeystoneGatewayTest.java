package io.basalt.api.auth.keystone;

import java.time.Duration;
import java.time.Instant;

import io.basalt.api.ApiProperties;
import io.basalt.api.web.ApiGatewayFilter;
import io.basalt.api.web.ApiRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway with the Keystone provider: what a client sees (401 challenge, 503, the request context). */
@Timeout(30)
class KeystoneGatewayTest {

	static final String PROJECT = "269a17b90ef84ad5816df5b4ee245f6c";

	final TestClock clock = new TestClock(Instant.parse("2026-11-22T00:50:00Z"));

	final FakeKeystone keystone = new FakeKeystone(this.clock);

	final KeystoneAuthProvider provider = KeystoneAuthProvider.create(
			new ApiProperties.Keystone(this.keystone.url(), FakeKeystone.USER, FakeKeystone.PASSWORD,
					FakeKeystone.PROJECT, "Default", "Default", Duration.ofSeconds(300), Duration.ofSeconds(10),
					Duration.ofSeconds(2), 100, null),
			this.clock, new SimpleMeterRegistry());

	final ApiGatewayFilter gateway = new ApiGatewayFilter(this.provider, null, io.basalt.api.web.Principal::isAdmin);

	final MockFilterChain chain = new MockFilterChain();

	final MockHttpServletResponse response = new MockHttpServletResponse();

	@AfterEach
	void close() {
		this.provider.close();
		this.keystone.close();
	}

	MockHttpServletResponse get(String token) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v3/" + PROJECT + "/volumes");
		if (token != null) {
			request.addHeader("X-Auth-Token", token);
		}
		request.addHeader("X-Roles", "admin");
		request.addHeader("X-Project-Id", "someone-else");
		this.gateway.doFilter(request, this.response, this.chain);
		return this.response;
	}

	String challenge() {
		return "Keystone uri=\"" + this.keystone.url() + "\"";
	}

	@Test
	void validTokenReachesTheHandlerWithKeystonesIdentityOnly() throws Exception {
		this.keystone.addToken("good", Instant.parse("2026-11-22T01:42:14Z"));
		assertThat(get("good").getStatus()).isEqualTo(200);
		ApiRequest api = (ApiRequest) this.chain.getRequest().getAttribute(ApiRequest.ATTRIBUTE);
		assertThat(api.context().userId()).isEqualTo("48be86e6facb47e190f909874966a718");
		assertThat(api.context().projectId()).isEqualTo(PROJECT);
		assertThat(api.context().roles()).containsExactly("reader", "member");
		assertThat(api.isAdmin()).as("X-Roles: admin from the client is ignored").isFalse();
		assertThat(this.response.getHeader("WWW-Authenticate")).isNull();
	}

	@Test
	void invalidTokenIs401WithTheKeystoneChallenge() throws Exception {
		MockHttpServletResponse answer = get("unknown");
		assertThat(answer.getStatus()).isEqualTo(401);
		assertThat(answer.getHeader("WWW-Authenticate")).isEqualTo(challenge());
		assertThat(answer.getContentAsString()).contains("\"unauthorized\"")
			.contains(KeystoneAuthProvider.UNAUTHORIZED);
		assertThat(this.chain.getRequest()).isNull();
	}

	@Test
	void missingTokenIs401WithTheKeystoneChallenge() throws Exception {
		MockHttpServletResponse answer = get(null);
		assertThat(answer.getStatus()).isEqualTo(401);
		assertThat(answer.getHeader("WWW-Authenticate")).isEqualTo(challenge());
		assertThat(this.keystone.validations.get()).isZero();
	}

	@Test
	void malformedTokenIs401WithoutAskingKeystone() throws Exception {
		MockHttpServletResponse answer = get("abc\u0000\r\ndef");
		assertThat(answer.getStatus()).isEqualTo(401);
		assertThat(answer.getHeader("WWW-Authenticate")).isEqualTo(challenge());
		assertThat(this.keystone.issued.get() + this.keystone.validations.get()).isZero();
	}

	@Test
	void keystoneDownIs503AndTheRequestDoesNotGoThrough() throws Exception {
		this.keystone.stop();
		MockHttpServletResponse answer = get("good");
		assertThat(answer.getStatus()).isEqualTo(503);
		assertThat(answer.getContentAsString()).contains("\"serviceUnavailable\"").contains("Keystone unavailable");
		assertThat(answer.getHeader("WWW-Authenticate")).isNull();
		assertThat(this.chain.getRequest()).isNull();
	}

}
