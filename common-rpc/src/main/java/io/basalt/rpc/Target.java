package io.basalt.rpc;

import java.util.Objects;

/**
 * Where a message goes or where a server listens, as in oslo.messaging's {@code Target}.
 * <ul>
 * <li>A <b>server</b> listens on {@code (exchange, topic, server)}; {@code version} and {@code namespace} are
 * those of its endpoints.</li>
 * <li>A <b>client</b> sends to {@code (exchange, topic)}; with {@code server} set, only that server's queue
 * {@code topic.server} receives it; with {@code fanout}, every server of the topic does (casts only).
 * {@code version} is the version the message asks for.</li>
 * </ul>
 * Immutable; the {@code withX} copiers return a new value.
 *
 * @param exchange the control exchange (Basalt's default {@code basalt}); null means the transport default
 * @param topic the topic, e.g. {@code basalt-scheduler}
 * @param server a server name, or null
 * @param fanout whether to deliver to every server of the topic
 * @param version the API version, or null (treated as 1.0)
 * @param namespace the endpoint namespace, or null
 */
public record Target(String exchange, String topic, String server, boolean fanout, RpcVersion version,
		String namespace) {

	public Target {
		Objects.requireNonNull(topic, "topic");
		if (topic.isBlank()) {
			throw new IllegalArgumentException("topic must not be blank");
		}
	}

	/** A target for {@code topic} on {@code exchange}. */
	public static Target of(String exchange, String topic) {
		return new Target(exchange, topic, null, false, null, null);
	}

	public Target withExchange(String exchange) {
		return new Target(exchange, this.topic, this.server, this.fanout, this.version, this.namespace);
	}

	public Target withTopic(String topic) {
		return new Target(this.exchange, topic, this.server, this.fanout, this.version, this.namespace);
	}

	public Target withServer(String server) {
		return new Target(this.exchange, this.topic, server, this.fanout, this.version, this.namespace);
	}

	public Target withFanout(boolean fanout) {
		return new Target(this.exchange, this.topic, this.server, fanout, this.version, this.namespace);
	}

	public Target withVersion(RpcVersion version) {
		return new Target(this.exchange, this.topic, this.server, this.fanout, version, this.namespace);
	}

	public Target withNamespace(String namespace) {
		return new Target(this.exchange, this.topic, this.server, this.fanout, this.version, namespace);
	}

}
