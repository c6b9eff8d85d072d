package io.basalt.rpc.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.basalt.rpc.Endpoint;
import io.basalt.rpc.InvalidArguments;
import io.basalt.rpc.NoSuchMethod;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcMethod;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.UnsupportedVersion;
import io.basalt.rpc.fixtures.Pool;
import io.basalt.rpc.fixtures.TestEndpoint;
import io.basalt.rpc.fixtures.VolumeNotFound;
import io.basalt.rpc.wire.RequestMessage;
import io.basalt.rpc.wire.WireCodec;
import io.basalt.rpc.wire.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DispatcherTest {

	private final WireCodec codec = WireCodec.standard();

	private final RequestContext context = new RequestContext("req-42", null, "u1", "p1", List.of("member"), false);

	/** oslo §6 scenario table: endpoints (3.5 default namespace, 2.1 in "admin"), message version/namespace. */
	@ParameterizedTest(name = "{0} v{1} ns={2} -> {3}")
	@CsvSource(nullValues = "null", value = {
			"which_server, 3.0, null, v3",
			"which_server, 3.5, null, v3",
			"which_server, 3.6, null, UnsupportedVersion",
			"which_server, 4.0, null, UnsupportedVersion",
			"which_server, null, null, UnsupportedVersion", // missing version = 1.0
			"which_server, 2.1, admin, v2-admin",
			"which_server, 2.0, admin, v2-admin",
			"which_server, 3.0, admin, UnsupportedVersion",
			"which_server, 2.0, other, UnsupportedVersion",
			"no_such, 3.0, null, NoSuchMethod",
			"no_such, 2.0, admin, NoSuchMethod",
			"not_exposed, 3.0, null, NoSuchMethod",
			"no_such, 9.0, null, UnsupportedVersion" })
	void matchesNamespaceAndVersionLikeOslo(String method, String version, String namespace, String expected)
			throws Throwable {
		Dispatcher dispatcher = new Dispatcher(List.of(new Endpoint(new TestEndpoint("v3"), RpcVersion.parse("3.5"), null),
				new Endpoint(new TestEndpoint("v2-admin"), RpcVersion.parse("2.1"), "admin")), WireJson.mapper());
		RequestMessage request = request(method, Map.of(), (version != null) ? RpcVersion.parse(version) : null,
				namespace);

		switch (expected) {
			case "NoSuchMethod" -> assertThatThrownBy(() -> dispatcher.dispatch(request))
				.isInstanceOf(NoSuchMethod.class)
				.hasMessageContaining(method);
			case "UnsupportedVersion" -> assertThatThrownBy(() -> dispatcher.dispatch(request))
				.isInstanceOf(UnsupportedVersion.class)
				.hasMessageContaining(method);
			default -> assertThat(dispatcher.dispatch(request)).isEqualTo(expected);
		}
	}

	/** Arguments are bound by name, in any order, and converted to the parameter types (records too). */
	@Test
	void bindsArgumentsByName() throws Throwable {
		Dispatcher dispatcher = dispatcher();
		assertThat(dispatcher.dispatch(request("add", Map.of("b", 2, "a", 40)))).isEqualTo(42);

		Map<String, Object> pool = Map.of("pool_name", "fast", "free_capacity_gb", 10, "updated_at",
				"2026-11-21T23:47:36Z", "tags", List.of("ssd"));
		Pool described = (Pool) dispatcher.dispatch(request("describe_pool", Map.of("pool", pool, "suffix", "-x")));
		assertThat(described.poolName()).isEqualTo("fast-x");
		assertThat(described.freeCapacityGb()).isEqualTo(20);
		Pool noSuffix = (Pool) dispatcher.dispatch(request("describe_pool", Map.of("pool", pool)));
		assertThat(noSuffix.poolName()).isEqualTo("fast");
	}

	/** A missing required argument, an unknown argument and a wrongly shaped one are clear errors. */
	@Test
	void rejectsArgumentsThatDoNotFit() {
		Dispatcher dispatcher = dispatcher();
		assertThatThrownBy(() -> dispatcher.dispatch(request("add", Map.of("a", 1))))
			.isInstanceOf(InvalidArguments.class)
			.hasMessage("add() is missing required argument 'b'");
		assertThatThrownBy(() -> dispatcher.dispatch(request("add", Map.of("a", 1, "b", 2, "c", 3))))
			.isInstanceOf(InvalidArguments.class)
			.hasMessageContaining("unexpected argument 'c'");
		assertThatThrownBy(() -> dispatcher.dispatch(request("add", Map.of("a", "x", "b", 2))))
			.isInstanceOf(InvalidArguments.class)
			.hasMessageContaining("argument 'a'");
	}

	/** The RequestContext parameter gets the caller's context, which is also in the MDC only during the call. */
	@Test
	void contextReachesMethodAndMdc() throws Throwable {
		MDC.put("request_id", "outer");
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> who = (Map<String, Object>) dispatcher().dispatch(request("who_am_i", Map.of()));
			assertThat(who).containsEntry("request_id", "req-42")
				.containsEntry("user_id", "u1")
				.containsEntry("project_id", "p1")
				.containsEntry("mdc_request_id", "req-42");
			assertThat(MDC.get("request_id")).isEqualTo("outer");
			assertThat(MDC.get("user_id")).isNull();
		}
		finally {
			MDC.clear();
		}
	}

	/** Endpoint exceptions come out unwrapped. */
	@Test
	void propagatesEndpointExceptions() {
		assertThatThrownBy(() -> dispatcher().dispatch(request("fail_with", Map.of("volume_id", "v1"))))
			.isInstanceOf(VolumeNotFound.class)
			.hasMessage("Volume v1 could not be found.");
	}

	/** The wire name is the annotation value or the snake_case Java name; unannotated methods are absent. */
	@Test
	void exposesOnlyAnnotatedMethods() {
		assertThat(dispatcher().methodNames().get(0)).contains("add", "describe_pool", "who_am_i", "record", "crash")
			.doesNotContain("remember", "not_exposed");
	}

	/** An endpoint with no @RpcMethod, or two methods with one wire name, is refused at registration. */
	@Test
	void refusesBadEndpoints() {
		assertThatThrownBy(() -> new Dispatcher(List.of(Endpoint.of(new Object(), RpcVersion.DEFAULT)), WireJson.mapper()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new Dispatcher(List.of(Endpoint.of(new Clash(), RpcVersion.DEFAULT)), WireJson.mapper()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("ping");
	}

	/** An annotated method overridden in an (unannotated) subclass, e.g. a proxy, calls the override. */
	@Test
	void invokesOverridesOfAnnotatedMethods() throws Throwable {
		List<String> seen = new java.util.ArrayList<>();
		TestEndpoint sub = new TestEndpoint("sub") {
			@Override
			public void remember(String id) {
				seen.add("override:" + id);
			}
		};
		Dispatcher dispatcher = new Dispatcher(List.of(Endpoint.of(sub, RpcVersion.DEFAULT)), WireJson.mapper());
		dispatcher.dispatch(request("record", Map.of("id", "x")));
		assertThat(seen).containsExactly("override:x");
		assertThat(sub.received).isEmpty();
	}

	static class Clash {

		@RpcMethod
		public String ping() {
			return "a";
		}

		@RpcMethod("ping")
		public String other() {
			return "b";
		}

	}

	private Dispatcher dispatcher() {
		return new Dispatcher(List.of(Endpoint.of(new TestEndpoint("t"), RpcVersion.parse("1.3"))), WireJson.mapper());
	}

	private RequestMessage request(String method, Map<String, Object> args) {
		return request(method, args, null, null);
	}

	private RequestMessage request(String method, Map<String, Object> args, RpcVersion version, String namespace) {
		RequestMessage built = new RequestMessage(method, this.codec.argsToJson(args), version, namespace, null, null,
				null, WireCodec.newId(), this.context);
		// through the codec, as a server would see it
		return this.codec.decodeRequest(new String(this.codec.encodeRequest(built), StandardCharsets.UTF_8)
			.getBytes(StandardCharsets.UTF_8));
	}

}
