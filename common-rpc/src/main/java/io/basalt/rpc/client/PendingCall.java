package io.basalt.rpc.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.basalt.rpc.RpcException;
import io.basalt.rpc.RpcTimeoutException;
import io.basalt.rpc.wire.RemoteFailure;
import io.basalt.rpc.wire.ReplyMessage;
import tools.jackson.databind.JsonNode;

/**
 * One call waiting for its reply. The reply thread feeds it ({@link #accept}); the calling thread waits
 * ({@link #await}). Follows oslo's reply loop: messages with {@code ending = false} are heartbeats or partial
 * results (the last non-null result is kept); the message with {@code ending = true} completes the call.
 * Thread-safe for one feeder and one waiter.
 */
final class PendingCall {

	private final String msgId;

	private final CompletableFuture<ReplyMessage> done = new CompletableFuture<>();

	private volatile long lastActivity = System.nanoTime();

	private volatile JsonNode partialResult;

	private volatile RemoteFailure partialFailure;

	PendingCall(String msgId) {
		this.msgId = msgId;
	}

	void accept(ReplyMessage reply) {
		this.lastActivity = System.nanoTime();
		if (!reply.ending()) {
			if (reply.result() != null && !reply.result().isNull()) {
				this.partialResult = reply.result();
			}
			if (reply.failure() != null) {
				this.partialFailure = reply.failure();
			}
			return;
		}
		JsonNode result = (reply.result() != null && !reply.result().isNull()) ? reply.result() : this.partialResult;
		RemoteFailure failure = (reply.failure() != null) ? reply.failure() : this.partialFailure;
		this.done.complete(new ReplyMessage(result, failure, true, reply.msgId(), reply.uniqueId()));
	}

	void fail(RpcException error) {
		this.done.completeExceptionally(error);
	}

	/**
	 * Waits for the final reply.
	 * @param timeoutNanos the overall timeout
	 * @param monitorNanos the call-monitor timeout (0 for none): fail when nothing at all arrived for that long
	 */
	ReplyMessage await(long timeoutNanos, long monitorNanos, String description) {
		long deadline = System.nanoTime() + timeoutNanos;
		while (true) {
			long now = System.nanoTime();
			long wait = deadline - now;
			if (monitorNanos > 0) {
				long monitorDeadline = this.lastActivity + monitorNanos;
				if (monitorDeadline - now <= 0) {
					throw new RpcTimeoutException("No heartbeat for " + description + " within the call-monitor "
							+ "timeout of " + TimeUnit.NANOSECONDS.toMillis(monitorNanos) + " ms (msg_id "
							+ this.msgId + ")");
				}
				wait = Math.min(wait, monitorDeadline - now);
			}
			if (wait <= 0) {
				throw new RpcTimeoutException("Timed out waiting for a reply to " + description + " after "
						+ TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (msg_id " + this.msgId + ")");
			}
			try {
				return this.done.get(wait, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				// loop: either the overall deadline or the monitor deadline has passed, or a heartbeat moved it
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof RpcException rpc) {
					throw rpc;
				}
				throw new RpcException("call failed: " + ex.getCause(), ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RpcException("interrupted while waiting for a reply to " + description, ex);
			}
		}
	}

}
