package io.basalt.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few volume API calls the bench makes, on one JDK {@link HttpClient} (HTTP/1.1, keep-alive: the client keeps
 * one connection per concurrent request in its pool) with noauth tokens {@code user:project}.
 */
final class VolumeClient {

	/** A status GET's answer: the volume's status, or {@code null} with {@code code} 404 when it is gone. */
	record Show(int code, String status) {
	}

	private final HttpClient http;

	private final URI volumes;

	private final String project;

	private final String token;

	private final Duration requestTimeout = Duration.ofSeconds(30);

	VolumeClient(URI endpoint, String user, String project) {
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.project = project;
		this.volumes = URI.create(endpoint + "/v3/" + project + "/volumes");
		this.token = user + ":" + project;
	}

	/** {@code PUT os-quota-sets/<project>} with volumes and gigabytes unlimited, as admin. */
	void raiseQuota() throws IOException, InterruptedException {
		URI uri = URI.create(this.volumes.toString().replace("/volumes", "/os-quota-sets/" + this.project));
		HttpResponse<String> r = this.http.send(request(uri)
			.header("X-Roles", "admin")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"quota_set\":{\"volumes\":-1,\"gigabytes\":-1}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 200) {
			throw new IOException("raising the quota of " + this.project + " answered " + r.statusCode() + ": "
					+ r.body());
		}
	}

	/** {@code POST volumes}; the new volume's id, or an exception naming the HTTP status. */
	String create(int sizeGb) throws IOException, InterruptedException {
		HttpResponse<String> r = this.http.send(request(this.volumes)
			.POST(HttpRequest.BodyPublishers.ofString("{\"volume\":{\"size\":" + sizeGb + "}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() != 202) {
			throw new HttpStatusException("create", r.statusCode(), r.body());
		}
		String id = Json.string(Json.parse(r.body()), "volume", "id");
		if (id == null) {
			throw new IOException("create answered 202 without volume.id: " + r.body());
		}
		return id;
	}

	Show show(String id) throws IOException, InterruptedException {
		HttpResponse<String> r = this.http.send(request(URI.create(this.volumes + "/" + id)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() == 404) {
			return new Show(404, null);
		}
		if (r.statusCode() != 200) {
			throw new HttpStatusException("show", r.statusCode(), r.body());
		}
		return new Show(200, Json.string(Json.parse(r.body()), "volume", "status"));
	}

	/** {@code DELETE volumes/<id>}: true when accepted (202), false when already gone (404). */
	boolean delete(String id) throws IOException, InterruptedException {
		HttpResponse<String> r = this.http.send(request(URI.create(this.volumes + "/" + id)).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		if (r.statusCode() == 404) {
			return false;
		}
		if (r.statusCode() != 202) {
			throw new HttpStatusException("delete", r.statusCode(), r.body());
		}
		return true;
	}

	void close() {
		this.http.close();
	}

	private HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri)
			.timeout(this.requestTimeout)
			.header("X-Auth-Token", this.token)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json");
	}

	/** An answer with an unexpected HTTP status; {@link #kind()} is the error bucket, e.g. {@code create_http_413}. */
	static final class HttpStatusException extends IOException {

		private final String kind;

		HttpStatusException(String call, int code, String body) {
			super(call + " answered " + code + ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
			this.kind = call + "_http_" + code;
		}

		String kind() {
			return this.kind;
		}

	}

}
