package io.basalt.api.policy;

import java.util.HashMap;
import java.util.Map;

import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.Principal;

import org.springframework.stereotype.Component;

/**
 * The one place a request is authorized: asks the {@link PolicyEnforcer} whether the caller's credentials pass
 * a named rule (Cinder's rule names) against a target project, and answers a denial with Cinder's 403
 * {@code Policy doesn't allow <rule> to be performed.}. Controllers and dispatchers ask it by rule name; they
 * never test roles themselves. Thread-safe.
 */
@Component
public class Policy {

	/** The rule whose result is Cinder's {@code context.is_admin}. */
	public static final String CONTEXT_IS_ADMIN = "context_is_admin";

	private final PolicyEnforcer enforcer;

	public Policy(PolicyEnforcer enforcer) {
		this.enforcer = enforcer;
	}

	/** Fails with 403 unless the caller passes {@code rule} for the URL's project. */
	public void authorize(ApiRequest req, String rule) {
		authorize(req, rule, req.projectId());
	}

	/** Fails with 403 unless the caller passes {@code rule} for {@code targetProjectId}. */
	public void authorize(ApiRequest req, String rule, String targetProjectId) {
		if (!allows(req, rule, targetProjectId)) {
			throw ApiException.forbidden("Policy doesn't allow " + rule + " to be performed.");
		}
	}

	/** Whether the caller passes {@code rule} for the URL's project (for optional views and filters). */
	public boolean allows(ApiRequest req, String rule) {
		return allows(req, rule, req.projectId());
	}

	/** Whether the caller passes {@code rule} for {@code targetProjectId}. */
	public boolean allows(ApiRequest req, String rule, String targetProjectId) {
		Principal principal = req.principal();
		Map<String, String> target = new HashMap<>(4);
		if (targetProjectId != null) {
			target.put("project_id", targetProjectId);
		}
		if (principal.userId() != null) {
			target.put("user_id", principal.userId());
		}
		return this.enforcer.check(rule, credentials(principal), target);
	}

	/** Cinder's {@code context.is_admin}: the {@code context_is_admin} rule against the caller itself. */
	public boolean isAdmin(Principal principal) {
		return this.enforcer.isAdmin(credentials(principal));
	}

	static Credentials credentials(Principal p) {
		return new Credentials(p.userId(), p.projectId(), p.userDomainId(), p.projectDomainId(), p.roles(),
				p.systemScope(), true);
	}

}
