package io.basalt.rpc.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The RPC layer's Micrometer meters. Names (all tagged {@code topic} and {@code method}):
 * <ul>
 * <li>{@code basalt.rpc.call} timer, tag {@code outcome} = {@code success | remote_error | timeout |
 * delivery_failure}: client-side call latency.</li>
 * <li>{@code basalt.rpc.calls}, {@code basalt.rpc.casts} counters: requests sent.</li>
 * <li>{@code basalt.rpc.failures} counter, tag {@code kind} = {@code remote_error | delivery_failure}: calls
 * answered with a failure and sends that could not be delivered.</li>
 * <li>{@code basalt.rpc.timeouts} counter: calls that got no reply in time.</li>
 * <li>{@code basalt.rpc.dispatch} timer, tag {@code outcome} = {@code success | error}: server-side handler
 * time.</li>
 * </ul>
 * Meters are cached per tag combination so the hot path does no registry look-up. Thread-safe.
 */
public final class RpcMetrics {

	private final MeterRegistry registry;

	private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<Key, Counter> counters = new ConcurrentHashMap<>();

	public RpcMetrics(MeterRegistry registry) {
		this.registry = (registry != null) ? registry : new SimpleMeterRegistry();
	}

	public MeterRegistry registry() {
		return this.registry;
	}

	public void callSent(String topic, String method) {
		counter("basalt.rpc.calls", topic, method, null, null).increment();
	}

	public void castSent(String topic, String method) {
		counter("basalt.rpc.casts", topic, method, null, null).increment();
	}

	/** Records a finished call; {@code outcome} is one of the documented values. */
	public void callDone(String topic, String method, String outcome, long nanos) {
		timer("basalt.rpc.call", topic, method, outcome).record(nanos, TimeUnit.NANOSECONDS);
		switch (outcome) {
			case "timeout" -> counter("basalt.rpc.timeouts", topic, method, null, null).increment();
			case "remote_error", "delivery_failure" ->
				counter("basalt.rpc.failures", topic, method, "kind", outcome).increment();
			default -> {
			}
		}
	}

	public void castFailed(String topic, String method) {
		counter("basalt.rpc.failures", topic, method, "kind", "delivery_failure").increment();
	}

	/** A received message was parked in its topic's dead-letter queue; {@code reason} is a short kind. */
	public void deadLettered(String topic, String method, String reason) {
		counter("basalt.rpc.dead.lettered", topic, method, "reason", reason).increment();
	}

	public void dispatched(String topic, String method, boolean success, long nanos) {
		timer("basalt.rpc.dispatch", topic, method, success ? "success" : "error").record(nanos,
				TimeUnit.NANOSECONDS);
	}

	private Timer timer(String name, String topic, String method, String outcome) {
		return this.timers.computeIfAbsent(new Key(name, topic, method, "outcome", outcome),
				(k) -> Timer.builder(name)
					.tag("topic", topic)
					.tag("method", method)
					.tag("outcome", outcome)
					.register(this.registry));
	}

	private Counter counter(String name, String topic, String method, String tagKey, String tagValue) {
		return this.counters.computeIfAbsent(new Key(name, topic, method, tagKey, tagValue), (k) -> {
			Counter.Builder builder = Counter.builder(name).tag("topic", topic).tag("method", method);
			if (tagKey != null) {
				builder.tag(tagKey, tagValue);
			}
			return builder.register(this.registry);
		});
	}

	private record Key(String name, String topic, String method, String tagKey, String tagValue) {
	}

}
