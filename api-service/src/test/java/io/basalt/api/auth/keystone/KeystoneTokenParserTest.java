package io.basalt.api.auth.keystone;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.basalt.api.web.Principal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link KeystoneTokenParser} on Keystone's bodies. */
class KeystoneTokenParserTest {

	final KeystoneTokenParser parser = new KeystoneTokenParser(JsonMapper.builder().build());

	static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void sampleValidationGivesEveryPrincipalField() {
		Principal principal = this.parser.principal(bytes(FakeKeystone.sample()));
		assertThat(principal).isEqualTo(new Principal("48be86e6facb47e190f909874966a718", "demo", "default",
				"269a17b90ef84ad5816df5b4ee245f6c", "demo", "default", List.of("reader", "member"), null,
				Instant.parse("2026-11-22T01:42:14Z")));
	}

	@Test
	void systemScopedTokenHasNoProjectAndSystemAll() {
		Principal principal = this.parser.principal(bytes("""
				{"token": {"user": {"id": "u1", "name": "admin", "domain": {"id": "default", "name": "Default"}},
				 "system": {"all": true}, "roles": [{"id": "r", "name": "admin"}, {"id": "m", "name": "member"}],
				 "expires_at": "2026-11-22T01:42:14.000000Z"}}"""));
		assertThat(principal.systemScope()).isEqualTo("all");
		assertThat(principal.projectId()).isNull();
		assertThat(principal.roles()).containsExactly("admin", "member");
		assertThat(principal.isAdmin()).isTrue();
	}

	@Test
	void passwordAuthIsProjectScoped() {
		JsonNode auth = JsonMapper.builder()
			.build()
			.readTree(this.parser.passwordAuth("basalt", "Default", "p\"w", "service", "Default"))
			.path("auth");
		assertThat(auth.path("identity").path("methods").get(0).asString()).isEqualTo("password");
		assertThat(auth.path("identity").path("password").path("user").path("password").asString()).isEqualTo("p\"w");
		assertThat(auth.path("scope").path("project").path("name").asString()).isEqualTo("service");
		assertThat(auth.path("scope").path("project").path("domain").path("name").asString()).isEqualTo("Default");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "{}", "{\"token\": {\"expires_at\": \"2026-11-22T01:42:14Z\"}}",
			"{\"token\": {\"user\": {\"id\": \"u\"}}}", "{\"token\": {\"user\": {\"id\": \"u\"}, \"expires_at\": \"soon\"}}" })
	void unreadableBodyIsKeystoneUnavailable(String body) {
		assertThatThrownBy(() -> this.parser.principal(bytes(body))).isInstanceOf(KeystoneUnavailableException.class);
	}

}
