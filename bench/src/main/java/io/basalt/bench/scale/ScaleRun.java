package io.basalt.bench.scale;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import io.basalt.bench.BenchOptions;
import io.basalt.bench.BenchRun;
import io.basalt.bench.Stats;

/**
 * {@code bin/bench scale}: for each size, grows the preload ({@link Preloader}) and the file driver's directory
 * ({@link FileProbe}), then times the periodic SQL ({@link SqlProbe}), the read calls ({@link ApiProbe}) and the
 * creates (the same closed loop as {@code bin/bench}, {@link BenchRun}, in project {@code bench}).
 */
public final class ScaleRun {

	/** What one size measured; latencies in ns, the SQL's and the file driver's times in ms (-1: not measured). */
	public record Step(int rows, long liveRows, String loadBefore, String loadAfter, double preloadSeconds,
			Stats creates, double createsPerSecond, long createErrors, Stats shows, Stats firstPage, Stats deepPage,
			long markerDepth, Stats getPools, List<SqlProbe.Timing> sql, double fileReconcileMs) {
	}

	private final ScaleOptions options;

	private final PrintStream log;

	public ScaleRun(ScaleOptions options, PrintStream log) {
		this.options = options;
		this.log = log;
	}

	public List<Step> run() throws IOException, InterruptedException {
		Psql psql = new Psql(this.options.database());
		Preloader preloader = new Preloader(psql, this.options);
		FileProbe files = this.options.volumeJar() != null
				? new FileProbe(this.options.volumeJar(), this.options.fileDirectory()) : null;
		if (this.options.reset()) {
			this.log.println("scale: removing earlier preloaded rows and files...");
			preloader.reset();
			if (files != null) {
				files.reset();
			}
		}
		awaitPlacement();
		List<Step> steps = new ArrayList<>();
		for (int size : this.options.sizes()) {
			steps.add(step(size, psql, preloader, files));
		}
		return steps;
	}

	/**
	 * Creates one volume at a time until one becomes available (at most 90 s): a scheduler places nothing before
	 * the volume service's first capability report, and a database that keeps the services row of an earlier
	 * run shows that backend down until its first heartbeat.
	 */
	private void awaitPlacement() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + 90_000_000_000L;
		BenchOptions one = BenchOptions.parse("--endpoint", this.options.endpoint().toString(), "--project", "bench",
				"-n", "1", "-c", "1", "--warmup", "0");
		java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
		while (new BenchRun(one, quiet).run().creates().errorCount() > 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("no volume became available in 90 s at " + this.options.endpoint()
						+ ": is a volume service reporting to the scheduler?");
			}
			this.log.println("scale: waiting for the scheduler to know a usable backend...");
			Thread.sleep(2000);
		}
	}

	private Step step(int size, Psql psql, Preloader preloader, FileProbe files)
			throws IOException, InterruptedException {
		String loadBefore = BenchRun.loadAverage();
		long have = preloader.count();
		if (have > size) {
			throw new IllegalStateException(have + " rows are preloaded already, more than " + size
					+ ": start with --reset");
		}
		this.log.printf("scale %,d: preloading rows %,d..%,d...%n", size, have, size);
		long t0 = System.nanoTime();
		preloader.grow(have, size);
		double preload = (System.nanoTime() - t0) / 1e9;
		double reconcile = -1;
		if (files != null) {
			this.log.printf("scale %,d: file driver start-up count on %,d files...%n", size, size);
			reconcile = files.measure(size);
		}
		this.log.printf("scale %,d: periodic SQL...%n", size);
		List<SqlProbe.Timing> sql = new SqlProbe(psql).measure(5);
		long live = Long.parseLong(psql.value("SELECT count(*) FROM volumes WHERE NOT deleted"));
		// the deepest marker that still leaves a full page of 1000 after it
		long depth = Math.max(0, live - 1001);
		String marker = psql.value("SELECT id FROM volumes WHERE NOT deleted ORDER BY created_at DESC, id DESC OFFSET "
				+ depth + " LIMIT 1");
		int samples = this.options.samples();
		Stats shows;
		Stats first;
		Stats deep;
		Stats pools;
		try (ApiProbe api = new ApiProbe(this.options.endpoint(), this.options.projects())) {
			this.log.printf("scale %,d: shows, pages, get_pools...%n", size);
			shows = api.shows(size, samples);
			int pages = Math.max(3, samples / 10);
			first = api.detailPages(null, 1000, pages);
			deep = api.detailPages(marker, 1000, pages);
			pools = api.getPools(Math.max(3, samples / 5));
		}
		this.log.printf("scale %,d: creates...%n", size);
		BenchRun.Result creates = new BenchRun(BenchOptions.parse("--endpoint", this.options.endpoint().toString(),
				"--project", "bench", "-n", String.valueOf(this.options.creates()), "-c",
				String.valueOf(this.options.concurrency()), "--warmup", String.valueOf(this.options.warmup())),
				this.log)
			.run();
		return new Step(size, live, loadBefore, BenchRun.loadAverage(), preload, Stats.of(creates.creates().latencies()),
				creates.creates().perSecond(), creates.creates().errorCount(), shows, first, deep, depth, pools, sql,
				reconcile);
	}

}
