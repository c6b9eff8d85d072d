package io.basalt.rpc.wire;

import java.util.Objects;

import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcVersion;
import tools.jackson.databind.node.ObjectNode;

/**
 * A decoded (or to-be-encoded) RPC request: oslo's inner message for a call or a cast.
 *
 * @param method the endpoint method name
 * @param args the keyword arguments as a JSON object (never null)
 * @param version the requested version, or null (the receiver takes it as 1.0)
 * @param namespace the endpoint namespace, or null
 * @param msgId {@code _msg_id}: set for calls only
 * @param replyQueue {@code _reply_q}: set for calls only
 * @param callMonitorSeconds {@code _timeout}: the call-monitor timeout in seconds, or null
 * @param uniqueId {@code _unique_id}, for duplicate detection
 * @param context the caller's context
 */
public record RequestMessage(String method, ObjectNode args, RpcVersion version, String namespace, String msgId,
		String replyQueue, Double callMonitorSeconds, String uniqueId, RequestContext context) {

	public RequestMessage {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(args, "args");
		Objects.requireNonNull(uniqueId, "uniqueId");
		Objects.requireNonNull(context, "context");
	}

	/** Whether this is a call (expects a reply). */
	public boolean isCall() {
		return this.msgId != null && this.replyQueue != null;
	}

	/** The version asked for, defaulting to 1.0 like oslo. */
	public RpcVersion versionOrDefault() {
		return (this.version != null) ? this.version : RpcVersion.DEFAULT;
	}

}
