package io.basalt.bench.scale;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.basalt.bench.Json;
import io.basalt.bench.Stats;

/** {@code bin/bench scale}'s output: a table with one column per size (and the growth first → last), or JSON. */
public final class ScaleReport {

	private ScaleReport() {
	}

	public static String text(List<ScaleRun.Step> steps) {
		StringBuilder b = new StringBuilder();
		b.append(String.format(Locale.ROOT, "%-36s", "volume rows (deleted included)"));
		steps.forEach(s -> b.append(String.format(Locale.ROOT, "%14s", String.format(Locale.ROOT, "%,d", s.rows()))));
		b.append(String.format(Locale.ROOT, "%10s%n", steps.size() > 1 ? "last/1st" : ""));
		row(b, steps, "live rows (all projects)", s -> s.liveRows(), "%,.0f");
		row(b, steps, "preload s", ScaleRun.Step::preloadSeconds, "%.1f");
		row(b, steps, "create p50 ms (POST -> available)", s -> ms(s.creates(), 50), "%.1f");
		row(b, steps, "create p99 ms", s -> ms(s.creates(), 99), "%.1f");
		row(b, steps, "creates/s", ScaleRun.Step::createsPerSecond, "%.1f");
		row(b, steps, "show p50 ms", s -> ms(s.shows(), 50), "%.2f");
		row(b, steps, "show p99 ms", s -> ms(s.shows(), 99), "%.2f");
		row(b, steps, "detail 1000, first page p50 ms", s -> ms(s.firstPage(), 50), "%.1f");
		row(b, steps, "detail 1000, last full page p50 ms", s -> ms(s.deepPage(), 50), "%.1f");
		row(b, steps, "  marker depth (rows before it)", s -> s.markerDepth(), "%,.0f");
		row(b, steps, "get_pools p50 ms", s -> ms(s.getPools(), 50), "%.2f");
		int n = steps.get(0).sql().size();
		for (int k = 0; k < n; k++) {
			int q = k;
			String name = steps.get(0).sql().get(k).name();
			row(b, steps, name + " ms", s -> s.sql().get(q).medianMs(), "%.2f");
			row(b, steps, "  buffers", s -> s.sql().get(q).buffers(), "%,.0f");
		}
		row(b, steps, "file driver start-up count ms", ScaleRun.Step::fileReconcileMs, "%.1f");
		b.append(String.format("%nplans at %,d rows:%n", steps.get(steps.size() - 1).rows()));
		steps.get(steps.size() - 1).sql().forEach(t -> b.append("  ").append(t.name()).append(": ").append(t.scans())
			.append('\n'));
		b.append("load average before/after each size: ");
		steps.forEach(s -> b.append(String.format("%,d: %s / %s; ", s.rows(), s.loadBefore(), s.loadAfter())));
		b.setLength(b.length() - 2);
		b.append('\n');
		if (steps.stream().anyMatch(s -> s.createErrors() > 0)) {
			b.append("create errors: ");
			steps.forEach(s -> b.append(String.format("%,d: %d; ", s.rows(), s.createErrors())));
			b.append('\n');
		}
		return b.toString();
	}

	public static String json(List<ScaleRun.Step> steps) {
		StringBuilder b = new StringBuilder("{\"steps\":[");
		for (int k = 0; k < steps.size(); k++) {
			ScaleRun.Step s = steps.get(k);
			b.append(k == 0 ? "" : ",").append('{');
			b.append(String.format(Locale.ROOT, "\"rows\":%d,\"live_rows\":%d,\"preload_s\":%.2f,", s.rows(),
					s.liveRows(), s.preloadSeconds()));
			b.append(String.format(Locale.ROOT,
					"\"create_p50_ms\":%.2f,\"create_p99_ms\":%.2f,\"creates_per_s\":%.2f,\"create_errors\":%d,",
					ms(s.creates(), 50), ms(s.creates(), 99), s.createsPerSecond(), s.createErrors()));
			b.append(String.format(Locale.ROOT,
					"\"show_p50_ms\":%.3f,\"show_p99_ms\":%.3f,\"detail_first_p50_ms\":%.2f,\"detail_marker_p50_ms\":%.2f,",
					ms(s.shows(), 50), ms(s.shows(), 99), ms(s.firstPage(), 50), ms(s.deepPage(), 50)));
			b.append(String.format(Locale.ROOT, "\"marker_depth\":%d,\"get_pools_p50_ms\":%.3f,", s.markerDepth(),
					ms(s.getPools(), 50)));
			b.append("\"sql\":[");
			for (int q = 0; q < s.sql().size(); q++) {
				SqlProbe.Timing t = s.sql().get(q);
				b.append(q == 0 ? "" : ",")
					.append(String.format(Locale.ROOT, "{\"name\":%s,\"median_ms\":%.3f,\"buffers\":%d,\"scans\":%s}",
							Json.quote(t.name()), t.medianMs(), t.buffers(), Json.quote(t.scans())));
			}
			b.append("],");
			b.append(String.format(Locale.ROOT, "\"file_reconcile_ms\":%.1f,\"load_before\":%s,\"load_after\":%s}",
					s.fileReconcileMs(), Json.quote(s.loadBefore()), Json.quote(s.loadAfter())));
		}
		return b.append("]}").toString();
	}

	private static void row(StringBuilder b, List<ScaleRun.Step> steps, String name, ToDoubleFunction<ScaleRun.Step> f,
			String format) {
		b.append(String.format(Locale.ROOT, "%-36s", name));
		for (ScaleRun.Step s : steps) {
			double v = f.applyAsDouble(s);
			b.append(String.format(Locale.ROOT, "%14s", v < 0 ? "-" : String.format(Locale.ROOT, format, v)));
		}
		double first = f.applyAsDouble(steps.get(0));
		double last = f.applyAsDouble(steps.get(steps.size() - 1));
		b.append(steps.size() > 1 && first > 0 && last >= 0
				? String.format(Locale.ROOT, "%10s", String.format(Locale.ROOT, "%.2fx", last / first)) : "");
		b.append('\n');
	}

	private static double ms(Stats s, int percentile) {
		return s.count() == 0 ? -1 : Stats.ms(s.percentile(percentile));
	}

}
