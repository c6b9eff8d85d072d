package io.basalt.system;

import static io.basalt.system.CinderApi.text;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import tools.jackson.databind.JsonNode;

/** Concurrent creates and the wait for all of them to settle. */
final class Load {

	/** What a burst of creates got: the ids answered 202 and every other answer by status. */
	record Burst(List<String> accepted, Map<String, Integer> rejected) {
	}

	private Load() {
	}

	/**
	 * Issues {@code count} creates of {@code sizeGb} GiB from {@code threads} threads; {@code afterEach} is told how
	 * many requests have completed so far (e.g. to inject a fault mid-run).
	 */
	static Burst creates(CinderApi api, String project, int count, int sizeGb, int threads, IntConsumer afterEach)
			throws InterruptedException {
		List<String> accepted = Collections.synchronizedList(new ArrayList<>());
		Map<String, Integer> rejected = new ConcurrentHashMap<>();
		AtomicInteger done = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int n = i;
				futures.add(pool.submit(() -> {
					try {
						CinderApi.Response r = api.postVolume(project, Map.of("size", sizeGb, "name", "load-" + n));
						if (r.status() == 202) {
							accepted.add(text(r.body().path("volume"), "id"));
						}
						else {
							rejected.merge("HTTP " + r.status(), 1, Integer::sum);
						}
					}
					catch (RuntimeException ex) {
						rejected.merge(ex.getClass().getSimpleName(), 1, Integer::sum);
					}
					afterEach.accept(done.incrementAndGet());
				}));
			}
			for (Future<?> f : futures) {
				try {
					f.get(5, TimeUnit.MINUTES);
				}
				catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
					throw new AssertionError("a create request did not finish", ex);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		return new Burst(List.copyOf(accepted), new TreeMap<>(rejected));
	}

	/**
	 * Waits until none of {@code ids} is in a transitional status (listing the project's volumes) and returns each
	 * id's final status ("missing" if the API does not list it).
	 */
	static Map<String, String> awaitAllSettled(CinderApi api, String project, List<String> ids, Duration timeout) {
		AtomicReference<Map<String, String>> last = new AtomicReference<>(Map.of());
		try {
			await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
				Map<String, String> statuses = statuses(api, project, ids);
				last.set(statuses);
				return statuses.values().stream().noneMatch(CinderApi.TRANSITIONAL::contains);
			});
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("not every volume settled within " + timeout + "; counts " + counts(last.get()),
					ex);
		}
		return last.get();
	}

	static Map<String, String> statuses(CinderApi api, String project, List<String> ids) {
		Map<String, String> byId = new TreeMap<>();
		for (JsonNode v : api.volumes(project)) {
			byId.put(text(v, "id"), text(v, "status"));
		}
		Map<String, String> out = new TreeMap<>();
		for (String id : ids) {
			out.put(id, byId.getOrDefault(id, "missing"));
		}
		return out;
	}

	/** Status → how many. */
	static Map<String, Long> counts(Map<String, String> statuses) {
		Map<String, Long> counts = new TreeMap<>();
		statuses.values().forEach(s -> counts.merge(s, 1L, Long::sum));
		return counts;
	}

}
