package io.basalt.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One bench run: (stub) → raise quota → warm-up → measured creates → deletes, with CPU readings of the watched
 * processes around the creates and the deletes.
 */
public final class BenchRun {

	/** Creates or deletes of one phase. */
	public record Phase(int attempted, int ok, Map<String, Long> errors, long wallNanos, long[] latencies) {

		public long errorCount() {
			return this.errors.values().stream().mapToLong(Long::longValue).sum();
		}

		public double perSecond() {
			return this.wallNanos == 0 ? 0 : this.ok / (this.wallNanos / 1e9);
		}

	}

	/** CPU seconds a process spent in the creates and in the deletes, and its RSS after the creates. */
	public record ProcessUse(String name, long pid, double createCpuSeconds, double deleteCpuSeconds,
			long rssAfterCreates) {
	}

	/**
	 * @param apiCreates the api's CPU per request type during the creates ({@link ApiRequestCpu}; empty when its
	 * metrics could not be read)
	 * @param apiDeletes the same during the deletes
	 */
	public record Result(BenchOptions options, URI endpoint, Phase creates, Phase deletes, List<ProcessUse> processes,
			String loadBefore, String loadAfter, int stubRequests, List<ApiRequestCpu.Use> apiCreates,
			List<ApiRequestCpu.Use> apiDeletes) {
	}

	private final BenchOptions options;

	private final PrintStream log;

	public BenchRun(BenchOptions options, PrintStream log) {
		this.options = options;
		this.log = log;
	}

	public Result run() throws IOException, InterruptedException {
		StubServer stub = this.options.stub() ? new StubServer(Math.max(2, this.options.concurrency())) : null;
		try {
			URI endpoint = stub != null ? stub.endpoint() : this.options.endpoint();
			VolumeClient client = new VolumeClient(endpoint, this.options.user(), this.options.project());
			try {
				return run(client, endpoint, stub);
			}
			finally {
				client.close();
			}
		}
		finally {
			if (stub != null) {
				stub.close();
			}
		}
	}

	private Result run(VolumeClient client, URI endpoint, StubServer stub) throws IOException, InterruptedException {
		List<ProcStats.Target> targets = targets(stub != null);
		if (this.options.raiseQuota()) {
			client.raiseQuota();
		}
		if (this.options.warmup() > 0) {
			this.log.printf("warm-up: %d creates%s...%n", this.options.warmup(),
					this.options.delete() ? " and deletes" : "");
			ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
			creates(client, this.options.warmup(), ids);
			if (this.options.delete()) {
				deletes(client, new ArrayList<>(ids));
			}
		}
		ApiRequestCpu apiCpu = (this.options.metrics() != null) ? new ApiRequestCpu(this.options.metrics()) : null;
		Map<String, double[]> apiBefore = (apiCpu != null) ? apiCpu.read() : null;
		String loadBefore = loadAverage();
		Map<ProcStats.Target, ProcStats.Sample> before = samples(targets);
		this.log.printf("measuring: %d creates with %d clients, polling every %s...%n", this.options.count(),
				this.options.concurrency(), human(this.options.pollInterval()));
		ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
		Phase creates = creates(client, this.options.count(), ids);
		Map<ProcStats.Target, ProcStats.Sample> afterCreates = samples(targets);
		Map<String, double[]> apiAfterCreates = (apiCpu != null) ? apiCpu.read() : null;
		Map<String, double[]> apiAfterDeletes = null;
		Phase deletes = null;
		Map<ProcStats.Target, ProcStats.Sample> afterDeletes = afterCreates;
		if (this.options.delete()) {
			this.log.printf("deleting %d volumes...%n", ids.size());
			deletes = deletes(client, new ArrayList<>(ids));
			afterDeletes = samples(targets);
			apiAfterDeletes = (apiCpu != null) ? apiCpu.read() : null;
		}
		String loadAfter = loadAverage();
		List<ProcessUse> uses = new ArrayList<>();
		for (ProcStats.Target t : targets) {
			ProcStats.Sample b = before.get(t);
			ProcStats.Sample c = afterCreates.get(t);
			ProcStats.Sample d = afterDeletes.get(t);
			if (b == null || c == null) {
				continue;
			}
			uses.add(new ProcessUse(t.name(), t.pid(), c.cpuSeconds() - b.cpuSeconds(),
					d == null || deletes == null ? 0 : d.cpuSeconds() - c.cpuSeconds(), c.rssBytes()));
		}
		return new Result(this.options, endpoint, creates, deletes, uses, loadBefore, loadAfter,
				stub == null ? 0 : stub.requests(), ApiRequestCpu.between(apiBefore, apiAfterCreates),
				ApiRequestCpu.between(apiAfterCreates, apiAfterDeletes));
	}

	private List<ProcStats.Target> targets(boolean stub) {
		List<ProcStats.Target> targets = new ArrayList<>();
		if (!this.options.pids().isEmpty()) {
			this.options.pids().forEach((name, pid) -> targets.add(new ProcStats.Target(name, pid)));
		}
		else if (!stub) {
			List<ProcStats.Target> found = ProcStats.findServices(this.options.procFilter());
			targets.addAll(found);
			if (found.stream().anyMatch(t -> t.name().contains("#"))) {
				this.log.println("note: several processes run the same service (other stacks or tests on this machine);"
						+ " pick yours with --proc-filter TEXT or --pid NAME=PID");
			}
		}
		// the bench's own JVM (in stub mode: client and stub server)
		targets.add(new ProcStats.Target(stub ? "bench+stub" : "bench", ProcessHandle.current().pid()));
		return targets;
	}

	private static Map<ProcStats.Target, ProcStats.Sample> samples(List<ProcStats.Target> targets) {
		Map<ProcStats.Target, ProcStats.Sample> m = new ConcurrentHashMap<>();
		for (ProcStats.Target t : targets) {
			ProcStats.Sample s = ProcStats.sample(t.pid());
			if (s == null && t.pid() == ProcessHandle.current().pid()) {
				// no /proc: the JVM's own account of its CPU time
				var os = ManagementFactory.getOperatingSystemMXBean();
				if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
					s = new ProcStats.Sample(sun.getProcessCpuTime() / 1e9, -1);
				}
			}
			if (s != null) {
				m.put(t, s);
			}
		}
		return m;
	}

	/** {@code count} creates over the clients; the ids of created volumes (also failed ones) go to {@code ids}. */
	Phase creates(VolumeClient client, int count, ConcurrentLinkedQueue<String> ids) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		AtomicLongArray latencies = new AtomicLongArray(count);
		AtomicInteger ok = new AtomicInteger();
		Map<String, LongAdder> errors = new ConcurrentHashMap<>();
		AtomicLong firstError = new AtomicLong();
		long pollNanos = this.options.pollInterval().toNanos();
		long timeoutNanos = this.options.timeout().toNanos();
		long t0 = System.nanoTime();
		runClients(() -> {
			int k;
			while ((k = next.getAndIncrement()) < count) {
				long start = System.nanoTime();
				try {
					String id = client.create(this.options.size());
					ids.add(id);
					while (true) {
						pause(pollNanos);
						VolumeClient.Show show = client.show(id);
						if ("available".equals(show.status())) {
							latencies.set(ok.getAndIncrement(), System.nanoTime() - start);
							break;
						}
						if ("error".equals(show.status())) {
							count(errors, "create_status_error");
							break;
						}
						if (show.code() == 404) {
							count(errors, "create_vanished");
							break;
						}
						if (System.nanoTime() - start > timeoutNanos) {
							count(errors, "create_timeout");
							break;
						}
					}
				}
				catch (VolumeClient.HttpStatusException ex) {
					count(errors, ex.kind());
					report(firstError, ex);
				}
				catch (IOException | RuntimeException ex) {
					count(errors, "create_io");
					report(firstError, ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
		long wall = System.nanoTime() - t0;
		long[] lat = new long[ok.get()];
		for (int i = 0; i < lat.length; i++) {
			lat[i] = latencies.get(i);
		}
		return new Phase(count, ok.get(), snapshot(errors), wall, lat);
	}

	/** Deletes {@code ids}, each client waiting until its volume is gone (404) or {@code error_deleting}. */
	Phase deletes(VolumeClient client, List<String> ids) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger ok = new AtomicInteger();
		Map<String, LongAdder> errors = new ConcurrentHashMap<>();
		AtomicLong firstError = new AtomicLong();
		long pollNanos = this.options.pollInterval().toNanos();
		long timeoutNanos = this.options.deleteTimeout().toNanos();
		long t0 = System.nanoTime();
		runClients(() -> {
			int k;
			while ((k = next.getAndIncrement()) < ids.size()) {
				String id = ids.get(k);
				long start = System.nanoTime();
				try {
					if (!client.delete(id)) {
						ok.incrementAndGet();
						continue;
					}
					while (true) {
						pause(pollNanos);
						VolumeClient.Show show = client.show(id);
						if (show.code() == 404 || "deleted".equals(show.status())) {
							ok.incrementAndGet();
							break;
						}
						if ("error_deleting".equals(show.status())) {
							count(errors, "delete_status_error_deleting");
							break;
						}
						if (System.nanoTime() - start > timeoutNanos) {
							count(errors, "delete_timeout");
							break;
						}
					}
				}
				catch (VolumeClient.HttpStatusException ex) {
					count(errors, ex.kind());
					report(firstError, ex);
				}
				catch (IOException | RuntimeException ex) {
					count(errors, "delete_io");
					report(firstError, ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
		return new Phase(ids.size(), ok.get(), snapshot(errors), System.nanoTime() - t0, new long[0]);
	}

	private void runClients(Runnable body) throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < this.options.concurrency(); c++) {
			Thread t = new Thread(body, "bench-client-" + c);
			t.setDaemon(true);
			threads.add(t);
		}
		threads.forEach(Thread::start);
		for (Thread t : threads) {
			t.join();
		}
	}

	private static void pause(long nanos) throws InterruptedException {
		if (nanos <= 0) {
			return;
		}
		if (nanos >= 1_000_000) {
			Thread.sleep(Duration.ofNanos(nanos));
		}
		else {
			LockSupport.parkNanos(nanos);
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
	}

	private static void count(Map<String, LongAdder> errors, String kind) {
		errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
	}

	private void report(AtomicLong first, Exception ex) {
		// the first few failures are printed; the rest are only counted
		if (first.incrementAndGet() <= 3) {
			this.log.println("error: " + ex.getMessage());
		}
	}

	private static Map<String, Long> snapshot(Map<String, LongAdder> errors) {
		Map<String, Long> m = new TreeMap<>();
		errors.forEach((k, v) -> m.put(k, v.sum()));
		return m;
	}

	public static String loadAverage() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return f[0] + " " + f[1] + " " + f[2];
		}
		catch (IOException | RuntimeException ex) {
			double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			return l < 0 ? "unknown" : String.format("%.2f", l);
		}
	}

	static String human(Duration d) {
		long ns = d.toNanos();
		if (ns % 1_000_000_000L == 0) {
			return ns / 1_000_000_000L + "s";
		}
		if (ns % 1_000_000L == 0) {
			return ns / 1_000_000L + "ms";
		}
		if (ns % 1_000L == 0) {
			return ns / 1_000L + "us";
		}
		return ns + "ns";
	}

}
