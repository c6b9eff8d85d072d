package io.basalt.rpc.dispatch;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.basalt.rpc.Endpoint;
import io.basalt.rpc.NoSuchMethod;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcMethod;
import io.basalt.rpc.RpcVersion;
import io.basalt.rpc.UnsupportedVersion;
import io.basalt.rpc.wire.RequestMessage;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds and invokes the endpoint method for a request, as oslo's {@code RPCDispatcher}: endpoints are tried in
 * registration order; one whose namespace equals the message's and whose version
 * {@link RpcVersion#accepts accepts} the message's (default 1.0) serves the call if it has the method. If some
 * endpoint matched namespace and version but none has the method, {@link NoSuchMethod}; if none matched,
 * {@link UnsupportedVersion}.
 * <p>
 * Only {@link RpcMethod}-annotated methods are callable (searched up the class hierarchy, so proxies work);
 * the wire name is the annotation's value or the Java name in snake_case. During the invocation the caller's
 * context is in the SLF4J MDC ({@code request_id}, {@code global_request_id}, {@code user_id},
 * {@code project_id}); the previous values are restored afterwards.
 * <p>
 * Built once per server, immutable, safe to call from many threads (endpoint beans must be thread-safe).
 */
public final class Dispatcher {

	/** MDC keys set during a dispatch. */
	public static final List<String> MDC_KEYS = List.of("request_id", "global_request_id", "user_id", "project_id");

	private final List<Entry> entries;

	public Dispatcher(List<Endpoint> endpoints, JsonMapper mapper) {
		Objects.requireNonNull(endpoints, "endpoints");
		if (endpoints.isEmpty()) {
			throw new IllegalArgumentException("a server needs at least one endpoint");
		}
		List<Entry> list = new ArrayList<>();
		for (Endpoint endpoint : endpoints) {
			list.add(new Entry(endpoint, methodsOf(endpoint.bean(), mapper)));
		}
		this.entries = List.copyOf(list);
	}

	/** The wire names of the methods each endpoint exposes, in registration order (for logs and tests). */
	public List<Set<String>> methodNames() {
		return this.entries.stream().map((e) -> e.methods.keySet()).toList();
	}

	/**
	 * Dispatches a request.
	 * @return the method's result (null for void)
	 * @throws NoSuchMethod if a matching endpoint lacks the method
	 * @throws UnsupportedVersion if no endpoint matches the namespace and version
	 * @throws Throwable whatever the endpoint method throws
	 */
	public Object dispatch(RequestMessage request) throws Throwable {
		EndpointMethod target = find(request);
		String[] previous = pushMdc(request.context());
		try {
			return target.invoke(request.args(), request.context());
		}
		finally {
			popMdc(previous);
		}
	}

	EndpointMethod find(RequestMessage request) {
		RpcVersion version = request.versionOrDefault();
		boolean matched = false;
		for (Entry entry : this.entries) {
			if (Objects.equals(entry.endpoint.namespace(), request.namespace())
					&& entry.endpoint.version().accepts(version)) {
				matched = true;
				EndpointMethod method = entry.methods.get(request.method());
				if (method != null) {
					return method;
				}
			}
		}
		if (matched) {
			throw new NoSuchMethod("Endpoint does not support RPC method " + request.method());
		}
		throw new UnsupportedVersion("Endpoint does not support RPC version " + version + ". Attempted method: "
				+ request.method());
	}

	private static Map<String, EndpointMethod> methodsOf(Object bean, JsonMapper mapper) {
		Map<String, EndpointMethod> methods = new HashMap<>();
		Set<String> seenSignatures = new HashSet<>();
		for (Class<?> type = bean.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
			for (Method method : type.getDeclaredMethods()) {
				RpcMethod annotation = method.getAnnotation(RpcMethod.class);
				if (annotation == null || method.isBridge() || method.isSynthetic()) {
					continue;
				}
				if (Modifier.isStatic(method.getModifiers())) {
					throw new IllegalStateException("@RpcMethod on static method " + method);
				}
				String signature = method.getName() + List.of(method.getParameterTypes());
				if (!seenSignatures.add(signature)) {
					continue; // overridden in a subclass that also carries @RpcMethod
				}
				String name = annotation.value().isEmpty() ? SnakeCase.of(method.getName()) : annotation.value();
				if (methods.put(name, new EndpointMethod(name, bean, method, mapper)) != null) {
					throw new IllegalStateException(
							"two @RpcMethod methods named '" + name + "' on " + bean.getClass().getName());
				}
			}
		}
		if (methods.isEmpty()) {
			throw new IllegalArgumentException(
					"endpoint " + bean.getClass().getName() + " has no @RpcMethod methods");
		}
		return Map.copyOf(methods);
	}

	private static String[] pushMdc(RequestContext context) {
		String[] previous = new String[MDC_KEYS.size()];
		String[] values = { context.requestId(), context.globalRequestId(), context.userId(), context.projectId() };
		for (int i = 0; i < values.length; i++) {
			String key = MDC_KEYS.get(i);
			previous[i] = MDC.get(key);
			if (values[i] != null) {
				MDC.put(key, values[i]);
			}
			else {
				MDC.remove(key);
			}
		}
		return previous;
	}

	private static void popMdc(String[] previous) {
		for (int i = 0; i < previous.length; i++) {
			if (previous[i] != null) {
				MDC.put(MDC_KEYS.get(i), previous[i]);
			}
			else {
				MDC.remove(MDC_KEYS.get(i));
			}
		}
	}

	private record Entry(Endpoint endpoint, Map<String, EndpointMethod> methods) {
	}

}
