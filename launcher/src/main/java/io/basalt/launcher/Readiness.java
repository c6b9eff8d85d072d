package io.basalt.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Polls the services until they are usable; gives up when one dies, on a stop request or at the deadline. */
final class Readiness {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final long deadline;

	private final Duration timeout;

	private final BooleanSupplier stopRequested;

	Readiness(Duration timeout, BooleanSupplier stopRequested) {
		this.timeout = timeout;
		this.deadline = System.nanoTime() + timeout.toNanos();
		this.stopRequested = stopRequested;
	}

	/** {@code /actuator/health} answers {@code UP} (database and broker included). */
	void awaitHealthy(ServiceProcess p) {
		URI uri = URI.create("http://127.0.0.1:" + p.healthPort + "/actuator/health");
		String last = "no answer";
		while (true) {
			check(List.of(p), p.name + " not healthy", last);
			try {
				HttpResponse<String> r = get(uri, null);
				if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
					return;
				}
				last = r.statusCode() + " " + r.body();
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			pause();
		}
	}

	/**
	 * The api's {@code /dashboard/api/summary} (management port, no token needed in any auth mode) lists a pool of
	 * every backend host, three answers in a row (its {@code get_pools} call goes to one scheduler at a time: this
	 * makes it likely that each was asked).
	 */
	void awaitPools(ServiceProcess api, Collection<ServiceProcess> others, Collection<String> backendHosts) {
		URI uri = URI.create("http://127.0.0.1:" + api.healthPort + "/dashboard/api/summary");
		List<ServiceProcess> all = new ArrayList<>(others);
		all.add(api);
		String last = "no answer";
		int inARow = 0;
		while (true) {
			check(all, "the schedulers do not know every pool", last);
			try {
				HttpResponse<String> r = get(uri, null);
				if (r.statusCode() == 200) {
					List<String> names = new ArrayList<>();
					for (JsonNode pool : this.json.readTree(r.body()).path("pools")) {
						names.add(pool.path("name").asString(""));
					}
					List<String> missing = backendHosts.stream()
						.filter(h -> names.stream().noneMatch(n -> n.equals(h) || n.startsWith(h + "#")))
						.toList();
					if (missing.isEmpty()) {
						if (++inARow >= 3) {
							return;
						}
					}
					else {
						inARow = 0;
						last = "pools " + names + ", missing " + missing;
					}
				}
				else {
					inARow = 0;
					last = r.statusCode() + " " + r.body();
				}
			}
			catch (IOException | RuntimeException ex) {
				inARow = 0;
				last = ex.toString();
			}
			pause();
		}
	}

	private void check(Collection<ServiceProcess> processes, String what, String last) {
		if (this.stopRequested.getAsBoolean()) {
			throw new Launcher.StopRequested();
		}
		for (ServiceProcess p : processes) {
			if (!p.isAlive()) {
				throw new IllegalStateException(p.name + " exited with code " + p.process().exitValue()
						+ "; the end of " + p.logFile + ":\n" + p.tail(40));
			}
		}
		if (System.nanoTime() > this.deadline) {
			StringBuilder sb = new StringBuilder(what + " within " + this.timeout.toSeconds() + " s (last: " + last
					+ ")");
			for (ServiceProcess p : processes) {
				sb.append("\n----- the end of ").append(p.logFile).append(":\n").append(p.tail(15));
			}
			throw new IllegalStateException(sb.toString());
		}
	}

	private HttpResponse<String> get(URI uri, String token) throws IOException {
		HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
		if (token != null) {
			b.header("X-Auth-Token", token);
		}
		try {
			return this.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(300);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
