package io.basalt.rpc.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import io.basalt.rpc.DeliveryFailure;
import io.basalt.rpc.EncodedCast;
import io.basalt.rpc.InvalidTarget;
import io.basalt.rpc.Prepare;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcClient;
import io.basalt.rpc.RpcException;
import io.basalt.rpc.RpcTimeoutException;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.Target;
import io.basalt.rpc.VersionCapException;
import io.basalt.rpc.wire.ReplyMessage;
import io.basalt.rpc.wire.RequestMessage;
import io.basalt.rpc.wire.WireCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The {@link RpcClient} over a {@link io.basalt.rpc.transport.Transport}, as oslo's {@code RPCClient} and
 * {@code _BaseCallContext}: checks the version cap, encodes the request with the wire codec, publishes it, and
 * for a call waits on the process reply queue for the reply with its {@code _msg_id}.
 * <p>
 * Immutable and thread-safe: {@link #prepare} returns a new client. A call blocks its thread until the reply,
 * the timeout, or a delivery failure.
 */
public final class DefaultRpcClient implements RpcClient {

	private final ClientRuntime runtime;

	private final Target target;

	private final RpcVersion versionCap;

	private final Duration timeout;

	private final Duration callMonitorTimeout;

	public DefaultRpcClient(ClientRuntime runtime, Target target, RpcVersion versionCap, Duration timeout,
			Duration callMonitorTimeout) {
		this.runtime = Objects.requireNonNull(runtime, "runtime");
		Objects.requireNonNull(target, "target");
		this.target = (target.exchange() != null) ? target : target.withExchange(runtime.defaultExchange());
		this.versionCap = versionCap;
		this.timeout = (timeout != null) ? timeout : runtime.defaultTimeout();
		if (this.timeout.isNegative() || this.timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive: " + this.timeout);
		}
		this.callMonitorTimeout = callMonitorTimeout;
	}

	@Override
	public Target target() {
		return this.target;
	}

	/** The call timeout of this client view. */
	public Duration timeout() {
		return this.timeout;
	}

	@Override
	public RpcClient prepare(Prepare overrides) {
		Target t = this.target;
		if (overrides.topic() != null) {
			t = t.withTopic(overrides.topic());
		}
		if (overrides.server() != null) {
			t = t.withServer(overrides.server());
		}
		if (overrides.fanout() != null) {
			t = t.withFanout(overrides.fanout());
		}
		if (overrides.version() != null) {
			t = t.withVersion(overrides.version());
		}
		if (overrides.namespace() != null) {
			t = t.withNamespace(overrides.namespace());
		}
		Duration newTimeout = (overrides.timeout() != null) ? overrides.timeout() : this.timeout;
		Duration monitor = (overrides.callMonitorTimeout() != null) ? overrides.callMonitorTimeout()
				: this.callMonitorTimeout;
		return new DefaultRpcClient(this.runtime, t, this.versionCap, newTimeout, monitor);
	}

	@Override
	public boolean canSendVersion(RpcVersion version) {
		return this.versionCap == null || this.versionCap.accepts(version);
	}

	@Override
	public <T> T call(RequestContext context, String method, Object args, Class<T> resultType) {
		Objects.requireNonNull(context, "context");
		Objects.requireNonNull(method, "method");
		if (this.target.fanout()) {
			throw new InvalidTarget("A call cannot be sent to a fanout target (topic " + this.target.topic() + ")");
		}
		checkCap();
		WireCodec codec = this.runtime.codec();
		String msgId = WireCodec.newId();
		Double monitorSeconds = (this.callMonitorTimeout != null) ? this.callMonitorTimeout.toMillis() / 1000.0 : null;
		RequestMessage request = new RequestMessage(method, codec.argsToJson(args), this.target.version(),
				this.target.namespace(), msgId, this.runtime.replyQueue().get(), monitorSeconds, WireCodec.newId(),
				context);
		byte[] body = codec.encodeRequest(request);
		String topic = this.target.topic();
		this.runtime.metrics().callSent(topic, method);
		long start = System.nanoTime();
		String outcome = "success";
		PendingCall pending = this.runtime.replies().register(msgId);
		try {
			Duration retryBound = min(this.timeout, this.runtime.sendRetryBound());
			this.runtime.transport().send(this.target, body, this.timeout, retryBound);
			long timeoutNanos = this.timeout.toNanos() - (System.nanoTime() - start);
			long monitorNanos = (this.callMonitorTimeout != null) ? this.callMonitorTimeout.toNanos() : 0;
			ReplyMessage reply = pending.await(Math.max(timeoutNanos, 1), monitorNanos, describe(method));
			if (reply.failure() != null) {
				outcome = "remote_error";
				throw this.runtime.exceptions().toException(reply.failure());
			}
			return convert(reply.result(), resultType, method);
		}
		catch (RpcTimeoutException ex) {
			outcome = "timeout";
			throw ex;
		}
		catch (DeliveryFailure ex) {
			outcome = "delivery_failure";
			throw ex;
		}
		finally {
			this.runtime.replies().remove(msgId);
			this.runtime.metrics().callDone(topic, method, outcome, System.nanoTime() - start);
		}
	}

	@Override
	public void cast(RequestContext context, String method, Object args) {
		send(encodeCast(context, method, args), null);
	}

	@Override
	public EncodedCast encodeCast(RequestContext context, String method, Object args) {
		Objects.requireNonNull(context, "context");
		Objects.requireNonNull(method, "method");
		checkCap();
		WireCodec codec = this.runtime.codec();
		RequestMessage request = new RequestMessage(method, codec.argsToJson(args), this.target.version(),
				this.target.namespace(), null, null, null, WireCodec.newId(), context);
		return new EncodedCast(this.target, method,
				new String(codec.encodeRequest(request), StandardCharsets.UTF_8));
	}

	/**
	 * Publishes an encoded cast to its own target (not this client's), retrying at most {@code retryBound} while
	 * the broker is away (null: the process's cast retry bound).
	 */
	public void send(EncodedCast cast, Duration retryBound) {
		Duration bound = (retryBound != null) ? retryBound : this.runtime.sendRetryBound();
		try {
			this.runtime.transport().send(cast.target(), cast.bodyBytes(), null, bound);
			this.runtime.metrics().castSent(cast.target().topic(), cast.method());
		}
		catch (DeliveryFailure ex) {
			this.runtime.metrics().castFailed(cast.target().topic(), cast.method());
			throw ex;
		}
	}

	private void checkCap() {
		RpcVersion version = (this.target.version() != null) ? this.target.version() : RpcVersion.DEFAULT;
		if (!canSendVersion(version)) {
			throw new VersionCapException(
					"Requested message version " + version + " is incompatible with the version cap " + this.versionCap);
		}
	}

	private <T> T convert(JsonNode result, Class<T> resultType, String method) {
		if (resultType == null || resultType == Void.class || resultType == void.class || result == null
				|| result.isNull()) {
			if (resultType != null && resultType.isPrimitive() && resultType != void.class) {
				throw new RpcException(describe(method) + " returned null for a " + resultType + " result");
			}
			return null;
		}
		try {
			return this.runtime.codec().mapper().treeToValue(result, resultType);
		}
		catch (JacksonException ex) {
			throw new RpcException("Cannot convert the result of " + describe(method) + " to "
					+ resultType.getName() + ": " + ex.getOriginalMessage(), ex);
		}
	}

	private String describe(String method) {
		return method + " on " + this.target.topic() + ((this.target.server() != null) ? "." + this.target.server() : "");
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
