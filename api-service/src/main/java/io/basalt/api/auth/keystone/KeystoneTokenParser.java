package io.basalt.api.auth.keystone;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.basalt.api.web.Principal;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the bodies of Keystone's {@code /v3/auth/tokens}: the password-auth request of the service
 * token, and the {@code token} object of a response (sample: {@code keystone-token-validation-sample.json}).
 * Stateless and thread-safe.
 */
final class KeystoneTokenParser {

	private final JsonMapper json;

	KeystoneTokenParser(JsonMapper json) {
		this.json = json;
	}

	/** The body of a project-scoped password authentication. */
	byte[] passwordAuth(String user, String userDomain, String password, String project, String projectDomain) {
		ObjectNode body = this.json.createObjectNode();
		ObjectNode auth = body.putObject("auth");
		ObjectNode identity = auth.putObject("identity");
		identity.putArray("methods").add("password");
		ObjectNode userNode = identity.putObject("password").putObject("user");
		userNode.put("name", user);
		userNode.putObject("domain").put("name", userDomain);
		userNode.put("password", password);
		ObjectNode projectNode = auth.putObject("scope").putObject("project");
		projectNode.put("name", project);
		projectNode.putObject("domain").put("name", projectDomain);
		return this.json.writeValueAsBytes(body);
	}

	/**
	 * The principal of a validation response.
	 * @throws KeystoneUnavailableException when the body is not a token Basalt can read
	 */
	Principal principal(byte[] body) {
		JsonNode token = token(body);
		JsonNode user = token.path("user");
		String userId = text(user, "id");
		if (userId == null) {
			throw new KeystoneUnavailableException("Keystone returned a token without user.id");
		}
		JsonNode project = token.path("project");
		List<String> roles = new ArrayList<>();
		for (JsonNode role : token.path("roles").values()) {
			String name = text(role, "name");
			if (name != null) {
				roles.add(name);
			}
		}
		String system = token.path("system").path("all").asBoolean(false) ? "all" : null;
		return new Principal(userId, text(user, "name"), text(user.path("domain"), "id"), text(project, "id"),
				text(project, "name"), text(project.path("domain"), "id"), roles, system, expiresAt(token));
	}

	/**
	 * The {@code expires_at} of a token response.
	 * @throws KeystoneUnavailableException when the body is not a token Basalt can read
	 */
	Instant expiresAt(byte[] body) {
		return expiresAt(token(body));
	}

	private JsonNode token(byte[] body) {
		try {
			JsonNode token = this.json.readTree(body).path("token");
			if (!token.isObject()) {
				throw new KeystoneUnavailableException("Keystone returned a body without a token object");
			}
			return token;
		}
		catch (JacksonException ex) {
			throw new KeystoneUnavailableException("Keystone returned a body that is not JSON", ex);
		}
	}

	private static Instant expiresAt(JsonNode token) {
		String value = text(token, "expires_at");
		if (value == null) {
			throw new KeystoneUnavailableException("Keystone returned a token without expires_at");
		}
		try {
			// Keystone writes 2026-11-22T01:42:14.000000Z; an offset instead of Z is accepted too.
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new KeystoneUnavailableException("Keystone returned an unreadable expires_at: " + value, ex);
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.stringValue() : null;
	}

}
