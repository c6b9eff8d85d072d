package io.basalt.rpc;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Who asked, and which request this work belongs to. Travels with every RPC message as oslo's flattened
 * {@code _context_*} keys and is restored on the receiving side (and put in the logging MDC), so one
 * {@code request_id} can be followed across all services.
 *
 * @param requestId {@code req-<uuid>}
 * @param globalRequestId the caller-supplied global request id, or null
 * @param userId the user id, or null for the service itself
 * @param projectId the project id, or null
 * @param roles role names (never null)
 * @param isAdmin whether the caller has admin rights
 */
public record RequestContext(String requestId, String globalRequestId, String userId, String projectId,
		List<String> roles, boolean isAdmin) {

	public RequestContext {
		Objects.requireNonNull(requestId, "requestId");
		roles = (roles != null) ? List.copyOf(roles) : List.of();
	}

	/** A fresh request id in OpenStack's {@code req-<uuid>} form. */
	public static String newRequestId() {
		return "req-" + UUID.randomUUID();
	}

	/** An admin context for work a service does on its own behalf (periodic tasks, reports). */
	public static RequestContext admin() {
		return new RequestContext(newRequestId(), null, null, null, List.of("admin"), true);
	}

	/** A context for a user of a project. */
	public static RequestContext of(String userId, String projectId, List<String> roles, boolean isAdmin) {
		return new RequestContext(newRequestId(), null, userId, projectId, roles, isAdmin);
	}

}
