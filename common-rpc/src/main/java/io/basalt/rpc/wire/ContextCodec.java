package io.basalt.rpc.wire;

import java.util.ArrayList;
import java.util.List;

import io.basalt.rpc.RequestContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps a {@link RequestContext} to oslo's flattened {@code _context_*} keys and back.
 * <p>
 * Written: {@code _context_request_id}, {@code _context_global_request_id}, {@code _context_user_id},
 * {@code _context_project_id}, {@code _context_roles}, {@code _context_is_admin}, and the oslo.context aliases
 * {@code _context_user}, {@code _context_project} and {@code _context_tenant}. Read: the same keys, the aliases
 * as fallbacks when the {@code _id} keys are absent or null; every other {@code _context_*} key (Cinder sends
 * some thirty) is ignored. A message without a request id gets a fresh one. Stateless and thread-safe.
 */
public final class ContextCodec {

	static final String PREFIX = "_context_";

	private ContextCodec() {
	}

	/** Adds the context's keys to {@code message}. */
	public static void write(RequestContext context, ObjectNode message) {
		message.put(PREFIX + "request_id", context.requestId());
		message.put(PREFIX + "global_request_id", context.globalRequestId());
		message.put(PREFIX + "user_id", context.userId());
		message.put(PREFIX + "project_id", context.projectId());
		message.put(PREFIX + "user", context.userId());
		message.put(PREFIX + "project", context.projectId());
		message.put(PREFIX + "tenant", context.projectId());
		ArrayNode roles = message.putArray(PREFIX + "roles");
		context.roles().forEach(roles::add);
		message.put(PREFIX + "is_admin", context.isAdmin());
	}

	/** Reads the context from a message's {@code _context_*} keys. */
	public static RequestContext read(JsonNode message) {
		String requestId = text(message, "request_id");
		if (requestId == null || requestId.isEmpty()) {
			requestId = RequestContext.newRequestId();
		}
		String userId = firstText(message, "user_id", "user");
		String projectId = firstText(message, "project_id", "project", "tenant");
		List<String> roles = new ArrayList<>();
		JsonNode rolesNode = message.get(PREFIX + "roles");
		if (rolesNode != null && rolesNode.isArray()) {
			for (JsonNode role : rolesNode) {
				if (role.isString()) {
					roles.add(role.stringValue());
				}
			}
		}
		JsonNode admin = message.get(PREFIX + "is_admin");
		boolean isAdmin = admin != null && admin.isBoolean() && admin.booleanValue();
		return new RequestContext(requestId, text(message, "global_request_id"), userId, projectId, roles, isAdmin);
	}

	private static String firstText(JsonNode message, String... keys) {
		for (String key : keys) {
			String value = text(message, key);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static String text(JsonNode message, String key) {
		JsonNode node = message.get(PREFIX + key);
		if (node == null || node.isNull()) {
			return null;
		}
		return node.isString() ? node.stringValue() : node.toString();
	}

}
