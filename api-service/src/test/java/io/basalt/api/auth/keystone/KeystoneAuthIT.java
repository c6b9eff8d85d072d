package io.basalt.api.auth.keystone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiGatewayFilter;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.Principal;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static io.basalt.api.auth.keystone.KeystoneFixture.ADMIN_PASSWORD;
import static io.basalt.api.auth.keystone.KeystoneFixture.ADMIN_PROJECT;
import static io.basalt.api.auth.keystone.KeystoneFixture.ADMIN_USER;
import static io.basalt.api.auth.keystone.KeystoneFixture.ALT_MEMBER;
import static io.basalt.api.auth.keystone.KeystoneFixture.ALT_PASSWORD;
import static io.basalt.api.auth.keystone.KeystoneFixture.ALT_PROJECT;
import static io.basalt.api.auth.keystone.KeystoneFixture.DEMO_MEMBER;
import static io.basalt.api.auth.keystone.KeystoneFixture.DEMO_PASSWORD;
import static io.basalt.api.auth.keystone.KeystoneFixture.DEMO_PROJECT;
import static io.basalt.api.auth.keystone.KeystoneFixture.DEMO_READER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link KeystoneAuthProvider} against a real Keystone and the fixture of {@code deploy/keystone/install.sh}
 * ({@link KeystoneFixture}). Skipped when Keystone is unreachable, failed instead when {@code CI=true}.
 */
@Timeout(120)
class KeystoneAuthIT {

	static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

	static KeystoneAuthProvider provider;

	@BeforeAll
	static void keystone() {
		KeystoneFixture.assumeAvailable();
		provider = KeystoneAuthProvider.create(KeystoneFixture.settings(Duration.ofSeconds(300)), Clock.systemUTC(),
				METERS);
	}

	@AfterAll
	static void close() {
		if (provider != null) {
			provider.close();
		}
	}

	static Principal authenticate(KeystoneAuthProvider with, String token) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v3/p/volumes");
		request.addHeader("X-Auth-Token", token);
		return with.authenticate(request);
	}

	static void assertStatus(Runnable call, int status) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class,
				ex -> assertThat(ex.status().value()).isEqualTo(status));
	}

	@Test
	void memberTokenCarriesItsProjectAndTheImpliedReaderRole() {
		Principal member = authenticate(provider, KeystoneFixture.token(DEMO_MEMBER, DEMO_PASSWORD, DEMO_PROJECT));
		assertThat(member.userName()).isEqualTo(DEMO_MEMBER);
		assertThat(member.userId()).isNotBlank();
		assertThat(member.userDomainId()).isEqualTo("default");
		assertThat(member.projectName()).isEqualTo(DEMO_PROJECT);
		assertThat(member.projectId()).isNotBlank();
		assertThat(member.projectDomainId()).isEqualTo("default");
		assertThat(member.roles()).contains("member", "reader").doesNotContain("admin");
		assertThat(member.isAdmin()).isFalse();
		assertThat(member.systemScope()).isNull();
		assertThat(member.expiresAt()).isAfter(Instant.now());
	}

	@Test
	void readerTokenHasOnlyTheReaderRole() {
		Principal reader = authenticate(provider, KeystoneFixture.token(DEMO_READER, DEMO_PASSWORD, DEMO_PROJECT));
		Principal member = authenticate(provider, KeystoneFixture.token(DEMO_MEMBER, DEMO_PASSWORD, DEMO_PROJECT));
		assertThat(reader.roles()).containsExactly("reader");
		assertThat(reader.projectId()).isEqualTo(member.projectId());
		assertThat(reader.userId()).isNotEqualTo(member.userId());
	}

	@Test
	void altMemberIsInAnotherProject() {
		Principal alt = authenticate(provider, KeystoneFixture.token(ALT_MEMBER, ALT_PASSWORD, ALT_PROJECT));
		Principal member = authenticate(provider, KeystoneFixture.token(DEMO_MEMBER, DEMO_PASSWORD, DEMO_PROJECT));
		assertThat(alt.projectName()).isEqualTo(ALT_PROJECT);
		assertThat(alt.projectId()).isNotEqualTo(member.projectId());
		assertThat(alt.roles()).contains("member", "reader");
	}

	@Test
	void adminTokenCarriesAdminMemberAndReader() {
		Principal admin = authenticate(provider, KeystoneFixture.token(ADMIN_USER, ADMIN_PASSWORD, ADMIN_PROJECT));
		assertThat(admin.roles()).contains("admin", "member", "reader");
		assertThat(admin.isAdmin()).isTrue();
		assertThat(admin.projectName()).isEqualTo(ADMIN_PROJECT);
	}

	@Test
	void secondValidationIsACacheHit() {
		String token = KeystoneFixture.token(DEMO_MEMBER, DEMO_PASSWORD, DEMO_PROJECT);
		authenticate(provider, token);
		double hits = METERS.counter(KeystoneAuthProvider.COUNTER, "result", "hit").count();
		authenticate(provider, token);
		assertThat(METERS.counter(KeystoneAuthProvider.COUNTER, "result", "hit").count()).isEqualTo(hits + 1);
	}

	@Test
	void invalidTokenIs401WithTheChallengeThroughTheGateway() throws Exception {
		assertStatus(() -> authenticate(provider, "gAAAAABnot-a-real-token"), 401);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v3/p/volumes");
		request.addHeader("X-Auth-Token", "gAAAAABanother-bad-token");
		MockHttpServletResponse response = new MockHttpServletResponse();
		new ApiGatewayFilter(provider, null, io.basalt.api.web.Principal::isAdmin).doFilter(request, response, new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getHeader("WWW-Authenticate"))
			.isEqualTo("Keystone uri=\"" + KeystoneFixture.url() + "\"");
	}

	@Test
	void validTokenPassesTheGatewayWithKeystonesProject() throws Exception {
		String token = KeystoneFixture.token(DEMO_MEMBER, DEMO_PASSWORD, DEMO_PROJECT);
		String project = authenticate(provider, token).projectId();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v3/" + project + "/volumes");
		request.addHeader("X-Auth-Token", token);
		request.addHeader("X-Roles", "admin");
		MockFilterChain chain = new MockFilterChain();
		new ApiGatewayFilter(provider, null, io.basalt.api.web.Principal::isAdmin).doFilter(request, new MockHttpServletResponse(), chain);
		ApiRequest api = (ApiRequest) chain.getRequest().getAttribute(ApiRequest.ATTRIBUTE);
		assertThat(api.context().projectId()).isEqualTo(project);
		assertThat(api.isAdmin()).isFalse();
	}

	@Test
	void revokedTokenWorksUntilItsCacheEntryExpires() {
		String token = KeystoneFixture.newToken(DEMO_READER, DEMO_PASSWORD, DEMO_PROJECT);
		assertThat(authenticate(provider, token).roles()).containsExactly("reader");
		KeystoneFixture.revoke(token);
		assertThat(authenticate(provider, token).roles()).as("cached").containsExactly("reader");
		try (KeystoneAuthProvider uncached = KeystoneAuthProvider
			.create(KeystoneFixture.settings(Duration.ZERO), Clock.systemUTC(), new SimpleMeterRegistry())) {
			assertStatus(() -> authenticate(uncached, token), 401);
		}
	}

	@Test
	void wrongServicePasswordIs503() {
		try (KeystoneAuthProvider wrong = KeystoneAuthProvider.create(
				KeystoneFixture.settings("not-the-password", Duration.ofSeconds(300)), Clock.systemUTC(),
				new SimpleMeterRegistry())) {
			assertStatus(() -> authenticate(wrong,
					KeystoneFixture.token(DEMO_MEMBER, DEMO_PASSWORD, DEMO_PROJECT)), 503);
		}
	}

}
