package io.basalt.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client of Basalt's Cinder v3 REST API for the system tests: noauth tokens {@code admin:<project>}
 * (the default role is admin), JSON bodies as maps, answers as Jackson trees.
 */
public final class CinderApi {

	/** Statuses a volume leaves by itself. */
	public static final Set<String> TRANSITIONAL = Set.of("creating", "deleting", "extending", "attaching",
			"detaching", "reserved", "retyping", "downloading", "uploading", "restoring-backup", "backing-up",
			"maintenance", "managing");

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Duration requestTimeout;

	public CinderApi(String baseUrl) {
		this(baseUrl, Duration.ofSeconds(60));
	}

	public CinderApi(String baseUrl, Duration requestTimeout) {
		this.baseUrl = baseUrl;
		this.requestTimeout = requestTimeout;
	}

	/** One answer: status, parsed body (a missing node if empty or not JSON), raw body. */
	public record Response(int status, JsonNode body, String raw) {

		public Response expect(int expected, String what) {
			if (this.status != expected) {
				throw new AssertionError(what + ": expected HTTP " + expected + " but got " + this.status + ": "
						+ this.raw);
			}
			return this;
		}

	}

	// ------------------------------------------------------------------------------------------ raw

	/** {@code method /v3/{project}{path}} with an optional JSON body and microversion. */
	public Response request(String method, String project, String path, Object body, String microversion) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(this.baseUrl + "/v3/" + project + path))
			.timeout(this.requestTimeout)
			.header("X-Auth-Token", "admin:" + project)
			.header("Accept", "application/json");
		if (microversion != null) {
			b.header("OpenStack-API-Version", "volume " + microversion);
		}
		if (body != null) {
			b.header("Content-Type", "application/json");
			b.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			b.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> r = this.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode tree;
			try {
				tree = (r.body() == null || r.body().isBlank()) ? JSON.missingNode() : JSON.readTree(r.body());
			}
			catch (RuntimeException ex) {
				tree = JSON.missingNode();
			}
			return new Response(r.statusCode(), tree, r.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public Response get(String project, String path) {
		return request("GET", project, path, null, null);
	}

	/** {@code GET /v3/} (the version document). */
	public Response versions() {
		try {
			HttpResponse<String> r = this.http.send(
					HttpRequest.newBuilder(URI.create(this.baseUrl + "/v3/")).timeout(this.requestTimeout).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(r.statusCode(), JSON.readTree(r.body()), r.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	// ------------------------------------------------------------------------------------------ volumes

	/** POST /volumes with {@code {"volume": volume}}; the raw answer. */
	public Response postVolume(String project, Map<String, Object> volume) {
		return request("POST", project, "/volumes", Map.of("volume", volume), null);
	}

	/** Creates a volume (202 expected) and returns its id. {@code type} may be null. */
	public String createVolume(String project, int sizeGb, String type) {
		return createVolume(project, sizeGb, type, null);
	}

	public String createVolume(String project, int sizeGb, String type, String name) {
		Map<String, Object> v = new LinkedHashMap<>();
		v.put("size", sizeGb);
		if (type != null) {
			v.put("volume_type", type);
		}
		if (name != null) {
			v.put("name", name);
		}
		Response r = postVolume(project, v).expect(202, "create volume " + v);
		return text(r.body().path("volume"), "id");
	}

	/** GET /volumes/{id}: the volume, or null on 404. */
	public JsonNode volume(String project, String id) {
		Response r = get(project, "/volumes/" + id);
		if (r.status() == 404) {
			return null;
		}
		r.expect(200, "show volume " + id);
		return r.body().path("volume");
	}

	/** GET /volumes/detail. */
	public JsonNode volumes(String project) {
		return get(project, "/volumes/detail").expect(200, "list volumes").body().path("volumes");
	}

	public Response deleteVolume(String project, String id) {
		return request("DELETE", project, "/volumes/" + id, null, null);
	}

	public Response extendVolume(String project, String id, int newSize) {
		return request("POST", project, "/volumes/" + id + "/action", Map.of("os-extend", Map.of("new_size", newSize)),
				null);
	}

	/** Waits until the volume leaves every transitional status and returns it (fails if it vanished). */
	public JsonNode awaitSettled(String project, String id, Duration timeout) {
		AtomicReference<JsonNode> last = new AtomicReference<>();
		try {
			await().atMost(timeout).pollDelay(Duration.ofMillis(100)).pollInterval(Duration.ofMillis(250))
				.ignoreExceptions().until(() -> {
					JsonNode v = volume(project, id);
					last.set(v);
					return v == null || !TRANSITIONAL.contains(text(v, "status"));
				});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("volume " + id + " still not settled after " + timeout + ": " + last.get(), ex);
		}
		if (last.get() == null) {
			throw new AssertionError("volume " + id + " vanished while waiting for it to settle");
		}
		return last.get();
	}

	/** Waits until GET /volumes/{id} answers 404. */
	public void awaitGone(String project, String id, Duration timeout) {
		AtomicReference<JsonNode> last = new AtomicReference<>();
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
				JsonNode v = volume(project, id);
				last.set(v);
				return v == null;
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("volume " + id + " not gone after " + timeout + ": " + last.get(), ex);
		}
	}

	// ------------------------------------------------------------------------------------------ types

	/** POST /types (admin), 200 expected; returns the volume_type. */
	public JsonNode createType(String project, String name, Map<String, String> extraSpecs) {
		Map<String, Object> t = new LinkedHashMap<>();
		t.put("name", name);
		if (extraSpecs != null && !extraSpecs.isEmpty()) {
			t.put("extra_specs", extraSpecs);
		}
		return request("POST", project, "/types", Map.of("volume_type", t), null).expect(200, "create type " + name)
			.body()
			.path("volume_type");
	}

	/** POST /types/{id}/extra_specs; returns the extra_specs. */
	public JsonNode setExtraSpecs(String project, String typeId, Map<String, String> specs) {
		return request("POST", project, "/types/" + typeId + "/extra_specs", Map.of("extra_specs", specs), null)
			.expect(200, "set extra specs of " + typeId)
			.body()
			.path("extra_specs");
	}

	public JsonNode extraSpecs(String project, String typeId) {
		return get(project, "/types/" + typeId + "/extra_specs").expect(200, "extra specs of " + typeId)
			.body()
			.path("extra_specs");
	}

	public JsonNode types(String project) {
		return get(project, "/types").expect(200, "list types").body().path("volume_types");
	}

	// ------------------------------------------------------------------------------------------ quotas

	/** GET /os-quota-sets/{project}?usage=true → quota_set. */
	public JsonNode quotaUsage(String project) {
		return get(project, "/os-quota-sets/" + project + "?usage=true").expect(200, "quota usage").body()
			.path("quota_set");
	}

	/** PUT /os-quota-sets/{project}. */
	public JsonNode setQuota(String project, Map<String, Integer> limits) {
		return request("PUT", project, "/os-quota-sets/" + project, Map.of("quota_set", limits), null)
			.expect(200, "update quota " + limits)
			.body()
			.path("quota_set");
	}

	// ------------------------------------------------------------------------------------------ admin

	/** GET /os-services → the services array. */
	public JsonNode services(String project) {
		return get(project, "/os-services").expect(200, "os-services").body().path("services");
	}

	/** The os-services entry of {@code host}, or null. */
	public JsonNode service(String project, String host) {
		for (JsonNode s : services(project)) {
			if (host.equals(text(s, "host"))) {
				return s;
			}
		}
		return null;
	}

	/** GET /scheduler-stats/get_pools → the pools array. */
	public JsonNode pools(String project, boolean detail) {
		return get(project, "/scheduler-stats/get_pools" + (detail ? "?detail=true" : "")).expect(200, "get_pools")
			.body()
			.path("pools");
	}

	/** The detailed pool of backend {@code backendHost} ({@code host@backend}), or null. */
	public JsonNode pool(String project, String backendHost) {
		for (JsonNode p : pools(project, true)) {
			String name = text(p, "name");
			if (name != null && (name.equals(backendHost) || name.startsWith(backendHost + "#"))) {
				return p;
			}
		}
		return null;
	}

	// ------------------------------------------------------------------------------------------ json

	/** A field as text, or null when absent or JSON null. */
	public static String text(JsonNode node, String field) {
		if (node == null) {
			return null;
		}
		JsonNode v = node.get(field);
		if (v == null || v.isNull() || v.isMissingNode()) {
			return null;
		}
		return v.isValueNode() ? v.asString() : v.toString();
	}

	/** A numeric field (numbers or numeric strings); NaN when absent or not numeric (e.g. "infinite"). */
	public static double number(JsonNode node, String field) {
		String t = text(node, field);
		if (t == null) {
			return Double.NaN;
		}
		try {
			return Double.parseDouble(t);
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
	}

	/** The backend part ({@code host@backend}) of a volume host {@code host@backend#pool}. */
	public static String backendOf(String volumeHost) {
		if (volumeHost == null) {
			return null;
		}
		int hash = volumeHost.indexOf('#');
		return (hash < 0) ? volumeHost : volumeHost.substring(0, hash);
	}

}
