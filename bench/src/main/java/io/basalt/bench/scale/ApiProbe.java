package io.basalt.bench.scale;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;

import io.basalt.bench.Stats;

/**
 * The read calls the scale bench times, one at a time on one keep-alive connection (noauth tokens
 * {@code user:project}, admin where the call needs it): show of a random preloaded volume, {@code volumes/detail}
 * with {@code all_tenants} (every project's rows: the deepest listing there is) first page and the last full page,
 * after a marker deep in the order, and {@code scheduler-stats/get_pools?detail=true}.
 */
final class ApiProbe implements AutoCloseable {

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI endpoint;

	private final int projects;

	ApiProbe(URI endpoint, int projects) {
		this.endpoint = endpoint;
		this.projects = projects;
	}

	/** {@code GET volumes/<id>} of {@code samples} random rows among the first {@code rows} preloaded. */
	Stats shows(long rows, int samples) throws IOException, InterruptedException {
		Random random = new Random(42);
		long[] nanos = new long[samples];
		for (int k = -warmup(samples); k < samples; k++) {
			long i = pickLive(random, rows);
			String project = Preloader.project(i, this.projects);
			long t = timed(project, "/v3/" + project + "/volumes/" + Preloader.volumeId(i), false);
			if (k >= 0) {
				nanos[k] = t;
			}
		}
		return Stats.of(nanos);
	}

	/** {@code GET volumes/detail?all_tenants=1&limit=<limit>}, after {@code marker} when not null. */
	Stats detailPages(String marker, int limit, int samples) throws IOException, InterruptedException {
		String path = "/v3/scale-00/volumes/detail?all_tenants=1&limit=" + limit
				+ (marker != null ? "&marker=" + marker : "");
		long[] nanos = new long[samples];
		for (int k = -warmup(samples); k < samples; k++) {
			long t = timed("scale-00", path, true);
			if (k >= 0) {
				nanos[k] = t;
			}
		}
		return Stats.of(nanos);
	}

	/** {@code GET scheduler-stats/get_pools?detail=true} as admin. */
	Stats getPools(int samples) throws IOException, InterruptedException {
		long[] nanos = new long[samples];
		for (int k = -warmup(samples); k < samples; k++) {
			long t = timed("scale-00", "/v3/scale-00/scheduler-stats/get_pools?detail=true", true);
			if (k >= 0) {
				nanos[k] = t;
			}
		}
		return Stats.of(nanos);
	}

	/** Unmeasured calls first (a fifth of the samples, at least 2), so that the first size is not JIT-cold. */
	private static int warmup(int samples) {
		return Math.max(2, samples / 5);
	}

	private static long pickLive(Random random, long rows) {
		while (true) {
			long i = (long) (random.nextDouble() * rows);
			if (!"deleted".equals(Preloader.status(i))) {
				return i;
			}
		}
	}

	private long timed(String project, String path, boolean admin) throws IOException, InterruptedException {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(this.endpoint + path))
			.timeout(Duration.ofSeconds(60))
			.header("X-Auth-Token", "scale:" + project)
			.header("Accept", "application/json");
		if (admin) {
			b.header("X-Roles", "admin");
		}
		long t0 = System.nanoTime();
		HttpResponse<byte[]> r = this.http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		long t = System.nanoTime() - t0;
		if (r.statusCode() != 200) {
			throw new IOException("GET " + path + " answered " + r.statusCode() + ": "
					+ new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
		}
		return t;
	}

	@Override
	public void close() {
		this.http.close();
	}

}
