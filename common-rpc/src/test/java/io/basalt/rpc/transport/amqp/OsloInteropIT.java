package io.basalt.rpc.transport.amqp;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.basalt.rpc.Endpoint;
import io.basalt.rpc.RemoteError;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcClient;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.Target;
import io.basalt.rpc.fixtures.Pool;
import io.basalt.rpc.fixtures.TestEndpoint;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Python oslo.messaging (the Debian package, run by /usr/bin/python3) against Basalt, both directions:
 * arguments, results, context and remote errors survive. Skipped only when that Python cannot import
 * oslo_messaging.
 */
@Timeout(120)
class OsloInteropIT {

	private static final String PYTHON = "/usr/bin/python3";

	private static final String EXCHANGE = "basalt-interop";

	private static Path script;

	private RabbitVhost vhost;

	private AmqpRpc rpc;

	@BeforeAll
	static void requireOslo() throws Exception {
		boolean available = false;
		if (new File(PYTHON).canExecute()) {
			Process probe = new ProcessBuilder(PYTHON, "-c", "import oslo_messaging").redirectErrorStream(true).start();
			probe.getInputStream().readAllBytes();
			available = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
		}
		assumeTrue(available, PYTHON + " cannot import oslo_messaging: oslo interoperability not tested");
		script = Files.createTempFile("oslo_peer", ".py");
		try (InputStream in = OsloInteropIT.class.getResourceAsStream("/oslo_peer.py")) {
			Files.write(script, in.readAllBytes());
		}
	}

	@BeforeEach
	void start() {
		this.vhost = TestServices.rabbitVhost();
		this.rpc = AmqpRpc.create(URI.create(this.vhost.uri()), AmqpRpcOptions.defaults().withExchange(EXCHANGE),
				new SimpleMeterRegistry());
	}

	@AfterEach
	void stop() {
		this.rpc.close();
		this.vhost.close();
	}

	/** A Python client calls and casts to a Java server. */
	@Test
	void pythonClientCallsJavaServer() throws Exception {
		TestEndpoint endpoint = new TestEndpoint("java");
		this.rpc.server(Target.of(null, "interop").withServer("java"),
				List.of(Endpoint.of(endpoint, RpcVersion.parse("1.2")))).start();

		String out = runPython("client", "--topic", "interop");
		JsonNode result = JsonMapper.builder().build().readTree(out);

		assertThat(result.get("add").intValue()).isEqualTo(42);
		JsonNode who = result.get("who_am_i");
		assertThat(who.get("request_id").stringValue()).isEqualTo("req-python-1");
		assertThat(who.get("user_id").stringValue()).isEqualTo("py-user");
		assertThat(who.get("project_id").stringValue()).isEqualTo("py-project");
		assertThat(who.get("mdc_request_id").stringValue()).isEqualTo("req-python-1");
		assertThat(who.get("roles").toString()).isEqualTo("[\"member\",\"reader\"]");
		JsonNode pool = result.get("describe_pool");
		assertThat(pool.get("pool_name").stringValue()).isEqualTo("p-py");
		assertThat(pool.get("free_capacity_gb").intValue()).isEqualTo(42);
		assertThat(pool.get("updated_at").stringValue()).isEqualTo("2026-11-21T23:47:36Z");
		assertThat(result.get("fail_with").get("exc_type").stringValue()).isEqualTo("VolumeNotFound");
		assertThat(result.get("fail_with").get("value").stringValue()).isEqualTo("Volume v-py could not be found.");
		assertThat(result.get("no_such_method").get("exc_type").stringValue()).isEqualTo("NoSuchMethod");
		await().until(() -> endpoint.received.contains("py-cast-1"));
	}

	/** A Java client calls a Python server. */
	@Test
	void javaClientCallsPythonServer() throws Exception {
		Process server = startPython("server", "--topic", "pyserver", "--server", "py1");
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
			assertThat(lines.readLine()).isEqualTo("READY");
			RequestContext ctx = new RequestContext("req-java-1", "req-global-1", "j-user", "j-project",
					List.of("admin"), true);
			RpcClient client = this.rpc.client(Target.of(null, "pyserver").withVersion(RpcVersion.parse("1.3")), null,
					Duration.ofSeconds(15));

			Pool pool = new Pool("fast", 7, java.time.Instant.parse("2026-11-21T23:47:36Z"), List.of("ssd", "nvme"));
			@SuppressWarnings("unchecked")
			Map<String, Object> echoed = client.call(ctx, "echo", Map.of("pool", pool, "count", 3), Map.class);
			@SuppressWarnings("unchecked")
			Map<String, Object> args = (Map<String, Object>) echoed.get("args");
			assertThat(args).containsEntry("count", 3);
			assertThat(args.get("pool")).isEqualTo(Map.of("pool_name", "fast", "free_capacity_gb", 7, "updated_at",
					"2026-11-21T23:47:36Z", "tags", List.of("ssd", "nvme")));
			@SuppressWarnings("unchecked")
			Map<String, Object> seen = (Map<String, Object>) echoed.get("ctxt");
			assertThat(seen).containsEntry("request_id", "req-java-1")
				.containsEntry("global_request_id", "req-global-1")
				.containsEntry("user_id", "j-user")
				.containsEntry("project_id", "j-project")
				.containsEntry("tenant", "j-project")
				.containsEntry("roles", List.of("admin"))
				.containsEntry("is_admin", true);

			assertThatThrownBy(() -> client.call(ctx, "fail", Map.of("message", "python says no"), Void.class))
				.isExactlyInstanceOf(RemoteError.class)
				.satisfies((ex) -> {
					RemoteError remote = (RemoteError) ex;
					assertThat(remote.excType()).isEqualTo("ValueError");
					assertThat(remote.module()).isEqualTo("builtins");
					assertThat(remote.remoteMessage()).isEqualTo("python says no");
					assertThat(remote.traceback()).contains("Traceback");
				});
		}
		finally {
			server.getOutputStream().close();
			if (!server.waitFor(20, TimeUnit.SECONDS)) {
				server.destroy();
			}
		}
	}

	private List<String> command(String... args) {
		List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
		command.addAll(List.of(args));
		command.addAll(List.of("--url", "rabbit://" + this.vhost.username() + ":" + this.vhost.password() + "@"
				+ this.vhost.host() + ":" + this.vhost.port() + "/" + this.vhost.vhost(), "--exchange", EXCHANGE));
		return command;
	}

	private Process startPython(String... args) throws IOException {
		return new ProcessBuilder(command(args)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
	}

	private String runPython(String... args) throws Exception {
		Process process = startPython(args);
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as("python exit code; stdout: " + out).isZero();
		return out;
	}

}
