package io.basalt.system;

import static io.basalt.system.CinderApi.text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import tools.jackson.databind.JsonNode;

/**
 * A closed-loop create-and-delete load, as a user's script would run it: each of {@code threads} clients creates a
 * volume, polls it until it leaves {@code creating} (or gives up polling after {@link #POLL_LIMIT} and moves on,
 * leaving the final check to find it), deletes it if it became {@code available}, and starts the next create,
 * until {@code creates} creates have been accepted (202). Every other answer (and every transport error, e.g. the
 * api being down) is counted by kind and followed by a pause of {@link #BACKOFF} before the next create, as a
 * client would back off; a request the server did not accept is not part of the outcome. At most
 * {@link #MAX_ATTEMPTS_FACTOR} times {@code creates} requests are sent in all.
 */
final class ChurnLoad {

	/** How long a client polls one volume before it moves on. */
	static final Duration POLL_LIMIT = Duration.ofSeconds(20);

	/** The pause after a create was not accepted. */
	static final Duration BACKOFF = Duration.ofMillis(100);

	/** The bound on create requests, in multiples of the creates wanted. */
	static final int MAX_ATTEMPTS_FACTOR = 5;

	/** What the load got: creates and deletes the API accepted (202), every other answer by kind. */
	record Result(int createsSent, int createsAccepted, int deletesAccepted, Map<String, Integer> rejected,
			long elapsedMs) {

		@Override
		public String toString() {
			return this.createsSent + " creates sent in " + this.elapsedMs + " ms, " + this.createsAccepted
					+ " accepted; " + this.deletesAccepted + " deletes accepted; not accepted " + this.rejected;
		}

	}

	private ChurnLoad() {
	}

	/**
	 * Runs the load; {@code progress} is told the number of creates sent so far after each one (from the client
	 * threads: it must return at once, e.g. by starting a fault on a thread of its own).
	 */
	static Result run(CinderApi api, String project, int creates, int threads, IntConsumer progress)
			throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger accepted = new AtomicInteger();
		AtomicInteger deletes = new AtomicInteger();
		Map<String, Integer> rejected = new ConcurrentHashMap<>();
		long t0 = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> clients = new ArrayList<>();
			for (int c = 0; c < threads; c++) {
				clients.add(pool.submit(() -> {
					int n;
					while (accepted.get() < creates && (n = next.getAndIncrement()) < creates * MAX_ATTEMPTS_FACTOR) {
						String id = create(api, project, n, rejected);
						progress.accept(n + 1);
						if (id == null) {
							BasaltStack.sleep(BACKOFF.toMillis());
							continue;
						}
						accepted.incrementAndGet();
						if ("available".equals(pollUntilCreated(api, project, id))
								&& delete(api, project, id, rejected)) {
							deletes.incrementAndGet();
						}
					}
					return null;
				}));
			}
			for (Future<?> f : clients) {
				try {
					f.get(15, TimeUnit.MINUTES);
				}
				catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
					throw new AssertionError("a load client failed", ex);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
		return new Result(Math.min(next.get(), creates * MAX_ATTEMPTS_FACTOR), accepted.get(), deletes.get(), new TreeMap<>(rejected),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
	}

	private static String create(CinderApi api, String project, int n, Map<String, Integer> rejected) {
		try {
			CinderApi.Response r = api.postVolume(project, Map.of("size", 1, "name", "churn-" + n));
			if (r.status() == 202) {
				return text(r.body().path("volume"), "id");
			}
			rejected.merge("create HTTP " + r.status(), 1, Integer::sum);
		}
		catch (RuntimeException ex) {
			rejected.merge("create " + ex.getClass().getSimpleName(), 1, Integer::sum);
		}
		return null;
	}

	private static boolean delete(CinderApi api, String project, String id, Map<String, Integer> rejected) {
		try {
			CinderApi.Response r = api.deleteVolume(project, id);
			if (r.status() == 202) {
				return true;
			}
			rejected.merge("delete HTTP " + r.status(), 1, Integer::sum);
		}
		catch (RuntimeException ex) {
			rejected.merge("delete " + ex.getClass().getSimpleName(), 1, Integer::sum);
		}
		return false;
	}

	/** Polls every 20 ms until the volume leaves {@code creating}; its status then, or null if polling gave up. */
	private static String pollUntilCreated(CinderApi api, String project, String id) {
		long deadline = System.nanoTime() + POLL_LIMIT.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				JsonNode v = api.volume(project, id);
				if (v != null && !"creating".equals(text(v, "status"))) {
					return text(v, "status");
				}
			}
			catch (RuntimeException | AssertionError ex) {
				// the api or its database is down for the moment: poll on
			}
			BasaltStack.sleep(20);
		}
		return null;
	}

}
