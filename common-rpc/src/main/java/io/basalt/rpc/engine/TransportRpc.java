package io.basalt.rpc.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.basalt.rpc.EncodedCast;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.Rpc;
import io.basalt.rpc.RpcClient;
import io.basalt.rpc.RpcServer;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.Target;
import io.basalt.rpc.client.ClientRuntime;
import io.basalt.rpc.client.DefaultRpcClient;
import io.basalt.rpc.client.ReplyRouter;
import io.basalt.rpc.dispatch.RemoteExceptions;
import io.basalt.rpc.metrics.RpcMetrics;
import io.basalt.rpc.server.DefaultRpcServer;
import io.basalt.rpc.server.ServerRuntime;
import io.basalt.rpc.transport.Transport;
import io.basalt.rpc.wire.WireCodec;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * An {@link Rpc} over any {@link Transport}: one reply router and reply queue (started on the first call), one
 * heartbeat thread, shared metrics, and the servers made here (stopped on {@link #close()}). The AMQP and the
 * in-memory implementations are both this class with a different transport. Thread-safe.
 */
public class TransportRpc implements Rpc {

	private final Transport transport;

	private final RpcSettings settings;

	private final ClientRuntime clientRuntime;

	private final ServerRuntime serverRuntime;

	private final ScheduledExecutorService heartbeats;

	private final List<RpcServer> servers = new CopyOnWriteArrayList<>();

	private final ReplyRouter replies;

	private volatile String replyQueue;

	public TransportRpc(Transport transport, RpcSettings settings, MeterRegistry registry) {
		this.transport = transport;
		this.settings = settings;
		WireCodec codec = WireCodec.standard();
		RpcMetrics metrics = new RpcMetrics(registry);
		RemoteExceptions exceptions = new RemoteExceptions(settings.allowedRemoteExceptionPackages());
		this.replies = new ReplyRouter(codec);
		this.heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
			.daemon()
			.name("rpc-heartbeat")
			.factory());
		this.clientRuntime = new ClientRuntime(transport, codec, this.replies, this::replyQueue, exceptions, metrics,
				settings.exchange(), settings.defaultTimeout(), settings.castRetryBound());
		this.serverRuntime = new ServerRuntime(transport, codec, exceptions, metrics, this.heartbeats,
				settings.serverConcurrency(), settings.duplicateWindow());
	}

	public RpcSettings settings() {
		return this.settings;
	}

	public Transport transport() {
		return this.transport;
	}

	/** The process's reply queue, started on first use. */
	public String replyQueue() {
		String queue = this.replyQueue;
		if (queue == null) {
			synchronized (this) {
				queue = this.replyQueue;
				if (queue == null) {
					queue = this.transport.startReplies(this.replies);
					this.replyQueue = queue;
				}
			}
		}
		return queue;
	}

	@Override
	public RpcClient client(Target target, RpcVersion versionCap, Duration timeout) {
		return new DefaultRpcClient(this.clientRuntime, target, versionCap, timeout, null);
	}

	@Override
	public void sendCast(EncodedCast cast, Duration retryBound) {
		new DefaultRpcClient(this.clientRuntime, cast.target(), null, null, null).send(cast, retryBound);
	}

	@Override
	public RpcServer server(Target target, List<Endpoint> endpoints) {
		Target resolved = (target.exchange() != null) ? target : target.withExchange(this.settings.exchange());
		RpcServer server = new DefaultRpcServer(this.serverRuntime, resolved, endpoints);
		this.servers.add(server);
		return server;
	}

	@Override
	public void close() {
		List<RuntimeException> errors = new ArrayList<>();
		for (RpcServer server : this.servers) {
			try {
				server.stop();
			}
			catch (RuntimeException ex) {
				errors.add(ex);
			}
		}
		this.servers.clear();
		this.heartbeats.shutdownNow();
		this.transport.close();
		if (!errors.isEmpty()) {
			throw errors.get(0);
		}
	}

}
