package io.basalt.api.policy;

import java.util.List;

/**
 * What a policy check knows about the caller: the values oslo.context's {@code to_policy_values()} gives
 * oslo.policy (Cinder's request context). Immutable; safe to share between threads.
 *
 * @param userId the user id (null when unknown)
 * @param projectId the project the token is scoped to (null for a system-scoped token)
 * @param userDomainId the user's domain id (null when unknown)
 * @param projectDomainId the project's domain id (null when unknown)
 * @param roles role names (implied roles included); matched case-insensitively, as oslo.policy lowercases them
 * @param systemScope {@code all} for a system-scoped token, else null
 * @param isAdminProject whether the token is scoped to the cloud's admin project; keystonemiddleware treats a
 * token that does not say as one, so the shorter constructors set it
 */
public record Credentials(String userId, String projectId, String userDomainId, String projectDomainId,
		List<String> roles, String systemScope, boolean isAdminProject) {

	public Credentials {
		roles = (roles != null) ? List.copyOf(roles) : List.of();
	}

	/** Credentials of a project-scoped token without {@code is_admin_project} (taken as the admin project). */
	public Credentials(String userId, String projectId, String userDomainId, String projectDomainId,
			List<String> roles, String systemScope) {
		this(userId, projectId, userDomainId, projectDomainId, roles, systemScope, true);
	}

	/** Credentials known only by user, project and roles (noauth, tests). */
	public Credentials(String userId, String projectId, List<String> roles) {
		this(userId, projectId, null, null, roles, null, true);
	}

	/** Whether the caller has the role, ignoring case. */
	public boolean hasRole(String role) {
		for (int i = 0; i < this.roles.size(); i++) {
			if (this.roles.get(i).equalsIgnoreCase(role)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The value of a policy attribute as a string, as oslo.policy compares it (booleans as {@code True} and
	 * {@code False}); null for an unknown attribute, an unset value, and {@code roles} (a list: see
	 * {@link #roles()}). {@code domain_id} is always null: in oslo.context it is the scope of a domain-scoped
	 * token ({@code X-Domain-Id}), not the user's or the project's domain, and these credentials describe project-
	 * and system-scoped tokens only; so {@code domain_id:%(domain_id)s} fails, as it does in Cinder for them.
	 */
	String attribute(String name) {
		return switch (name) {
			case "user_id" -> this.userId;
			case "project_id" -> this.projectId;
			case "user_domain_id" -> this.userDomainId;
			case "project_domain_id" -> this.projectDomainId;
			case "system_scope" -> this.systemScope;
			case "is_admin_project" -> this.isAdminProject ? "True" : "False";
			default -> null;
		};
	}

}
