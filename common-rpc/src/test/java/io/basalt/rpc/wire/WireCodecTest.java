package io.basalt.rpc.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.fixtures.Pool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireCodecTest {

	private final WireCodec codec = WireCodec.standard();

	private final RequestContext context = new RequestContext("req-1", "req-global", "u1", "p1",
			List.of("admin", "member"), true);

	/** A call is wrapped in envelope 2.0 with the inner message as a JSON string holding every oslo key. */
	@Test
	void encodesCallInEnvelopeTwo() {
		RequestMessage request = new RequestMessage("get_pools", this.codec.argsToJson(Map.of("filters", Map.of())),
				RpcVersion.parse("3.0"), null, "m1", "reply_q", null, "u-1", this.context);
		JsonNode outer = this.codec.mapper().readTree(this.codec.encodeRequest(request));

		assertThat(outer.properties()).hasSize(2);
		assertThat(outer.get("oslo.version").stringValue()).isEqualTo("2.0");
		assertThat(outer.get("oslo.message").isString()).isTrue();
		JsonNode inner = this.codec.mapper().readTree(outer.get("oslo.message").stringValue());
		assertThat(inner.get("method").stringValue()).isEqualTo("get_pools");
		assertThat(inner.get("args").get("filters").isObject()).isTrue();
		assertThat(inner.get("version").stringValue()).isEqualTo("3.0");
		assertThat(inner.has("namespace")).isFalse();
		assertThat(inner.get("_msg_id").stringValue()).isEqualTo("m1");
		assertThat(inner.get("_reply_q").stringValue()).isEqualTo("reply_q");
		assertThat(inner.get("_timeout").isNull()).isTrue();
		assertThat(inner.get("_unique_id").stringValue()).isEqualTo("u-1");
		assertThat(inner.get("_context_request_id").stringValue()).isEqualTo("req-1");
		assertThat(inner.get("_context_global_request_id").stringValue()).isEqualTo("req-global");
		assertThat(inner.get("_context_user_id").stringValue()).isEqualTo("u1");
		assertThat(inner.get("_context_user").stringValue()).isEqualTo("u1");
		assertThat(inner.get("_context_project_id").stringValue()).isEqualTo("p1");
		assertThat(inner.get("_context_project").stringValue()).isEqualTo("p1");
		assertThat(inner.get("_context_tenant").stringValue()).isEqualTo("p1");
		assertThat(inner.get("_context_is_admin").booleanValue()).isTrue();
		assertThat(inner.get("_context_roles").size()).isEqualTo(2);
	}

	/** A cast has no _msg_id, _reply_q or _timeout; a namespace is written when set. */
	@Test
	void castOmitsCallKeys() {
		RequestMessage cast = new RequestMessage("create_volume", this.codec.argsToJson(null), null, "ns", null, null,
				null, "u-2", this.context);
		JsonNode inner = this.codec.open(this.codec.encodeRequest(cast));

		assertThat(inner.has("_msg_id")).isFalse();
		assertThat(inner.has("_reply_q")).isFalse();
		assertThat(inner.has("_timeout")).isFalse();
		assertThat(inner.has("version")).isFalse();
		assertThat(inner.get("namespace").stringValue()).isEqualTo("ns");
		RequestMessage decoded = this.codec.decodeRequest(this.codec.encodeRequest(cast));
		assertThat(decoded.isCall()).isFalse();
		assertThat(decoded.versionOrDefault()).isEqualTo(RpcVersion.DEFAULT);
		assertThat(decoded.context()).isEqualTo(this.context);
	}

	/** Record components travel in snake_case and java.time values as ISO strings, and come back equal. */
	@Test
	void recordsAreSnakeCaseWithIsoDates() {
		Pool pool = new Pool("fast", 42, Instant.parse("2026-11-21T23:47:36.778435Z"), List.of("ssd"));
		ObjectNode args = this.codec.argsToJson(pool);

		assertThat(args.get("pool_name").stringValue()).isEqualTo("fast");
		assertThat(args.get("free_capacity_gb").longValue()).isEqualTo(42);
		assertThat(args.get("updated_at").stringValue()).isEqualTo("2026-11-21T23:47:36.778435Z");
		assertThat(this.codec.mapper().treeToValue(args, Pool.class)).isEqualTo(pool);
	}

	/** A request captured from Cinder's oslo.messaging decodes, ignoring the many unknown context keys. */
	@Test
	void decodesCapturedOsloCall() throws IOException {
		RequestMessage request = this.codec.decodeRequest(resource("get_pools_call.json"));

		assertThat(request.method()).isEqualTo("get_pools");
		assertThat(request.version()).isEqualTo(RpcVersion.parse("3.0"));
		assertThat(request.msgId()).isEqualTo("7fd48771e7c64be29835aff352ee2fde");
		assertThat(request.replyQueue()).isEqualTo("reply_d683aad9ed624bb69558f72590f4712d");
		assertThat(request.isCall()).isTrue();
		assertThat(request.callMonitorSeconds()).isNull();
		assertThat(request.args().get("filters").isObject()).isTrue();
		assertThat(request.context().requestId()).isEqualTo("req-8dee9f3b-bd4b-45b4-8ad1-432db52709a5");
		assertThat(request.context().userId()).isEqualTo("admin");
		assertThat(request.context().projectId()).isEqualTo("0d1e2f3a4b5c4d6e8f9a0b1c2d3e4f5a");
		assertThat(request.context().roles()).containsExactly("admin");
		assertThat(request.context().isAdmin()).isTrue();
	}

	/** A captured reply and a captured fanout cast decode too. */
	@Test
	void decodesCapturedReplyAndCast() throws IOException {
		ReplyMessage reply = this.codec.decodeReply(resource("get_pools_reply.json"));
		assertThat(reply.ending()).isTrue();
		assertThat(reply.failure()).isNull();
		assertThat(reply.result().get(0).get("name").stringValue()).isEqualTo("cinder-ref@fake-1#fake");

		RequestMessage cast = this.codec.decodeRequest(resource("update_capabilities_fanout_cast.json"));
		assertThat(cast.method()).isEqualTo("update_service_capabilities");
		assertThat(cast.isCall()).isFalse();
		assertThat(cast.args().has("capabilities")).isTrue();
	}

	/** A context given only by oslo.context's aliases is read through the fallbacks. */
	@Test
	void readsContextAliases() {
		String inner = "{\"method\":\"m\",\"args\":{},\"_context_user\":\"alice\",\"_context_tenant\":\"t9\","
				+ "\"_context_something_new\":{\"x\":1}}";
		RequestContext read = this.codec.decodeRequest(inner.getBytes(StandardCharsets.UTF_8)).context();

		assertThat(read.userId()).isEqualTo("alice");
		assertThat(read.projectId()).isEqualTo("t9");
		assertThat(read.requestId()).startsWith("req-");
		assertThat(read.isAdmin()).isFalse();
	}

	/** A legacy 1.0 body (no envelope) is the message itself. */
	@Test
	void acceptsLegacyBodies() {
		String legacy = "{\"method\":\"add\",\"args\":{\"a\":1},\"_unique_id\":\"x\",\"_context_request_id\":\"req-9\"}";
		RequestMessage request = this.codec.decodeRequest(legacy.getBytes(StandardCharsets.UTF_8));

		assertThat(request.method()).isEqualTo("add");
		assertThat(request.uniqueId()).isEqualTo("x");
		assertThat(request.context().requestId()).isEqualTo("req-9");
	}

	static Stream<Arguments> malformedBodies() {
		return Stream.of(Arguments.of("not JSON", "not json at all"),
				Arguments.of("a JSON array", "[1,2]"),
				Arguments.of("envelope 3.0", "{\"oslo.version\":\"3.0\",\"oslo.message\":\"{\\\"method\\\":\\\"m\\\"}\"}"),
				Arguments.of("envelope without message", "{\"oslo.version\":\"2.0\"}"),
				Arguments.of("inner not JSON", "{\"oslo.version\":\"2.0\",\"oslo.message\":\"{oops\"}"),
				Arguments.of("no method", "{\"oslo.version\":\"2.0\",\"oslo.message\":\"{\\\"args\\\":{}}\"}"),
				Arguments.of("args not an object", "{\"method\":\"m\",\"args\":[1]}"),
				Arguments.of("bad version", "{\"method\":\"m\",\"args\":{},\"version\":\"three\"}"),
				Arguments.of("empty body", ""));
	}

	/** Malformed requests are reported as such, never half-decoded. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedBodies")
	void rejectsMalformedRequests(String description, String body) {
		assertThatThrownBy(() -> this.codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(MalformedMessageException.class);
	}

	/** A reply with a failure carries it as a JSON string with oslo's six keys, and decodes back. */
	@Test
	void failureTravelsAsJsonString() {
		RemoteFailure failure = new RemoteFailure("VolumeNotFound", "cinder.exception", "Volume X could not be found.",
				List.of("Traceback..."), null, null);
		byte[] body = this.codec.encodeReply(new ReplyMessage(null, failure, true, "m1", "u1"));
		JsonNode inner = this.codec.open(body);

		assertThat(inner.get("result").isNull()).isTrue();
		assertThat(inner.get("ending").booleanValue()).isTrue();
		assertThat(inner.get("failure").isString()).isTrue();
		JsonNode failureJson = this.codec.mapper().readTree(inner.get("failure").stringValue());
		assertThat(failureJson.propertyNames()).containsExactly("class", "module", "message", "tb", "args", "kwargs");
		ReplyMessage decoded = this.codec.decodeReply(body);
		assertThat(decoded.failure().className()).isEqualTo("VolumeNotFound");
		assertThat(decoded.failure().module()).isEqualTo("cinder.exception");
		assertThat(decoded.failure().message()).isEqualTo("Volume X could not be found.");
		assertThat(decoded.failure().traceback()).containsExactly("Traceback...");
	}

	/** A heartbeat is a reply with neither result nor failure and ending false. */
	@Test
	void heartbeatRoundTrip() {
		ReplyMessage decoded = this.codec
			.decodeReply(this.codec.encodeReply(new ReplyMessage(null, null, false, "m1", null)));
		assertThat(decoded.isHeartbeat()).isTrue();
		assertThat(decoded.uniqueId()).hasSize(32);
	}

	/** A reply without _msg_id cannot be routed and is malformed. */
	@Test
	void replyWithoutMsgIdIsMalformed() {
		assertThatThrownBy(() -> this.codec.decodeReply("{\"result\":1,\"ending\":true}".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(MalformedMessageException.class);
	}

	/** Ids look like uuid4 hex, as oslo's. */
	@Test
	void idsAreThirtyTwoHexDigits() {
		assertThat(WireCodec.newId()).matches("[0-9a-f]{32}");
	}

	private static byte[] resource(String name) throws IOException {
		try (InputStream in = WireCodecTest.class.getResourceAsStream("/oslo-samples/" + name)) {
			return in.readAllBytes();
		}
	}

}
