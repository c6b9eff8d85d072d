package io.basalt.rpc.dispatch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.basalt.rpc.InvalidArguments;
import io.basalt.rpc.RequestContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code @RpcMethod} of an endpoint, ready to invoke: its parameters are bound by name from the
 * request's {@code args} (Java name in snake_case), converted with pre-built Jackson readers, and a
 * {@link RequestContext} parameter receives the caller's context. {@code Optional} parameters may be absent;
 * every other parameter is required, and an argument the method does not declare is an error (as a Python
 * endpoint would raise {@code TypeError}). Immutable and thread-safe.
 */
final class EndpointMethod {

	private final String wireName;

	private final Object bean;

	private final Method method;

	private final Param[] params;

	private final Set<String> argNames;

	EndpointMethod(String wireName, Object bean, Method method, JsonMapper mapper) {
		this.wireName = wireName;
		this.bean = bean;
		this.method = method;
		method.setAccessible(true);
		Parameter[] parameters = method.getParameters();
		this.params = new Param[parameters.length];
		Set<String> names = new HashSet<>();
		for (int i = 0; i < parameters.length; i++) {
			Parameter parameter = parameters[i];
			if (parameter.getType() == RequestContext.class) {
				this.params[i] = new Param(null, null, false, false);
				continue;
			}
			if (!parameter.isNamePresent()) {
				throw new IllegalStateException("RPC method " + method + " was compiled without -parameters: "
						+ "its arguments cannot be bound by name");
			}
			String name = SnakeCase.of(parameter.getName());
			if (!names.add(name)) {
				throw new IllegalStateException("RPC method " + method + " has two parameters named " + name);
			}
			JavaType type = mapper.constructType(parameter.getParameterizedType());
			this.params[i] = new Param(name, mapper.readerFor(type), parameter.getType() == Optional.class,
					parameter.getType().isPrimitive());
		}
		this.argNames = Set.copyOf(names);
	}

	String wireName() {
		return this.wireName;
	}

	Method method() {
		return this.method;
	}

	/**
	 * Binds the arguments and invokes the method.
	 * @return the method's return value (null for void)
	 * @throws InvalidArguments if the arguments do not fit the parameters
	 * @throws Throwable whatever the method throws, unwrapped
	 */
	Object invoke(ObjectNode args, RequestContext context) throws Throwable {
		Object[] values = bind(args, context);
		try {
			return this.method.invoke(this.bean, values);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private Object[] bind(ObjectNode args, RequestContext context) {
		for (Iterator<Map.Entry<String, JsonNode>> it = args.properties().iterator(); it.hasNext();) {
			String name = it.next().getKey();
			if (!this.argNames.contains(name)) {
				throw new InvalidArguments(this.wireName + "() got an unexpected argument '" + name + "'");
			}
		}
		Object[] values = new Object[this.params.length];
		for (int i = 0; i < this.params.length; i++) {
			Param param = this.params[i];
			if (param.name == null) {
				values[i] = context;
				continue;
			}
			JsonNode node = args.get(param.name);
			if (node == null) {
				if (!param.optional) {
					throw new InvalidArguments(this.wireName + "() is missing required argument '" + param.name + "'");
				}
				values[i] = Optional.empty();
				continue;
			}
			if (node.isNull() && param.primitive) {
				throw new InvalidArguments(this.wireName + "() argument '" + param.name + "' must not be null");
			}
			try {
				values[i] = param.reader.readValue(node);
			}
			catch (JacksonException ex) {
				throw new InvalidArguments(this.wireName + "() argument '" + param.name + "' has the wrong shape: "
						+ ex.getOriginalMessage());
			}
		}
		return values;
	}

	private record Param(String name, ObjectReader reader, boolean optional, boolean primitive) {
	}

}
