package io.basalt.api.auth.keystone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keystone's {@code /v3/auth/tokens} on an ephemeral loopback port, for tests: issues service tokens to
 * {@value #USER}/{@value #PASSWORD} (project {@value #PROJECT}), and validates the subject tokens added with
 * {@link #addToken} (the body of {@code keystone-token-validation-sample.json} with the given expiry). Answers
 * 401 to an unknown or expired service token, 404 to an unknown or expired subject token. Tests can make it
 * fail ({@link #failWith}), slow ({@link #delay}) or revoke the service tokens it issued.
 */
final class FakeKeystone implements AutoCloseable {

	static final String USER = "basalt";

	static final String PASSWORD = "s3cret";

	static final String PROJECT = "service";

	static final JsonMapper JSON = JsonMapper.builder().build();

	final AtomicInteger issued = new AtomicInteger();

	final AtomicInteger validations = new AtomicInteger();

	final AtomicInteger refusedServiceTokens = new AtomicInteger();

	volatile Duration serviceTokenLifetime = Duration.ofHours(1);

	volatile int failWith;

	volatile Duration delay = Duration.ZERO;

	/** Whether an expired subject token is answered 404 (as Keystone does) rather than 200. */
	volatile boolean checkSubjectExpiry = true;

	private final Clock clock;

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, Instant> serviceTokens = new ConcurrentHashMap<>();

	private final Map<String, String> subjects = new ConcurrentHashMap<>();

	FakeKeystone(Clock clock) {
		this.clock = clock;
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/v3/auth/tokens", this::handle);
		this.server.start();
	}

	/** The Identity v3 URL, e.g. {@code http://127.0.0.1:40123/v3}. */
	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/v3");
	}

	/** Makes {@code token} valid until {@code expiresAt}, with the sample's user, project and roles. */
	void addToken(String token, Instant expiresAt) {
		this.subjects.put(token, sample().replace("2026-11-22T01:42:14.000000Z", expiresAt.toString()));
	}

	/** Makes {@code token} valid with the given validation body. */
	void addToken(String token, String body) {
		this.subjects.put(token, body);
	}

	/** Keystone forgets every service token it issued (as after a restart with new Fernet keys). */
	void revokeServiceTokens() {
		this.serviceTokens.clear();
	}

	static String sample() {
		try (InputStream in = FakeKeystone.class.getResourceAsStream("keystone-token-validation-sample.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] request = exchange.getRequestBody().readAllBytes();
			if (!this.delay.isZero()) {
				Thread.sleep(this.delay.toMillis());
			}
			if (this.failWith != 0) {
				respond(exchange, this.failWith, "{\"error\": {\"code\": " + this.failWith + "}}");
			}
			else if ("POST".equals(exchange.getRequestMethod())) {
				issue(exchange, request);
			}
			else if ("GET".equals(exchange.getRequestMethod())) {
				validate(exchange);
			}
			else {
				respond(exchange, 405, "{}");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void issue(HttpExchange exchange, byte[] request) throws IOException {
		JsonNode auth = JSON.readTree(request).path("auth");
		JsonNode user = auth.path("identity").path("password").path("user");
		boolean good = USER.equals(user.path("name").asString()) && PASSWORD.equals(user.path("password").asString())
				&& "Default".equals(user.path("domain").path("name").asString())
				&& PROJECT.equals(auth.path("scope").path("project").path("name").asString());
		if (!good) {
			respond(exchange, 401, "{\"error\": {\"code\": 401}}");
			return;
		}
		String token = "svc-" + this.issued.incrementAndGet();
		Instant expiresAt = this.clock.instant().plus(this.serviceTokenLifetime);
		this.serviceTokens.put(token, expiresAt);
		exchange.getResponseHeaders().set("X-Subject-Token", token);
		respond(exchange, 201, "{\"token\": {\"expires_at\": \"" + expiresAt + "\", \"methods\": [\"password\"]}}");
	}

	private void validate(HttpExchange exchange) throws IOException {
		this.validations.incrementAndGet();
		if (!"nocatalog".equals(exchange.getRequestURI().getQuery())) {
			respond(exchange, 400, "{}");
			return;
		}
		Instant serviceExpiry = this.serviceTokens.get(exchange.getRequestHeaders().getFirst("X-Auth-Token"));
		if (serviceExpiry == null || !serviceExpiry.isAfter(this.clock.instant())) {
			this.refusedServiceTokens.incrementAndGet();
			respond(exchange, 401, "{\"error\": {\"code\": 401}}");
			return;
		}
		String body = this.subjects.get(exchange.getRequestHeaders().getFirst("X-Subject-Token"));
		if (body == null || (this.checkSubjectExpiry && !expiresAt(body).isAfter(this.clock.instant()))) {
			respond(exchange, 404, "{\"error\": {\"code\": 404}}");
			return;
		}
		respond(exchange, 200, body);
	}

	private static Instant expiresAt(String body) {
		return Instant.parse(JSON.readTree(body).path("token").path("expires_at").asString());
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/** Stops answering: later calls are refused at connect. */
	void stop() {
		this.server.stop(0);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
