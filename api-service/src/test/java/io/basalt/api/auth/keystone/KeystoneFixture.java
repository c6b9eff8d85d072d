package io.basalt.api.auth.keystone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.basalt.api.ApiProperties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real Keystone of the integration tests and its fixture (made by {@code deploy/keystone/install.sh}): URL
 * from {@value #URL_VARIABLE} (system property or environment variable; default {@value #DEFAULT_URL}), the
 * users, passwords and projects below (all in domain {@value #DOMAIN}), and project-scoped tokens for them.
 * {@link #token} caches a token per user and project for the JVM (renewed when less than 10 minutes remain;
 * Keystone spends tens of milliseconds to seconds on each); {@link #newToken} always asks for a new one.
 * Thread-safe.
 */
public final class KeystoneFixture {

	public static final String URL_VARIABLE = "BASALT_TEST_KEYSTONE_URL";

	public static final String DEFAULT_URL = "http://127.0.0.1:5000/v3";

	public static final String DOMAIN = "Default";

	/** Basalt's service user (roles service and admin in project {@value #SERVICE_PROJECT}). */
	public static final String SERVICE_USER = "basalt";

	public static final String SERVICE_PASSWORD = "basalt-service";

	public static final String SERVICE_PROJECT = "service";

	/** The cloud admin (role admin, implying member and reader, in project {@value #ADMIN_PROJECT}). */
	public static final String ADMIN_USER = "admin";

	public static final String ADMIN_PASSWORD = "basalt-admin";

	public static final String ADMIN_PROJECT = "admin";

	/** The demo project: {@value #DEMO_MEMBER} (member, implying reader) and {@value #DEMO_READER} (reader). */
	public static final String DEMO_PROJECT = "basalt-demo";

	public static final String DEMO_MEMBER = "demo-member";

	public static final String DEMO_READER = "demo-reader";

	public static final String DEMO_PASSWORD = "basalt-demo";

	/** Another project, for isolation tests: {@value #ALT_MEMBER} (member). */
	public static final String ALT_PROJECT = "basalt-alt";

	public static final String ALT_MEMBER = "alt-member";

	public static final String ALT_PASSWORD = "basalt-demo";

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(3))
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final KeystoneTokenParser PARSER = new KeystoneTokenParser(JSON);

	private static final Map<String, Issued> TOKENS = new ConcurrentHashMap<>();

	private KeystoneFixture() {
	}

	/** The Identity v3 URL. */
	public static URI url() {
		String value = System.getProperty(URL_VARIABLE);
		if (value == null || value.isBlank()) {
			value = System.getenv(URL_VARIABLE);
		}
		return URI.create((value == null || value.isBlank()) ? DEFAULT_URL : value.trim());
	}

	/** Whether Keystone answers {@code GET <url>} with 200 within a few seconds. */
	public static boolean available() {
		try {
			HttpRequest request = HttpRequest.newBuilder(url()).timeout(Duration.ofSeconds(5)).GET().build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException | IllegalArgumentException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Skips the calling test when Keystone is unreachable, or fails it when {@code CI=true}. */
	public static void assumeAvailable() {
		if (available()) {
			return;
		}
		String message = "Keystone is not reachable at " + url() + " (set " + URL_VARIABLE
				+ ", or run deploy/keystone/install.sh)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			Assertions.fail(message + "; CI=true, so this is a failure, not a skip");
		}
		Assumptions.abort(message);
	}

	/**
	 * Whether a Keystone test should run: Keystone answers, or {@code CI=true} (where it must answer, so the test
	 * runs and fails rather than skipping). For {@code @EnabledIf}.
	 */
	public static boolean runnable() {
		return "true".equalsIgnoreCase(System.getenv("CI")) || available();
	}

	/** The project id a token is scoped to, as Keystone reports it. */
	public static String projectId(String token) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(KeystoneClient.identityBase(url())
				+ "/auth/tokens?nocatalog"))
			.timeout(Duration.ofSeconds(30))
			.header("X-Auth-Token", token)
			.header("X-Subject-Token", token)
			.GET()
			.build();
		HttpResponse<byte[]> response = send(request);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Keystone answered " + response.statusCode() + " to a token's own check");
		}
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()).path("token")
			.path("project").path("id").asString();
	}

	/** A project-scoped token of {@code user} (cached; see the class comment). */
	public static String token(String user, String password, String project) {
		String key = user + "\n" + project;
		Issued cached = TOKENS.get(key);
		if (cached != null && cached.expiresAt().isAfter(Instant.now().plus(Duration.ofMinutes(10)))
				&& cached.password().equals(password)) {
			return cached.token();
		}
		Issued issued = issue(user, password, project);
		TOKENS.put(key, issued);
		return issued.token();
	}

	/** A new project-scoped token of {@code user}, never cached (e.g. to revoke it). */
	public static String newToken(String user, String password, String project) {
		return issue(user, password, project).token();
	}

	/** Revokes {@code token} (the token revokes itself: {@code DELETE /v3/auth/tokens}). */
	public static void revoke(String token) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(KeystoneClient.identityBase(url()) + "/auth/tokens"))
			.timeout(Duration.ofSeconds(30))
			.header("X-Auth-Token", token)
			.header("X-Subject-Token", token)
			.DELETE()
			.build();
		int status = send(request).statusCode();
		if (status != 204) {
			throw new IllegalStateException("Keystone answered " + status + " to the revocation of a token");
		}
	}

	/** Settings of a provider validating as Basalt's service user, with the given cache TTL. */
	public static ApiProperties.Keystone settings(Duration cacheTtl) {
		return settings(SERVICE_PASSWORD, cacheTtl);
	}

	/** Settings of a provider validating as Basalt's service user with {@code password}. */
	public static ApiProperties.Keystone settings(String password, Duration cacheTtl) {
		return new ApiProperties.Keystone(url(), SERVICE_USER, password, SERVICE_PROJECT, DOMAIN, DOMAIN, cacheTtl,
				Duration.ofSeconds(10), Duration.ofSeconds(30), 1000, null);
	}

	private static Issued issue(String user, String password, String project) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(KeystoneClient.identityBase(url()) + "/auth/tokens"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(PARSER.passwordAuth(user, DOMAIN, password, project, DOMAIN)))
			.build();
		HttpResponse<byte[]> response = send(request);
		String token = response.headers().firstValue("X-Subject-Token").orElse(null);
		if (response.statusCode() != 201 || token == null) {
			throw new IllegalStateException("Keystone answered " + response.statusCode() + " to the password of '"
					+ user + "' in project '" + project + "': is the fixture of deploy/keystone/install.sh there?");
		}
		return new Issued(token, password, PARSER.expiresAt(response.body()));
	}

	private static HttpResponse<byte[]> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Keystone unreachable at " + request.uri() + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private record Issued(String token, String password, Instant expiresAt) {
	}

}
