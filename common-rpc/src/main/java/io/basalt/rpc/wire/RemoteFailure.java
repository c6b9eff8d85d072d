package io.basalt.rpc.wire;

import java.util.List;
import java.util.Objects;

import tools.jackson.databind.JsonNode;

/**
 * oslo's serialised exception: the JSON object carried, as a string, in a reply's {@code failure} key.
 *
 * @param className {@code class}: the exception's class name (Java: the name without the package)
 * @param module {@code module}: the Python module, or the Java package
 * @param message {@code message}: the exception's message
 * @param traceback {@code tb}: traceback lines
 * @param args {@code args}: positional constructor arguments (a JSON array)
 * @param kwargs {@code kwargs}: keyword constructor arguments (a JSON object)
 */
public record RemoteFailure(String className, String module, String message, List<String> traceback, JsonNode args,
		JsonNode kwargs) {

	public RemoteFailure {
		Objects.requireNonNull(className, "className");
		module = (module != null) ? module : "";
		message = (message != null) ? message : "";
		traceback = (traceback != null) ? List.copyOf(traceback) : List.of();
	}

}
