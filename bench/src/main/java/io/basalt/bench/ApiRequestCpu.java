package io.basalt.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The api's CPU per request type: its {@code basalt_api_request_cpu_seconds} timer (the handling thread's CPU time
 * by {@code method} and route {@code uri}, api-service's {@code RequestCpuFilter}) read from
 * {@code /actuator/prometheus} before and after a phase. Readings are {@code null} when the endpoint cannot be
 * read (the stub, an older api, another Cinder), and the report then leaves the table out.
 */
final class ApiRequestCpu {

	/** One request type over a phase: how many, and the CPU seconds they took in all. */
	record Use(String request, long count, double cpuSeconds) {

		double msPerRequest() {
			return this.count == 0 ? 0 : this.cpuSeconds * 1000 / this.count;
		}

	}

	/** The labels up to the line's last brace: route patterns hold braces themselves ({@code {projectId}}). */
	private static final Pattern LINE = Pattern
		.compile("^basalt_api_request_cpu_seconds_(count|sum)\\{(.*)\\}\\s+(\\S+)$");

	private static final Pattern METHOD = Pattern.compile("method=\"([^\"]*)\"");

	private static final Pattern URI_TAG = Pattern.compile("uri=\"([^\"]*)\"");

	private final URI metrics;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	ApiRequestCpu(URI metrics) {
		this.metrics = metrics;
	}

	/** The counters now, by {@code "METHOD uri"}: {count, seconds}; null if the endpoint cannot be read. */
	Map<String, double[]> read() {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(this.metrics).timeout(Duration.ofSeconds(5)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? parse(response.body()) : null;
		}
		catch (java.io.IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	static Map<String, double[]> parse(String prometheus) {
		Map<String, double[]> m = new LinkedHashMap<>();
		for (String line : prometheus.split("\n")) {
			Matcher l = LINE.matcher(line);
			if (!l.find()) {
				continue;
			}
			Matcher method = METHOD.matcher(l.group(2));
			Matcher uri = URI_TAG.matcher(l.group(2));
			if (!method.find() || !uri.find()) {
				continue;
			}
			double[] v = m.computeIfAbsent(method.group(1) + " " + uri.group(1), k -> new double[2]);
			v["count".equals(l.group(1)) ? 0 : 1] = Double.parseDouble(l.group(3));
		}
		return m;
	}

	/** What happened between two readings, most CPU first; empty when either is missing. */
	static List<Use> between(Map<String, double[]> before, Map<String, double[]> after) {
		List<Use> uses = new ArrayList<>();
		if (before == null || after == null) {
			return uses;
		}
		after.forEach((request, a) -> {
			double[] b = before.getOrDefault(request, new double[2]);
			long count = Math.round(a[0] - b[0]);
			if (count > 0) {
				uses.add(new Use(request, count, a[1] - b[1]));
			}
		});
		uses.sort((x, y) -> Double.compare(y.cpuSeconds(), x.cpuSeconds()));
		return uses;
	}

}
