package io.basalt.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link VhostAdmin} over the RabbitMQ management HTTP API ({@code java.net.http}). The management plugin's
 * connection list may lag the broker by a moment, so closing polls it until empty. Thread-safe: the HTTP client is.
 */
final class ManagementApiVhostAdmin implements VhostAdmin {

	private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

	private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final String baseUrl;

	private final String authorization;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	ManagementApiVhostAdmin(String baseUrl, String username, String password) {
		URI uri = URI.create(baseUrl);
		String user = username;
		String pass = password;
		if (uri.getUserInfo() != null) {
			String[] parts = uri.getUserInfo().split(":", 2);
			user = parts[0];
			pass = parts.length > 1 ? parts[1] : "";
			baseUrl = baseUrl.replace(uri.getRawUserInfo() + "@", "");
		}
		this.baseUrl = baseUrl.replaceAll("/+$", "").replaceAll("/api$", "");
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
	}

	/** Whether {@code GET /api/overview} answers 200 with these credentials. */
	boolean answers() {
		try {
			return send("GET", "/api/overview", null).statusCode() == 200;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@Override
	public void createVhost(String vhost, String user) {
		expect(send("PUT", "/api/vhosts/" + enc(vhost), "{}"), "create vhost " + vhost);
		expect(send("PUT", "/api/permissions/" + enc(vhost) + "/" + enc(user),
				"{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}"), "set permissions on " + vhost);
	}

	@Override
	public void setAccess(String vhost, String user, boolean granted) {
		String path = "/api/permissions/" + enc(vhost) + "/" + enc(user);
		if (granted) {
			expect(send("PUT", path, "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}"),
					"set permissions on " + vhost);
		}
		else {
			expect(send("DELETE", path, null), "clear permissions on " + vhost);
		}
	}

	@Override
	public void deleteVhost(String vhost) {
		HttpResponse<String> response = send("DELETE", "/api/vhosts/" + enc(vhost), null);
		if (response.statusCode() != 404) {
			expect(response, "delete vhost " + vhost);
		}
	}

	@Override
	public void closeAllConnections(String vhost, String reason) {
		// Only the connections open now must go: clients that reconnect by themselves open new ones at once.
		List<String> before = connectionNames(vhost);
		long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
		do {
			List<String> names = new java.util.ArrayList<>(connectionNames(vhost));
			names.retainAll(before);
			if (names.isEmpty()) {
				return;
			}
			for (String name : names) {
				HttpRequest request = request("DELETE", "/api/connections/" + enc(name), null)
					.header("X-Reason", reason)
					.build();
				HttpResponse<String> response = send(request);
				if (response.statusCode() != 404) {
					expect(response, "close connection " + name);
				}
			}
			sleep(200);
		}
		while (System.nanoTime() < deadline);
		throw new IllegalStateException("Connections of vhost " + vhost + " still open after " + CLOSE_WAIT);
	}

	@Override
	public int connectionCount(String vhost) {
		return connectionNames(vhost).size();
	}

	@Override
	public String describe() {
		return "management API " + this.baseUrl;
	}

	private List<String> connectionNames(String vhost) {
		HttpResponse<String> response = send("GET", "/api/vhosts/" + enc(vhost) + "/connections?columns=name", null);
		expect(response, "list connections of " + vhost);
		List<String> names = new ArrayList<>();
		Matcher matcher = NAME.matcher(response.body());
		while (matcher.find()) {
			names.add(matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
		}
		return names;
	}

	private HttpResponse<String> send(String method, String path, String json) {
		return send(request(method, path, json).build());
	}

	private HttpRequest.Builder request(String method, String path, String json) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", this.authorization);
		if (json != null) {
			builder.header("Content-Type", "application/json");
		}
		return builder.method(method,
				json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted calling " + request.uri(), ex);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Could not call " + request.method() + " " + request.uri(), ex);
		}
	}

	private static void expect(HttpResponse<String> response, String what) {
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					"Could not " + what + ": HTTP " + response.statusCode() + " " + response.body());
		}
	}

	private static String enc(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
