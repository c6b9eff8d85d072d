package io.basalt.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A cast encoded but not yet sent: its resolved target and the exact message body (the oslo envelope, UTF-8
 * JSON) that {@link RpcClient#cast} would publish. Made by {@link RpcClient#encodeCast} and sent, now or after a
 * restart, by {@link Rpc#sendCast}: a transactional outbox stores it in the transaction of the change it
 * announces and sends it after the commit, and a relay that sends it again puts the very same bytes on the wire
 * (same {@code _unique_id}, so a receiver drops a second copy as a duplicate). Immutable.
 *
 * @param target where it goes, exchange resolved ({@code version} and {@code namespace} are inside the body too)
 * @param method the method name (also inside the body; kept for metrics, logs and an operator)
 * @param body the envelope as UTF-8 JSON text
 */
public record EncodedCast(Target target, String method, String body) {

	public EncodedCast {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(body, "body");
	}

	/** The body's bytes, as the transport publishes them. */
	public byte[] bodyBytes() {
		return this.body.getBytes(StandardCharsets.UTF_8);
	}

}
