package io.basalt.rpc.wire;

import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * A decoded (or to-be-encoded) reply to a call. A normal reply has {@code ending = true}; a call-monitor
 * heartbeat has no result, no failure and {@code ending = false}.
 *
 * @param result the result as JSON (a null node or null for none)
 * @param failure the remote failure, or null
 * @param ending whether this is the last message for the call
 * @param msgId the {@code _msg_id} of the request answered
 * @param uniqueId this reply's {@code _unique_id}
 */
public record ReplyMessage(JsonNode result, RemoteFailure failure, boolean ending, String msgId, String uniqueId) {

	public ReplyMessage {
		Objects.requireNonNull(msgId, "msgId");
	}

	/** Whether this is a call-monitor heartbeat. */
	public boolean isHeartbeat() {
		return !this.ending && this.failure == null && (this.result == null || this.result.isNull());
	}

}
