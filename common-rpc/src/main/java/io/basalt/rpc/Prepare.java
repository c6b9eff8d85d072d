package io.basalt.rpc;

import java.time.Duration;

/**
 * Overrides for {@link RpcClient#prepare(Prepare)}, as in oslo's {@code client.prepare(...)}: every null
 * field keeps the client's value. Build with the static starters and the copiers, e.g.
 * {@code Prepare.server("node1").version("3.1")}.
 *
 * @param topic another topic
 * @param server a server of the topic (routing key {@code topic.server})
 * @param fanout whether to send to every server of the topic (casts only)
 * @param version the version the message asks for
 * @param timeout the call timeout
 * @param namespace the endpoint namespace
 * @param callMonitorTimeout oslo's {@code call_monitor_timeout}: the server sends a heartbeat every half of it
 * while a call runs and the call fails if nothing arrives within it (the overall timeout still applies)
 */
public record Prepare(String topic, String server, Boolean fanout, RpcVersion version, Duration timeout,
		String namespace, Duration callMonitorTimeout) {

	/** The original six-field form, without a call-monitor timeout. */
	public Prepare(String topic, String server, Boolean fanout, RpcVersion version, Duration timeout,
			String namespace) {
		this(topic, server, fanout, version, timeout, namespace, null);
	}

	public static Prepare none() {
		return new Prepare(null, null, null, null, null, null, null);
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
		return new Prepare(topic, this.server, this.fanout, this.version, this.timeout, this.namespace,
				this.callMonitorTimeout);
	}

	public Prepare withServer(String server) {
		return new Prepare(this.topic, server, this.fanout, this.version, this.timeout, this.namespace,
				this.callMonitorTimeout);
	}

	public Prepare withFanout(boolean fanout) {
		return new Prepare(this.topic, this.server, fanout, this.version, this.timeout, this.namespace,
				this.callMonitorTimeout);
	}

	public Prepare version(String version) {
		return new Prepare(this.topic, this.server, this.fanout, RpcVersion.parse(version), this.timeout,
				this.namespace, this.callMonitorTimeout);
	}

	public Prepare timeout(Duration timeout) {
		return new Prepare(this.topic, this.server, this.fanout, this.version, timeout, this.namespace,
				this.callMonitorTimeout);
	}

	public Prepare namespace(String namespace) {
		return new Prepare(this.topic, this.server, this.fanout, this.version, this.timeout, namespace,
				this.callMonitorTimeout);
	}

	public Prepare callMonitorTimeout(Duration callMonitorTimeout) {
		return new Prepare(this.topic, this.server, this.fanout, this.version, this.timeout, this.namespace,
				callMonitorTimeout);
	}

}
