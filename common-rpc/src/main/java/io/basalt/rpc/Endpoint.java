package io.basalt.rpc;

import java.util.Objects;

/**
 * An object registered with a server, with the API version it implements and its namespace. Only its
 * {@link RpcMethod}-annotated methods are callable.
 *
 * @param bean the object whose methods are called
 * @param version the version it implements (a request is served when {@code version.accepts(requested)})
 * @param namespace the namespace it serves, or null for the default one
 */
public record Endpoint(Object bean, RpcVersion version, String namespace) {

	public Endpoint {
		Objects.requireNonNull(bean, "bean");
		Objects.requireNonNull(version, "version");
	}

	public static Endpoint of(Object bean, RpcVersion version) {
		return new Endpoint(bean, version, null);
	}

}
