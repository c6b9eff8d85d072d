package io.basalt.api.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Cinder's {@code noauth} middleware: the token {@code user:project} (what the {@code cinder} CLI sends with
 * {@code OS_AUTH_TYPE=noauth}) is trusted as it is; a token without a colon is both user and project. Roles
 * come from the {@code X-Roles} header (comma-separated), else from {@code basalt.api.auth.default-roles}
 * ({@code admin} by default: as in Cinder, a noauth caller is an admin unless told otherwise). For development
 * and tests only. Thread-safe.
 */
public class NoAuthProvider implements AuthenticationProvider {

	private final List<String> defaultRoles;

	public NoAuthProvider(List<String> defaultRoles) {
		this.defaultRoles = List.copyOf(defaultRoles);
	}

	@Override
	public Principal authenticate(HttpServletRequest request) {
		String token = request.getHeader("X-Auth-Token");
		if (token == null || token.isBlank()) {
			return null;
		}
		token = token.trim();
		int colon = token.indexOf(':');
		String user = (colon < 0) ? token : token.substring(0, colon);
		String project = (colon < 0) ? token : token.substring(colon + 1);
		if (user.isEmpty() || project.isEmpty()) {
			throw new ApiException(org.springframework.http.HttpStatus.UNAUTHORIZED,
					"Authentication required: malformed token");
		}
		return new Principal(user, project, roles(request));
	}

	private List<String> roles(HttpServletRequest request) {
		String header = request.getHeader("X-Roles");
		if (header == null || header.isBlank()) {
			return withImplied(this.defaultRoles);
		}
		return withImplied(Arrays.stream(header.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList());
	}

	/**
	 * The roles with the ones Keystone's default role implications add ({@code admin} → {@code member} →
	 * {@code reader}), so that a noauth {@code X-Roles: member} passes the same reader rules as a Keystone token.
	 */
	static List<String> withImplied(List<String> roles) {
		LinkedHashSet<String> all = new LinkedHashSet<>(roles);
		if (all.stream().anyMatch("admin"::equalsIgnoreCase)) {
			all.add("member");
		}
		if (all.stream().anyMatch("member"::equalsIgnoreCase)) {
			all.add("reader");
		}
		return List.copyOf(all);
	}

	/** Hands out the token {@code X-Auth-User:X-Auth-Project-Id} with a 204, as Cinder's noauth. */
	@Override
	public boolean handleTokenRequest(HttpServletRequest request, HttpServletResponse response, String baseUrl) {
		String user = header(request, "X-Auth-User", "admin");
		String project = header(request, "X-Auth-Project-Id", user);
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
		response.setHeader("X-Auth-Token", user + ":" + project);
		response.setHeader("X-Server-Management-Url", baseUrl + "/v3");
		response.setContentType("text/plain; charset=UTF-8");
		return true;
	}

	private static String header(HttpServletRequest request, String name, String fallback) {
		String value = request.getHeader(name);
		return (value == null || value.isBlank()) ? fallback : value.trim();
	}

}
