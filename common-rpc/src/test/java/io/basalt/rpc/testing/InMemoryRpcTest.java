package io.basalt.rpc.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.basalt.rpc.DeliveryFailure;
import io.basalt.rpc.EncodedCast;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.InvalidTarget;
import io.basalt.rpc.NoSuchMethod;
import io.basalt.rpc.Prepare;
import io.basalt.rpc.RemoteError;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcClient;
import io.basalt.rpc.RpcTimeoutException;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.Target;
import io.basalt.rpc.UnsupportedVersion;
import io.basalt.rpc.VersionCapException;
import io.basalt.rpc.engine.RpcSettings;
import io.basalt.rpc.fixtures.TestEndpoint;
import io.basalt.rpc.fixtures.VolumeNotFound;
import io.basalt.rpc.wire.RequestMessage;
import io.basalt.rpc.wire.WireCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The real client, server, dispatcher and codec over the in-memory broker. */
@Timeout(30)
class InMemoryRpcTest {

	private static final RpcVersion V = RpcVersion.parse("1.2");

	private final InMemoryBroker broker = new InMemoryBroker();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final RpcSettings settings = RpcSettings.defaults();

	private InMemoryRpc serverProcess;

	private InMemoryRpc clientProcess;

	private TestEndpoint one;

	private TestEndpoint two;

	private RpcClient client;

	private final RequestContext ctx = new RequestContext("req-7", null, "u1", "p1", List.of("member"), false);

	@BeforeEach
	void start() {
		this.serverProcess = new InMemoryRpc(this.broker, this.settings, this.registry);
		this.clientProcess = new InMemoryRpc(this.broker, this.settings, this.registry);
		this.one = new TestEndpoint("one");
		this.two = new TestEndpoint("two");
		this.serverProcess.server(Target.of(null, "vol").withServer("one"), List.of(Endpoint.of(this.one, V))).start();
		this.serverProcess.server(Target.of(null, "vol").withServer("two"), List.of(Endpoint.of(this.two, V))).start();
		this.client = this.clientProcess.client(Target.of(null, "vol"), null, Duration.ofSeconds(5));
	}

	@AfterEach
	void stop() {
		this.clientProcess.close();
		this.serverProcess.close();
	}

	/** A call returns the converted result, and the context arrives. */
	@Test
	void callReturnsResultAndCarriesContext() {
		assertThat(this.client.call(this.ctx, "add", Map.of("a", 2, "b", 3), Integer.class)).isEqualTo(5);
		@SuppressWarnings("unchecked")
		Map<String, Object> who = this.client.call(this.ctx, "who_am_i", null, Map.class);
		assertThat(who).containsEntry("request_id", "req-7").containsEntry("user_id", "u1");
		assertThat(this.registry.get("basalt.rpc.call").tag("method", "add").tag("outcome", "success").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.get("basalt.rpc.dispatch").tag("method", "add").timer().count()).isEqualTo(1);
	}

	/** server= reaches only that server; topic casts are shared; fanout reaches both. */
	@Test
	void routesByServerTopicAndFanout() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.client.prepare(Prepare.server("two")).call(this.ctx, "which_server", null, String.class))
				.isEqualTo("two");
		}
		for (int i = 0; i < 10; i++) {
			this.client.cast(this.ctx, "record", Map.of("id", "c" + i));
		}
		await().until(() -> this.one.received.size() + this.two.received.size() == 10);
		assertThat(this.one.received).isNotEmpty();
		assertThat(this.two.received).isNotEmpty();

		this.client.prepare(Prepare.toFanout()).cast(this.ctx, "record", Map.of("id", "all"));
		await().until(() -> this.one.received.contains("all") && this.two.received.contains("all"));
	}

	/** Remote errors: own type re-created, unknown types as RemoteError, dispatcher errors as ours. */
	@Test
	void remoteErrorsComeBackTyped() {
		assertThatThrownBy(() -> this.client.call(this.ctx, "fail_with", Map.of("volume_id", "v9"), Void.class))
			.isExactlyInstanceOf(VolumeNotFound.class)
			.hasMessage("Volume v9 could not be found.");
		assertThatThrownBy(() -> this.client.call(this.ctx, "crash", null, Void.class)).isInstanceOf(RemoteError.class)
			.satisfies((ex) -> assertThat(((RemoteError) ex).excType()).isEqualTo("IllegalStateException"));
		assertThatThrownBy(() -> this.client.call(this.ctx, "nope", null, Void.class)).isInstanceOf(NoSuchMethod.class);
		assertThatThrownBy(() -> this.client.prepare(Prepare.none().version("2.0")).call(this.ctx, "add",
				Map.of("a", 1, "b", 1), Integer.class))
			.isInstanceOf(UnsupportedVersion.class);
		assertThat(this.registry.get("basalt.rpc.failures").tag("kind", "remote_error").counters()
			.stream()
			.mapToDouble((c) -> c.count())
			.sum()).isEqualTo(4);
	}

	/** A call to a topic with no server times out. */
	@Test
	void callWithoutServerTimesOut() {
		RpcClient nobody = this.clientProcess.client(Target.of(null, "nobody"), null, Duration.ofMillis(200));
		assertThatThrownBy(() -> nobody.call(this.ctx, "add", null, Integer.class))
			.isInstanceOf(RpcTimeoutException.class)
			.hasMessageContaining("add on nobody");
		assertThat(this.registry.get("basalt.rpc.timeouts").counter().count()).isEqualTo(1);
	}

	/** Client-side checks: fanout calls and versions above the cap are refused before sending. */
	@Test
	void clientChecksTargetAndCap() {
		assertThatThrownBy(() -> this.client.prepare(Prepare.toFanout()).call(this.ctx, "add", null, Integer.class))
			.isInstanceOf(InvalidTarget.class);
		RpcClient capped = this.clientProcess.client(Target.of(null, "vol"), RpcVersion.parse("1.1"), null);
		assertThat(capped.canSendVersion(RpcVersion.parse("1.1"))).isTrue();
		assertThat(capped.canSendVersion(RpcVersion.parse("1.2"))).isFalse();
		assertThatThrownBy(() -> capped.prepare(Prepare.none().version("1.2")).cast(this.ctx, "record", Map.of("id", "x")))
			.isInstanceOf(VersionCapException.class);
		assertThat(capped.prepare(Prepare.none().version("1.1")).call(this.ctx, "add", Map.of("a", 1, "b", 1),
				Integer.class))
			.isEqualTo(2);
	}

	/** Malformed messages are dead-lettered and the server keeps serving; a repeated _unique_id is dropped. */
	@Test
	void malformedAndDuplicateMessages() {
		InMemoryTransport raw = new InMemoryTransport(this.broker, "basalt");
		Target one = Target.of("basalt", "vol").withServer("one");
		raw.send(one, "garbage".getBytes(StandardCharsets.UTF_8), null, Duration.ofSeconds(1));
		raw.send(one, "{\"oslo.version\":\"3.0\",\"oslo.message\":\"{}\"}".getBytes(StandardCharsets.UTF_8), null,
				Duration.ofSeconds(1));
		WireCodec codec = WireCodec.standard();
		byte[] cast = codec.encodeRequest(new RequestMessage("record", codec.argsToJson(Map.of("id", "dup")), null, null,
				null, null, null, WireCodec.newId(), this.ctx));
		raw.send(one, cast, null, Duration.ofSeconds(1));
		raw.send(one, cast, null, Duration.ofSeconds(1));

		assertThat(this.client.prepare(Prepare.server("one")).call(this.ctx, "add", Map.of("a", 1, "b", 2),
				Integer.class))
			.isEqualTo(3);
		await().until(() -> this.one.received.contains("dup"));
		// one more round trip through the same server, so both copies have been processed
		this.client.prepare(Prepare.server("one")).call(this.ctx, "which_server", null, String.class);
		assertThat(this.one.received).containsOnlyOnce("dup");
		assertThat(serverTransport().deadLettered("vol")).hasSize(2)
			.allSatisfy(d -> assertThat(d.reason()).startsWith("malformed message: "));
		assertThat(this.registry.get("basalt.rpc.dead.lettered").tag("reason", "malformed").counter().count())
			.isEqualTo(2);
	}

	/**
	 * An encoded cast carries what {@code cast} would send (target resolved, version, context, args) and is
	 * published later, from another process, to its own target; sent twice (an outbox relay after a crash before
	 * the sent mark), the same {@code _unique_id} makes the server handle it once.
	 */
	@Test
	void encodedCastIsSentLaterByteForByteAndOnce() {
		EncodedCast encoded = this.client.prepare(Prepare.server("one").version("1.1"))
			.encodeCast(this.ctx, "record", Map.of("id", "outboxed"));
		assertThat(encoded.target()).isEqualTo(Target.of("basalt", "vol").withServer("one").withVersion(
				RpcVersion.parse("1.1")));
		RequestMessage decoded = WireCodec.standard().decodeRequest(encoded.bodyBytes());
		assertThat(decoded.method()).isEqualTo("record");
		assertThat(decoded.args().get("id").asString()).isEqualTo("outboxed");
		assertThat(decoded.version()).isEqualTo(RpcVersion.parse("1.1"));
		assertThat(decoded.context()).isEqualTo(this.ctx);
		assertThat(decoded.isCall()).isFalse();
		assertThat(this.one.received).doesNotContain("outboxed");

		try (InMemoryRpc relay = new InMemoryRpc(this.broker, this.settings, this.registry)) {
			relay.sendCast(new EncodedCast(encoded.target(), encoded.method(), encoded.body()));
			relay.sendCast(encoded);
		}
		await().until(() -> this.one.received.contains("outboxed"));
		this.client.prepare(Prepare.server("one")).call(this.ctx, "which_server", null, String.class);
		assertThat(this.one.received).containsOnlyOnce("outboxed");
		assertThat(this.two.received).doesNotContain("outboxed");
	}

	/** An encoded cast above the client's version cap is refused when encoded, before anything is stored. */
	@Test
	void encodeCastChecksTheVersionCap() {
		RpcClient capped = this.clientProcess.client(Target.of(null, "vol"), RpcVersion.parse("1.1"), null);
		assertThatThrownBy(() -> capped.prepare(Prepare.none().version("1.2")).encodeCast(this.ctx, "record",
				Map.of("id", "x")))
			.isInstanceOf(VersionCapException.class);
	}

	private InMemoryTransport serverTransport() {
		return (InMemoryTransport) this.serverProcess.transport();
	}

	/** A cast whose handler fails twice succeeds on the third try: handled once, nothing dead-lettered. */
	@Test
	void aCastFailingTwiceIsTriedAgainAndHandled() {
		this.client.prepare(Prepare.server("one")).cast(this.ctx, "flaky", Map.of("failures", 2, "id", "third-time"));

		await().atMost(Duration.ofSeconds(15)).until(() -> this.one.received.contains("third-time"));
		assertThat(this.one.flakyCalls.get()).isEqualTo(3);
		assertThat(serverTransport().deadLettered("vol")).isEmpty();
	}

	/**
	 * A cast whose handler always fails is dead-lettered after three tries, with the reason and the metric; one
	 * that cannot succeed (no such method) at once; the server goes on serving.
	 */
	@Test
	void aCastThatKeepsFailingIsDeadLetteredAndTheServerServesOn() {
		RpcClient toOne = this.client.prepare(Prepare.server("one"));
		toOne.cast(this.ctx, "flaky", Map.of("failures", 99, "id", "never"));
		toOne.cast(this.ctx, "no_such_method", Map.of());

		await().atMost(Duration.ofSeconds(15)).until(() -> serverTransport().deadLettered("vol").size() == 2);
		assertThat(serverTransport().deadLettered("vol")).extracting(InMemoryTransport.DeadLetter::reason)
			.anySatisfy(r -> assertThat(r).startsWith("cast flaky failed after 3 attempt(s): ")
				.contains("flaky failure 3"))
			.anySatisfy(r -> assertThat(r).startsWith("cast no_such_method failed after 1 attempt(s): "));
		assertThat(this.one.flakyCalls.get()).isEqualTo(3);
		assertThat(this.registry.get("basalt.rpc.dead.lettered").tag("method", "flaky")
			.tag("reason", "handler_failed").counter().count()).isEqualTo(1);
		assertThat(this.registry.get("basalt.rpc.dead.lettered").tag("method", "no_such_method")
			.tag("reason", "rejected").counter().count()).isEqualTo(1);
		assertThat(toOne.call(this.ctx, "add", Map.of("a", 1, "b", 2), Integer.class)).isEqualTo(3);
		// the endpoint is told, to put the resource into its error status
		assertThat(this.one.deadLetters).hasSize(2)
			.anySatisfy(d -> assertThat(d).startsWith("flaky req-7 {").contains("\"failures\":99", "\"id\":\"never\"")
				.contains("flaky failed 3 time(s); last error: flaky failure 3"))
			.anySatisfy(d -> assertThat(d).startsWith("no_such_method req-7 "));
		assertThat(this.two.deadLetters).isEmpty();
	}

	/** A long call with a call-monitor timeout survives thanks to heartbeats. */
	@Test
	void heartbeatsKeepLongCallsAlive() throws Exception {
		this.one.gate = new CountDownLatch(1);
		CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> this.client
			.prepare(Prepare.server("one").callMonitorTimeout(Duration.ofSeconds(2)).timeout(Duration.ofSeconds(20)))
			.call(this.ctx, "wait_for_gate", null, String.class));
		// hold the call for longer than the call-monitor timeout: only heartbeats keep it alive
		CompletableFuture.delayedExecutor(3500, TimeUnit.MILLISECONDS).execute(() -> this.one.gate.countDown());
		assertThat(result.get(15, TimeUnit.SECONDS)).isEqualTo("opened");
	}

	/** While the broker is away a cast waits within its bound and then fails loudly. */
	@Test
	void castFailsLoudlyWhenBrokerStaysAway() {
		InMemoryRpc impatient = new InMemoryRpc(this.broker,
				new RpcSettings("basalt", Duration.ofSeconds(5), Duration.ofMillis(200), 1, List.of("io.basalt.*"), 16),
				this.registry);
		try {
			this.broker.setAvailable(false);
			assertThatThrownBy(() -> impatient.client(Target.of(null, "vol")).cast(this.ctx, "record", Map.of("id", "z")))
				.isInstanceOf(DeliveryFailure.class);
			this.broker.setAvailable(true);
			impatient.client(Target.of(null, "vol")).prepare(Prepare.toFanout()).cast(this.ctx, "record", Map.of("id", "z"));
			await().until(() -> this.one.received.contains("z") && this.two.received.contains("z"));
		}
		finally {
			this.broker.setAvailable(true);
			impatient.close();
		}
	}

	/** Stopping a server removes its fanout queue; the shared queues stay. */
	@Test
	void stopReleasesFanoutQueue() {
		assertThat(this.broker.queueNames()).filteredOn((q) -> q.startsWith("vol_fanout_")).hasSize(2);
		assertThat(this.broker.queueNames()).contains("vol", "vol.one", "vol.two");
		this.serverProcess.close();
		assertThat(this.broker.queueNames()).filteredOn((q) -> q.startsWith("vol_fanout_")).isEmpty();
		assertThat(this.broker.queueNames()).contains("vol", "vol.one");
	}

}
