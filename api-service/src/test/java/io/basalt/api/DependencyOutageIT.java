package io.basalt.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.RabbitVhost;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API when its dependencies go away for real (no mocks): the database refusing connections (its sessions
 * killed with {@code pg_terminate_backend} and {@code ALLOW_CONNECTIONS false}) and the broker's vhost deleted.
 * Every request then gets 503 {@code serviceUnavailable} with {@code Retry-After} and a Cinder fault body, never
 * a 500, and nothing is half-written: once the database is back, no row of the refused requests exists.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.hikari.connection-timeout=1000",
				"spring.datasource.hikari.validation-timeout=500", "basalt.rpc.cast-retry-bound=2s",
				"basalt.rpc.call-timeout=5s", "basalt.service.host=outage-it" })
@Timeout(120)
class DependencyOutageIT {

	static final String PROJECT = "6b1c3e7f9b2d4f6e8a0c1b3d5e7f9a2c";

	static final String ADMIN = "admin:" + PROJECT;

	static final PostgresDatabase DB = TestServices.postgresDatabase();

	static final RabbitVhost VHOST = TestServices.rabbitVhost();

	static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", DB::jdbcUrl);
		registry.add("spring.datasource.username", DB::username);
		registry.add("spring.datasource.password", DB::password);
		registry.add("spring.rabbitmq.host", VHOST::host);
		registry.add("spring.rabbitmq.port", VHOST::port);
		registry.add("spring.rabbitmq.username", VHOST::username);
		registry.add("spring.rabbitmq.password", VHOST::password);
		registry.add("spring.rabbitmq.virtual-host", VHOST::vhost);
	}

	@AfterAll
	static void close() {
		DB.close();
		VHOST.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void anUnreachableDatabaseIs503AndNothingIsWritten() throws Exception {
		assertThat(send("GET", "/v3/" + PROJECT + "/volumes", null).statusCode()).isEqualTo(200);
		String before = state();
		cutDatabase(true);
		try {
			for (String[] request : new String[][] { { "POST", "/v3/" + PROJECT + "/volumes",
					"{\"volume\": {\"size\": 1, \"name\": \"during-outage\"}}" },
					{ "GET", "/v3/" + PROJECT + "/volumes/detail", null },
					{ "PUT", "/v3/" + PROJECT + "/os-quota-sets/" + PROJECT, "{\"quota_set\": {\"volumes\": 3}}" },
					{ "POST", "/v3/" + PROJECT + "/types", "{\"volume_type\": {\"name\": \"outage\"}}" } }) {
				assertUnavailable(send(request[0], request[1], request[2]), "the database cannot be reached");
			}
		}
		finally {
			cutDatabase(false);
		}
		awaitDatabase();
		assertThat(state()).isEqualTo(before);
		// and the service recovers by itself once the database is back
		var created = send("POST", "/v3/" + PROJECT + "/volumes", "{\"volume\": {\"size\": 1, \"name\": \"after\"}}");
		assertThat(created.statusCode()).isEqualTo(202);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM volumes WHERE display_name = 'during-outage'",
				Long.class)).isZero();
	}

	@Test
	void anUnreachableBrokerIs503ForACall() throws Exception {
		VHOST.close();
		assertUnavailable(send("GET", "/v3/" + PROJECT + "/scheduler-stats/get_pools", null),
				"the message broker cannot be reached");
	}

	private static void assertUnavailable(HttpResponse<String> response, String why) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				ct -> assertThat(ct).startsWith("application/json"));
		JsonNode fault = JSON.readTree(response.body()).get("serviceUnavailable");
		assertThat(fault.get("code").asInt()).isEqualTo(503);
		assertThat(fault.get("message").asString()).contains(why);
	}

	/** Refuses new connections to the test database and kills its sessions (or lets connections in again). */
	private static void cutDatabase(boolean cut) throws Exception {
		String adminUrl = DB.jdbcUrl().replace("/" + DB.name(), "/postgres");
		try (Connection c = DriverManager.getConnection(adminUrl, DB.username(), DB.password());
				Statement s = c.createStatement()) {
			s.execute("ALTER DATABASE " + DB.name() + " ALLOW_CONNECTIONS " + !cut);
			if (cut) {
				s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DB.name()
						+ "' AND pid <> pg_backend_pid()");
			}
		}
	}

	/** Waits (bounded) until the pool hands out connections again: it backs off while the database refused. */
	private void awaitDatabase() throws InterruptedException {
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (true) {
			try {
				this.jdbc.queryForObject("SELECT 1", Integer.class);
				return;
			}
			catch (org.springframework.dao.DataAccessException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Thread.sleep(200);
			}
		}
	}

	private String state() {
		return this.jdbc.queryForList("""
				SELECT (SELECT count(*) FROM volumes) AS volumes, (SELECT count(*) FROM reservations) AS reservations,
				       (SELECT coalesce(sum(in_use + reserved), 0) FROM quota_usages) AS usage,
				       (SELECT count(*) FROM quotas) AS quotas, (SELECT count(*) FROM outbox) AS outbox,
				       (SELECT count(*) FROM volume_types) AS types""").toString();
	}

	private HttpResponse<String> send(String method, String path, String body) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("X-Auth-Token", ADMIN)
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

}
