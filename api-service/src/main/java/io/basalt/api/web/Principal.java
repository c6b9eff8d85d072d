package io.basalt.api.web;

import java.time.Instant;
import java.util.List;

/**
 * Who a request authenticated as: what keystonemiddleware's auth_token puts in Cinder's request context.
 *
 * @param userId the user id
 * @param userName the user name (null when unknown, e.g. in noauth)
 * @param userDomainId the user's domain id (null when unknown)
 * @param projectId the project (tenant) the token is scoped to (null for a system- or domain-scoped token)
 * @param projectName the project name (null when unknown)
 * @param projectDomainId the project's domain id (null when unknown)
 * @param roles role names as Keystone returns them (implied roles included)
 * @param systemScope {@code all} for a system-scoped token, else null
 * @param expiresAt when the token stops being valid (null: no expiry known, as in noauth)
 */
public record Principal(String userId, String userName, String userDomainId, String projectId, String projectName,
		String projectDomainId, List<String> roles, String systemScope, Instant expiresAt) {

	public Principal {
		roles = (roles != null) ? List.copyOf(roles) : List.of();
	}

	/** A principal known only by user, project and roles (noauth, tests). */
	public Principal(String userId, String projectId, List<String> roles) {
		this(userId, null, null, projectId, null, null, roles, null, null);
	}

	/** Whether the caller has the {@code admin} role. */
	public boolean isAdmin() {
		return this.roles.stream().anyMatch("admin"::equalsIgnoreCase);
	}

}
