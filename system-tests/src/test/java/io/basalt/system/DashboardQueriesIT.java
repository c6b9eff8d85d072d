package io.basalt.system;

import static io.basalt.system.CinderApi.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.basalt.system.observability.ObservabilityPaths;
import io.basalt.system.observability.Prometheus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboard ({@code deploy/grafana/dashboards/basalt.json}) queries metrics that exist: a stack runs,
 * volumes are created (one too large, so that the scheduler rejects); a real Prometheus scrapes every service each
 * second; then one RPC call times out (the scheduler is killed while the api asks for pools). Every {@code expr}
 * of every panel target, with Grafana's {@code $__rate_interval} etc. replaced by fixed ranges, must return at
 * least one series, evaluated after the kill (timeouts) or, for the killed scheduler's series, just before it. Also: the {@code uri} tag of the API's requests is a route template,
 * never a raw id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class DashboardQueriesIT {

	static final Pattern RAW_ID = Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");

	BasaltStack stack;

	Prometheus prometheus;

	Instant beforeKill;

	Instant afterKill;

	@BeforeAll
	void startStackAndPrometheus() throws Exception {
		this.stack = BasaltStack.builder(getClass().getSimpleName())
			.capabilityInterval(Duration.ofSeconds(2))
			.schedulerProperty("basalt.scheduler.status-refresh-interval", "1s")
			.apiProperty("basalt.api.metrics.refresh-interval", "1s")
			.volume("vol1", Backend.fake("fast", 1000), Backend.fake("slow", 500))
			.start();
		CinderApi api = this.stack.api();
		String project = SystemTestSupport.newUnlimitedProject(api);

		// volumes: a few available (create latency, casts, decisions), one too large (no valid backend, rejections)
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(api.createVolume(project, 1, null, "dash-" + i));
		}
		String tooLarge = api.createVolume(project, 5000, null, "too-large");
		for (String id : ids) {
			assertThat(text(api.awaitSettled(project, id, Duration.ofSeconds(60)), "status")).isEqualTo("available");
		}
		assertThat(text(api.awaitSettled(project, tooLarge, Duration.ofSeconds(60)), "status")).isEqualTo("error");
		api.get(project, "/volumes/" + ids.get(0)).expect(200, "show");
		api.get(project, "/volumes/detail").expect(200, "list");

		this.prometheus = Prometheus.start(jobs(), BasaltStack.logDirectory().resolve(getClass().getSimpleName()
				+ "-prometheus.log"));
		this.prometheus.awaitScrapes(5, Duration.ofSeconds(90));
		api.pools(project, true);
		Thread.sleep(3000);
		this.beforeKill = Instant.now();

		// an RPC call that times out: no scheduler answers the dashboard's get_pools (3 s timeout). The killed
		// scheduler's series go stale from here on: queries are evaluated before and after the kill.
		this.stack.kill("sched1");
		JsonNode summary = getJson(this.stack.apiManagementUrl() + "/dashboard/api/summary");
		assertThat(text(summary, "pools_error")).as("summary %s", summary).contains("Timeout");
		Thread.sleep(4000);
		this.afterKill = Instant.now();
	}

	@AfterAll
	void stop() {
		if (this.prometheus != null) {
			this.prometheus.close();
		}
		if (this.stack != null) {
			this.stack.close();
		}
	}

	/** Every panel query of the dashboard returns at least one series. */
	@Test
	void everyDashboardQueryReturnsSeries() throws Exception {
		Path file = ObservabilityPaths.root().resolve("deploy/grafana/dashboards/basalt.json");
		JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(file));
		assertThat(dashboard.path("panels").toString()).contains("basalt-prometheus");
		Map<String, String> queries = new LinkedHashMap<>();
		collect(dashboard.path("panels"), queries);
		assertThat(queries).as("queries in %s", file).hasSizeGreaterThanOrEqualTo(20);

		List<String> empty = new ArrayList<>();
		for (Map.Entry<String, String> q : queries.entrySet()) {
			String promql = grafanaToPromql(q.getValue());
			JsonNode result = this.prometheus.query(promql, this.afterKill);
			if (result.isEmpty()) {
				result = this.prometheus.query(promql, this.beforeKill);
			}
			if (result.isEmpty()) {
				empty.add(q.getKey() + ": " + promql);
			}
		}
		assertThat(empty).as("dashboard queries that returned no series (of %d)", queries.size()).isEmpty();
		System.out.println("DashboardQueriesIT: " + queries.size() + " dashboard queries, all returned series");
	}

	/** The API's {@code uri} tag is the route template: no request id, volume id or project id in it. */
	@Test
	void httpUriTagIsTheRouteTemplate() {
		JsonNode result = this.prometheus.query(
				"count by (uri) (http_server_requests_seconds_count{job=\"basalt-api\"})", this.afterKill);
		List<String> uris = new ArrayList<>();
		result.forEach(r -> uris.add(r.path("metric").path("uri").asString()));
		assertThat(uris).contains("/v3/{projectId}/volumes", "/v3/{projectId}/volumes/{id}");
		assertThat(uris).noneMatch(u -> RAW_ID.matcher(u).find());
	}

	static void collect(JsonNode panels, Map<String, String> into) {
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.path("targets")) {
				String expr = target.path("expr").asString("");
				if (!expr.isBlank()) {
					into.put(panel.path("title").asString() + " [" + target.path("refId").asString() + "]", expr);
				}
			}
			collect(panel.path("panels"), into);
		}
	}

	/** Grafana's template variables as fixed ranges. */
	static String grafanaToPromql(String expr) {
		return expr.replace("$__rate_interval", "1m")
			.replace("${__rate_interval}", "1m")
			.replace("$__interval", "15s")
			.replace("${__interval}", "15s")
			.replace("$__range", "5m")
			.replace("${__range}", "5m");
	}

	/** Job name → targets, named as deploy/prometheus/prometheus.yml names them. */
	Map<String, List<String>> jobs() throws ReflectiveOperationException {
		Field f = BasaltStack.class.getDeclaredField("nodes");
		f.setAccessible(true);
		@SuppressWarnings("unchecked")
		Map<String, BasaltStack.Node> nodes = (Map<String, BasaltStack.Node>) f.get(this.stack);
		Map<String, List<String>> jobs = new LinkedHashMap<>();
		for (BasaltStack.Node n : nodes.values()) {
			String job = switch (n.kind) {
				case API -> "basalt-api";
				case SCHEDULER -> "basalt-scheduler";
				case VOLUME -> "basalt-volume";
			};
			jobs.computeIfAbsent(job, j -> new ArrayList<>()).add("127.0.0.1:" + n.managementPort);
		}
		return jobs;
	}

	static JsonNode getJson(String url) throws Exception {
		HttpResponse<String> r = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(r.body());
	}

}
