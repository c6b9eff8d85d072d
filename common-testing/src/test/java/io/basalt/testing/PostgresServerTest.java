package io.basalt.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Unit tests of URL handling in {@link PostgresServer} and {@link RabbitVhost}. */
class PostgresServerTest {

	/** The admin URL's host, port and parameters are kept; only the database name changes. */
	@Test
	void databaseUrlReplacesOnlyTheDatabase() {
		assertThat(server("jdbc:postgresql://127.0.0.1:5432/postgres").databaseUrl("x"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/x");
		assertThat(server("jdbc:postgresql://localhost:32768/test?loggerLevel=OFF").databaseUrl("x"))
			.isEqualTo("jdbc:postgresql://localhost:32768/x?loggerLevel=OFF");
		assertThat(server("jdbc:postgresql://db:5432").databaseUrl("x")).isEqualTo("jdbc:postgresql://db:5432/x");
	}

	/** User, password and vhost are URL-encoded in the AMQP URI. */
	@Test
	void rabbitUriEncodesParts() {
		RabbitVhost vhost = new RabbitVhost("h", 5672, "u@x", "p/ w", "/v h");
		assertThat(vhost.uri()).isEqualTo("amqp://u%40x:p%2F%20w@h:5672/%2Fv%20h");
	}

	private static PostgresServer server(String url) {
		return new PostgresServer(url, "postgres", "", "test");
	}

}
