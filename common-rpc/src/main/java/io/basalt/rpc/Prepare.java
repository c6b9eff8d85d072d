package io.basalt.rpc;

import java.time.Duration;

/**
 * Overrides for {@link RpcClient#prepare(Prepare)}, as in oslo's {@code client.prepare(...)}: every null
 * field keeps the client's value. Build with the static starters and the copiers, e.g.
 * {@code Prepare.server("node1").version("3.1")}.
 */
public record Prepare(String topic, String server, Boolean fanout, RpcVersion version, Duration timeout,
		String namespace) {

	public static Prepare none() {
		return new Prepare(null, null, null, null, null, null);
	}

	public static Prepare server(String server) {
		return none().withServer(server);
	}

	public static Prepare topic(String topic) {
		return none().withTopic(topic);
	}

	public static Prepare toFanout() {
		return none().withFanout(true);
	}

	public Prepare withTopic(String topic) {
		return new Prepare(topic, this.server, this.fanout, this.version, this.timeout, this.namespace);
	}

	public Prepare withServer(String server) {
		return new Prepare(this.topic, server, this.fanout, this.version, this.timeout, this.namespace);
	}

	public Prepare withFanout(boolean fanout) {
		return new Prepare(this.topic, this.server, fanout, this.version, this.timeout, this.namespace);
	}

	public Prepare version(String version) {
		return new Prepare(this.topic, this.server, this.fanout, RpcVersion.parse(version), this.timeout,
				this.namespace);
	}

	public Prepare timeout(Duration timeout) {
		return new Prepare(this.topic, this.server, this.fanout, this.version, timeout, this.namespace);
	}

	public Prepare namespace(String namespace) {
		return new Prepare(this.topic, this.server, this.fanout, this.version, this.timeout, namespace);
	}

}
