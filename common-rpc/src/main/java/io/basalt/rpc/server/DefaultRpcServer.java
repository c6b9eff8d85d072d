package io.basalt.rpc.server;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.basalt.rpc.DeadLetterAware;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.InvalidArguments;
import io.basalt.rpc.InvalidTarget;
import io.basalt.rpc.NoSuchMethod;
import io.basalt.rpc.RpcException;
import io.basalt.rpc.RpcServer;
import io.basalt.rpc.Target;
import io.basalt.rpc.UnsupportedVersion;
import io.basalt.rpc.dispatch.Dispatcher;
import io.basalt.rpc.transport.Listener;
import io.basalt.rpc.transport.Transport;
import io.basalt.rpc.transport.MessageHandler;
import io.basalt.rpc.wire.MalformedMessageException;
import io.basalt.rpc.wire.RemoteFailure;
import io.basalt.rpc.wire.ReplyMessage;
import io.basalt.rpc.wire.RequestMessage;
import io.basalt.rpc.wire.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The {@link RpcServer} over a {@link io.basalt.rpc.transport.Transport}, as oslo's {@code RPCServer}: decodes
 * each request, drops a repeated {@code _unique_id}, dispatches, and for a call replies with the result or the
 * failure. The transport acknowledges the message only after this returns, so a state-changing cast is
 * at-least-once and endpoint methods must be idempotent.
 * <p>
 * <b>Failures are parked, not dropped.</b> A cast whose handler throws is tried again, up to
 * {@link ServerRuntime#castAttempts()} times in all, with a pause of {@link ServerRuntime#castRetryDelay()}
 * doubled each time (handlers are idempotent, and most failures of a correct message are passing: a database or
 * broker restart); a message that cannot succeed (no such method, an unsupported version, arguments that do not
 * fit) is not tried again. Then, and for a malformed message at once, the message goes to the topic's
 * dead-letter queue ({@link Transport#deadLetter}) with the reason, an {@code ERROR} log line naming it, and the
 * metric {@code basalt.rpc.dead.lettered} (tags {@code topic}, {@code method}, {@code reason}); the server goes
 * on serving; endpoint beans that are {@link DeadLetterAware} are told, to put the resource into its error
 * status. A call's failure is replied to its caller instead, at once. Long calls that ask for it ({@code _timeout}) get a
 * heartbeat reply every half of that interval.
 * <p>
 * Threading: {@link #onMessage} runs on the transport's consumer threads, up to {@code concurrency} at once;
 * start and stop may be called from any thread.
 */
public final class DefaultRpcServer implements RpcServer, MessageHandler {

	private static final Logger log = LoggerFactory.getLogger(DefaultRpcServer.class);

	private final ServerRuntime runtime;

	private final Target target;

	private final Dispatcher dispatcher;

	private final RecentIds recentIds;

	private final List<Endpoint> endpoints;

	private Listener listener;

	public DefaultRpcServer(ServerRuntime runtime, Target target, List<Endpoint> endpoints) {
		this.runtime = Objects.requireNonNull(runtime, "runtime");
		Objects.requireNonNull(target, "target");
		if (target.server() == null || target.server().isBlank()) {
			throw new InvalidTarget("A server target needs a server name (topic " + target.topic() + ")");
		}
		this.target = target;
		this.dispatcher = new Dispatcher(endpoints, runtime.codec().mapper());
		this.endpoints = List.copyOf(endpoints);
		this.recentIds = new RecentIds(runtime.duplicateWindow());
	}

	@Override
	public Target target() {
		return this.target;
	}

	@Override
	public synchronized void start() {
		if (this.listener == null) {
			this.listener = this.runtime.transport().listen(this.target, this.runtime.concurrency(), this);
			log.info("RPC server {}.{} on exchange {} started: {}", this.target.topic(), this.target.server(),
					this.target.exchange(), this.dispatcher.methodNames());
		}
	}

	@Override
	public synchronized void stop() {
		if (this.listener != null) {
			this.listener.close();
			this.listener = null;
			log.info("RPC server {}.{} stopped", this.target.topic(), this.target.server());
		}
	}

	@Override
	public void onMessage(byte[] body) {
		RequestMessage request;
		try {
			request = this.runtime.codec().decodeRequest(body);
		}
		catch (MalformedMessageException ex) {
			log.error("Dead-lettering a malformed RPC message on {} to {}: {} (body: {})", this.target.topic(),
					Transport.deadLetterQueue(this.target.topic()), ex.getMessage(), WireCodec.preview(body));
			this.runtime.transport().deadLetter(this.target.topic(), body, "malformed message: " + ex.getMessage());
			this.runtime.metrics().deadLettered(this.target.topic(), "unknown", "malformed");
			return;
		}
		if (!this.recentIds.add(request.uniqueId())) {
			log.info("Dropping duplicate RPC message {} ({}, request {})", request.uniqueId(), request.method(),
					request.context().requestId());
			return;
		}
		int attempts = request.isCall() ? 1 : Math.max(1, this.runtime.castAttempts());
		long delayMillis = this.runtime.castRetryDelay().toMillis();
		for (int attempt = 1;; attempt++) {
			Outcome outcome = dispatch(request);
			if (request.isCall()) {
				reply(request, new ReplyMessage((JsonNode) outcome.result(), outcome.failure(), true, request.msgId(),
						WireCodec.newId()));
				return;
			}
			if (outcome.error() == null) {
				return;
			}
			if (attempt >= attempts || !retryable(outcome.error()) || !pause(delayMillis)) {
				deadLetter(request, body, outcome.error(), attempt);
				return;
			}
			log.warn("Cast {} (message {}, request {}) failed on attempt {} of {}; trying again in {} ms: {}",
					request.method(), request.uniqueId(), request.context().requestId(), attempt, attempts,
					delayMillis, outcome.error().toString());
			delayMillis *= 2;
		}
	}

	/** One dispatch: the result, or the failure (logged) and the exception. */
	private Outcome dispatch(RequestMessage request) {
		ScheduledFuture<?> heartbeat = startHeartbeat(request);
		long start = System.nanoTime();
		try {
			Object result = this.runtime.codec().valueToJson(this.dispatcher.dispatch(request));
			this.runtime.metrics().dispatched(this.target.topic(), request.method(), true, System.nanoTime() - start);
			return new Outcome(result, null, null);
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			this.runtime.metrics().dispatched(this.target.topic(), request.method(), false, System.nanoTime() - start);
			logFailure(request, ex);
			return new Outcome(null, this.runtime.exceptions().toFailure(ex), ex);
		}
		finally {
			if (heartbeat != null) {
				heartbeat.cancel(false);
			}
			if (log.isDebugEnabled()) {
				log.debug("{} {} (request {}) took {} ms", request.isCall() ? "Call" : "Cast", request.method(),
						request.context().requestId(), (System.nanoTime() - start) / 1_000_000.0);
			}
		}
	}

	private record Outcome(Object result, RemoteFailure failure, Throwable error) {
	}

	/**
	 * Whether trying again may help: not when the message itself is at fault (no such method, a version this
	 * server does not speak, arguments that do not fit), which fails the same way every time.
	 */
	static boolean retryable(Throwable error) {
		return !(error instanceof NoSuchMethod || error instanceof UnsupportedVersion
				|| error instanceof InvalidArguments);
	}

	/** Sleeps before the next try; false if interrupted (the server is stopping: no more tries). */
	private static boolean pause(long millis) {
		try {
			Thread.sleep(millis);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void deadLetter(RequestMessage request, byte[] body, Throwable error, int attempts) {
		String queue = Transport.deadLetterQueue(this.target.topic());
		log.error("Dead-lettered cast {} (message {}, request {}) to {} after {} attempt(s): {}", request.method(),
				request.uniqueId(), request.context().requestId(), queue, attempts, error.toString());
		this.runtime.transport().deadLetter(this.target.topic(), body, "cast " + request.method() + " failed after "
				+ attempts + " attempt(s): " + error);
		this.runtime.metrics().deadLettered(this.target.topic(), request.method(),
				retryable(error) ? "handler_failed" : "rejected");
		String reason = "The request could not be processed (" + request.method() + " failed " + attempts
				+ " time(s); last error: " + error.getMessage() + ")";
		for (Endpoint endpoint : this.endpoints) {
			if (endpoint.bean() instanceof DeadLetterAware aware) {
				try {
					aware.deadLettered(request.context(), request.method(), request.args(), reason);
				}
				catch (RuntimeException ex) {
					log.warn("{} could not record the dead-lettered {} (request {}): {}",
							endpoint.bean().getClass().getSimpleName(), request.method(),
							request.context().requestId(), ex.toString());
				}
			}
		}
	}

	private void reply(RequestMessage request, ReplyMessage reply) {
		this.runtime.transport().reply(request.replyQueue(), this.runtime.codec().encodeReply(reply));
	}

	private ScheduledFuture<?> startHeartbeat(RequestMessage request) {
		if (!request.isCall() || request.callMonitorSeconds() == null) {
			return null;
		}
		long intervalMillis = (long) (request.callMonitorSeconds() * 1000 / 2);
		if (intervalMillis < 1000) {
			log.warn("Not sending heartbeats for {}: call-monitor timeout {} s is too short", request.method(),
					request.callMonitorSeconds());
			return null;
		}
		return this.runtime.heartbeats().scheduleAtFixedRate(() -> {
			try {
				reply(request, new ReplyMessage(null, null, false, request.msgId(), WireCodec.newId()));
			}
			catch (RuntimeException ex) {
				log.warn("Could not send a heartbeat for {}: {}", request.method(), ex.toString());
			}
		}, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
	}

	private void logFailure(RequestMessage request, Throwable ex) {
		if (ex instanceof NoSuchMethod || ex instanceof UnsupportedVersion) {
			log.warn("{} (request {})", ex.getMessage(), request.context().requestId());
		}
		else if (ex instanceof RpcException && request.isCall()) {
			log.info("{} (request {}) failed: {}", request.method(), request.context().requestId(), ex.toString());
		}
		else {
			log.error("Exception during message handling: {} (request {})", request.method(),
					request.context().requestId(), ex);
		}
	}

}
