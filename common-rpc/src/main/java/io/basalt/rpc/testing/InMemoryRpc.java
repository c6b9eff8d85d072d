package io.basalt.rpc.testing;

import io.basalt.rpc.engine.RpcSettings;
import io.basalt.rpc.engine.TransportRpc;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * An {@link io.basalt.rpc.Rpc} for unit tests: the real clients, servers, dispatcher and wire codec over an
 * {@link InMemoryBroker} instead of RabbitMQ. Several instances over one broker behave like several processes.
 * Thread-safe.
 */
public final class InMemoryRpc extends TransportRpc {

	private final InMemoryBroker broker;

	/** An RPC with Basalt's default settings on a broker of its own. */
	public InMemoryRpc() {
		this(new InMemoryBroker(), RpcSettings.defaults(), new SimpleMeterRegistry());
	}

	public InMemoryRpc(InMemoryBroker broker, RpcSettings settings, MeterRegistry registry) {
		super(new InMemoryTransport(broker, settings.exchange()), settings, registry);
		this.broker = broker;
	}

	public InMemoryBroker broker() {
		return this.broker;
	}

}
