package io.basalt.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Decides, once per JVM, whether a Docker engine answers. It asks Testcontainers only when a Docker endpoint is
 * plausible (DOCKER_HOST, a Testcontainers docker.host setting, or a known socket file exists), and then with a
 * time limit, so that machines with a docker client but no engine decide in milliseconds and without a stack of
 * Testcontainers error logs. Thread-safe: the answer is computed under the class lock.
 */
final class DockerProbe {

	private static final Logger log = LoggerFactory.getLogger(DockerProbe.class);

	private static final long TIMEOUT_SECONDS = 20;

	private static Boolean available;

	private static String reason = "not probed";

	private DockerProbe() {
	}

	static synchronized boolean isDockerAvailable() {
		if (available == null) {
			available = probe();
		}
		return available;
	}

	/** Why the last probe answered as it did, for error messages. */
	static synchronized String reason() {
		return reason;
	}

	private static boolean probe() {
		String setting = TestConfig.get(TestConfig.DOCKER, "auto");
		if ("false".equalsIgnoreCase(setting)) {
			reason = TestConfig.DOCKER + "=false";
			return false;
		}
		if (!"true".equalsIgnoreCase(setting) && !endpointPlausible()) {
			reason = "no DOCKER_HOST, no Testcontainers docker.host and no Docker socket file";
			return false;
		}
		CompletableFuture<Boolean> answer = CompletableFuture
			.supplyAsync(() -> DockerClientFactory.instance().isDockerAvailable());
		try {
			boolean result = answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			reason = result ? "Docker engine answered" : "Testcontainers found no working Docker engine";
			return result;
		}
		catch (Exception ex) {
			answer.cancel(true);
			reason = "Docker probe failed or took over " + TIMEOUT_SECONDS + " s: " + ex;
			log.debug("Docker probe failed", ex);
			return false;
		}
	}

	private static boolean endpointPlausible() {
		if (System.getenv("DOCKER_HOST") != null) {
			return true;
		}
		String home = System.getProperty("user.home", "/");
		Path props = Path.of(home, ".testcontainers.properties");
		try {
			if (Files.isReadable(props) && Files.readString(props).contains("docker.host")) {
				return true;
			}
		}
		catch (Exception ex) {
			// unreadable settings: fall through to the socket checks
		}
		String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
		List<Path> sockets = new java.util.ArrayList<>(List.of(Path.of("/var/run/docker.sock"),
				Path.of("/run/docker.sock"), Path.of(home, ".docker", "run", "docker.sock"),
				Path.of(home, ".docker", "desktop", "docker.sock"), Path.of(home, ".colima", "default", "docker.sock"),
				Path.of(home, ".rd", "docker.sock")));
		if (runtimeDir != null) {
			sockets.add(Path.of(runtimeDir, "docker.sock"));
			sockets.add(Path.of(runtimeDir, "podman", "podman.sock"));
		}
		return sockets.stream().anyMatch(Files::exists);
	}

}
