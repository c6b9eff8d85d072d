package io.basalt.rpc.dispatch;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.basalt.rpc.NoSuchMethod;
import io.basalt.rpc.RemoteError;
import io.basalt.rpc.RpcException;
import io.basalt.rpc.UnsupportedVersion;
import io.basalt.rpc.wire.RemoteFailure;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns exceptions into oslo failures and back.
 * <ul>
 * <li>Server side: {@code class} = the class name without its package, {@code module} = the Java package,
 * {@code message}, {@code tb} = stack trace lines, {@code args} = [message]. {@link NoSuchMethod} and
 * {@link UnsupportedVersion} travel as oslo's own ({@code module = oslo_messaging.rpc.dispatcher}).</li>
 * <li>Client side: a failure whose module matches an allowed package pattern ({@code io.basalt.*} matches
 * {@code io.basalt} and every package under it; a pattern without {@code .*} matches exactly) and whose class is
 * an {@link RpcException} subclass with a public {@code (String)} constructor is re-created as that class with
 * the remote message (the remote traceback is attached as a suppressed exception). oslo's
 * {@code NoSuchMethod}/{@code UnsupportedVersion} become ours. Everything else is a {@link RemoteError}.</li>
 * </ul>
 * Thread-safe; constructor look-ups are cached.
 */
public final class RemoteExceptions {

	/** The module oslo.messaging's dispatcher errors come from. */
	public static final String OSLO_DISPATCHER_MODULE = "oslo_messaging.rpc.dispatcher";

	private static final int MAX_TRACE_LINES = 60;

	private final List<String> allowedPackages;

	private final Map<String, Optional<Constructor<? extends RpcException>>> constructors = new ConcurrentHashMap<>();

	/** @param allowedPackages package patterns, e.g. {@code io.basalt.*} */
	public RemoteExceptions(List<String> allowedPackages) {
		this.allowedPackages = List.copyOf(allowedPackages);
	}

	/** Describes {@code error} as an oslo failure. */
	public RemoteFailure toFailure(Throwable error) {
		String message = (error.getMessage() != null) ? error.getMessage() : "";
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		if (error instanceof NoSuchMethod || error instanceof UnsupportedVersion) {
			return new RemoteFailure(error.getClass().getSimpleName(), OSLO_DISPATCHER_MODULE, message, trace(error),
					nodes.arrayNode().add(message), nodes.objectNode());
		}
		Class<?> type = error.getClass();
		String module = type.getPackageName();
		String className = module.isEmpty() ? type.getName() : type.getName().substring(module.length() + 1);
		return new RemoteFailure(className, module, message, trace(error), nodes.arrayNode().add(message),
				nodes.objectNode());
	}

	/** Re-creates the exception a failure describes (see the class comment for the rules). */
	public RpcException toException(RemoteFailure failure) {
		RpcException result = recreate(failure);
		if (result == null) {
			return new RemoteError(failure.module(), failure.className(), failure.message(),
					String.join("\n", failure.traceback()));
		}
		if (!failure.traceback().isEmpty()) {
			result.addSuppressed(new RpcException("remote traceback:\n" + String.join("\n", failure.traceback())));
		}
		return result;
	}

	private RpcException recreate(RemoteFailure failure) {
		if (OSLO_DISPATCHER_MODULE.equals(failure.module())) {
			return switch (failure.className()) {
				case "NoSuchMethod" -> new NoSuchMethod(failure.message());
				case "UnsupportedVersion" -> new UnsupportedVersion(failure.message());
				default -> null;
			};
		}
		if (!isAllowed(failure.module())) {
			return null;
		}
		String name = failure.module() + "." + failure.className();
		Optional<Constructor<? extends RpcException>> constructor = this.constructors.computeIfAbsent(name,
				RemoteExceptions::findConstructor);
		if (constructor.isEmpty()) {
			return null;
		}
		try {
			return constructor.get().newInstance(failure.message());
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	boolean isAllowed(String module) {
		for (String pattern : this.allowedPackages) {
			if (pattern.endsWith(".*")) {
				String base = pattern.substring(0, pattern.length() - 2);
				if (module.equals(base) || module.startsWith(base + ".")) {
					return true;
				}
			}
			else if (module.equals(pattern)) {
				return true;
			}
		}
		return false;
	}

	private static Optional<Constructor<? extends RpcException>> findConstructor(String className) {
		try {
			Class<?> type = Class.forName(className, false, RemoteExceptions.class.getClassLoader());
			if (!RpcException.class.isAssignableFrom(type)) {
				return Optional.empty();
			}
			return Optional.of(type.asSubclass(RpcException.class).getConstructor(String.class));
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return Optional.empty();
		}
	}

	private static List<String> trace(Throwable error) {
		List<String> lines = new ArrayList<>();
		lines.add(error.toString());
		StackTraceElement[] frames = error.getStackTrace();
		for (int i = 0; i < frames.length && i < MAX_TRACE_LINES; i++) {
			lines.add("\tat " + frames[i]);
		}
		if (frames.length > MAX_TRACE_LINES) {
			lines.add("\t... " + (frames.length - MAX_TRACE_LINES) + " more");
		}
		return lines;
	}

}
