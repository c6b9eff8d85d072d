package io.basalt.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.SystemConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Apache Qpid Broker-J in this process: AMQP 0-8/0-9/0-9-1 on 127.0.0.1, user guest/guest, one in-memory virtual
 * host {@code default} that is also the default alias, so that {@code virtual-host=/} (which AMQP 0-9-1 clients
 * send by default) lands on it.
 * <p>
 * What Basalt's RPC layer needs from it and how Qpid is told:
 * <ul>
 * <li>PLAIN over a plain socket (the RabbitMQ client offers PLAIN only): {@code secureOnlyMechanisms: []};</li>
 * <li>the {@code x-expires} argument of fanout and reply queues, which Qpid does not know and by default refuses
 * ({@code queue.behaviourOnUnknownDeclareArgument=FAIL}): {@code IGNORE}. Those queues then do not expire on
 * their own; common-rpc deletes fanout queues on a clean stop, and the whole in-memory broker goes away with the
 * launcher;</li>
 * <li>the per-message TTL of call requests: AMQP 0-9-1's {@code expiration} property is a relative TTL on RabbitMQ
 * but an absolute time on Qpid, on which "60000" is long past and every call request would be dropped unseen:
 * {@code queue.minimumMessageTtl} (5 min) raises every expiration to at least arrival + 5 min;</li>
 * <li>topic and fanout exchanges, durable and non-durable queues, publisher confirms, consumers: as they are.</li>
 * </ul>
 * Nothing is persisted: the services redeclare what they use on every connection.
 */
final class EmbeddedBroker implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

	static final String USER = "guest";

	static final String PASSWORD = "guest";

	/** What AMQP 0-9-1 clients send; Qpid strips the slash and serves its default virtual host. */
	static final String VHOST = "/";

	/** Longer than any RPC call timeout (basalt.rpc.call-timeout, 60 s by default). */
	static final long MINIMUM_MESSAGE_TTL_MILLIS = 300_000;

	private final SystemLauncher launcher;

	private final int port;

	private EmbeddedBroker(SystemLauncher launcher, int port) {
		this.launcher = launcher;
		this.port = port;
	}

	static EmbeddedBroker start(int port, Path workDir) throws Exception {
		Files.createDirectories(workDir);
		Path config = workDir.resolve("broker-config.json");
		Files.writeString(config, JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
			.writeValueAsString(initialConfiguration(port)), StandardCharsets.UTF_8);

		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		SystemLauncher launcher = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
			@Override
			public void errorOnStartup(RuntimeException e) {
				failure.set(e);
			}
		});
		Map<String, Object> attributes = new HashMap<>();
		attributes.put(SystemConfig.TYPE, "Memory");
		attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString());
		// Qpid's default is classpath:system.properties through its own URL handler, which a nested jar's class
		// loader does not reach: an empty file instead
		Path systemProperties = workDir.resolve("system.properties");
		Files.writeString(systemProperties, "", StandardCharsets.UTF_8);
		attributes.put(SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION, systemProperties.toUri().toString());
		attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
		attributes.put(SystemConfig.CONTEXT, Map.of("qpid.work_dir", workDir.toString(), "qpid.home_dir",
				workDir.toString()));
		launcher.startup(attributes);
		if (failure.get() != null) {
			throw new IllegalStateException("the AMQP broker did not start: " + failure.get().getMessage(),
					failure.get());
		}
		// Qpid logs a port that cannot bind and goes on: make sure it listens.
		try (Socket s = new Socket()) {
			s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
		}
		catch (IOException ex) {
			launcher.shutdown();
			throw new IllegalStateException("the AMQP broker does not listen on 127.0.0.1:" + port
					+ " (is the port taken?); see var/log/launcher.log", ex);
		}
		log.debug("Qpid Broker-J listening on 127.0.0.1:{}", port);
		return new EmbeddedBroker(launcher, port);
	}

	static Map<String, Object> initialConfiguration(int port) {
		Map<String, Object> context = new HashMap<>();
		context.put("queue.behaviourOnUnknownDeclareArgument", "IGNORE");
		// AMQP 0-9-1 "expiration" is a relative TTL on RabbitMQ (what common-rpc sets on call requests) but an
		// absolute time (ms since 1970) on Qpid, so "60000" would have expired in 1970 and every call request would
		// be dropped. A queue's minimumMessageTtl raises any expiration to at least arrival + this.
		context.put("queue.minimumMessageTtl", Long.toString(MINIMUM_MESSAGE_TTL_MILLIS));
		// a smaller pool of 256 KiB network buffers than the default 1024: a handful of local connections
		context.put("broker.directByteBufferPoolSize", "64");
		return Map.of("name", "basalt", "modelVersion", "8.0", "context", context,
				"authenticationproviders",
				List.of(Map.of("name", "plain", "type", "Plain", "secureOnlyMechanisms", List.of(), "users",
						List.of(Map.of("name", USER, "type", "managed", "password", PASSWORD)))),
				"ports",
				List.of(Map.of("name", "AMQP", "port", port, "bindingAddress", "127.0.0.1", "authenticationProvider",
						"plain", "virtualhostaliases",
						List.of(Map.of("name", "nameAlias", "type", "nameAlias"),
								Map.of("name", "defaultAlias", "type", "defaultAlias")))),
				"virtualhostnodes",
				List.of(Map.of("name", "default", "type", "Memory", "defaultVirtualHostNode", "true",
						"virtualHostInitialConfiguration", "{\"type\": \"Memory\"}")));
	}

	int port() {
		return this.port;
	}

	@Override
	public void close() {
		this.launcher.shutdown();
	}

}
