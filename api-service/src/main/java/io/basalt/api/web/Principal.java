package io.basalt.api.web;

import java.util.List;

/**
 * Who a request authenticated as.
 *
 * @param userId the user id
 * @param projectId the project (tenant) the token is scoped to
 * @param roles role names
 */
public record Principal(String userId, String projectId, List<String> roles) {

	public Principal {
		roles = (roles != null) ? List.copyOf(roles) : List.of();
	}

	/** Whether the caller has the {@code admin} role. */
	public boolean isAdmin() {
		return this.roles.stream().anyMatch("admin"::equalsIgnoreCase);
	}

}
