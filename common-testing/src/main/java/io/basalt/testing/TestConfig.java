package io.basalt.testing;

import java.util.Optional;

/**
 * Reads the harness's settings: a system property of the given name wins over the environment variable of the
 * same name; blank values count as absent. Stateless and thread-safe.
 */
final class TestConfig {

	static final String PG_URL = "BASALT_TEST_PG_URL";
	static final String PG_USER = "BASALT_TEST_PG_USER";
	static final String PG_PASSWORD = "BASALT_TEST_PG_PASSWORD";
	static final String RABBIT_HOST = "BASALT_TEST_RABBIT_HOST";
	static final String RABBIT_PORT = "BASALT_TEST_RABBIT_PORT";
	static final String RABBIT_USER = "BASALT_TEST_RABBIT_USER";
	static final String RABBIT_PASSWORD = "BASALT_TEST_RABBIT_PASSWORD";
	static final String RABBIT_MGMT_URL = "BASALT_TEST_RABBIT_MGMT_URL";
	static final String RABBITMQCTL = "BASALT_TEST_RABBITMQCTL";
	/** {@code false} skips Testcontainers; {@code true} asks Testcontainers even when no Docker socket is seen. */
	static final String DOCKER = "BASALT_TEST_DOCKER";

	private TestConfig() {
	}

	static Optional<String> get(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			value = System.getenv(name);
		}
		return (value == null || value.isBlank()) ? Optional.empty() : Optional.of(value.trim());
	}

	static String get(String name, String fallback) {
		return get(name).orElse(fallback);
	}

}
