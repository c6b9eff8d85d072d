package io.basalt.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** A {@link BenchRun.Result} as text for people or as one JSON object. */
final class Report {

	private Report() {
	}

	static String text(BenchRun.Result r) {
		BenchOptions o = r.options();
		StringBuilder b = new StringBuilder();
		b.append(String.format(Locale.ROOT, "basalt bench %s: endpoint %s, project %s, n=%d, c=%d, poll %s, warm-up %d%n",
				o.stub() ? "(ceiling: in-process stub API)" : "", r.endpoint(), o.project(), o.count(),
				o.concurrency(), BenchRun.human(o.pollInterval()), o.warmup()));
		BenchRun.Phase c = r.creates();
		Stats s = Stats.of(c.latencies());
		b.append(String.format(Locale.ROOT, "creates:   %d available, %d errors in %.2f s = %.1f creates/s%n", c.ok(),
				c.errorCount(), c.wallNanos() / 1e9, c.perSecond()));
		b.append(String.format(Locale.ROOT,
				"POST -> available: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (min %.1f, mean %.1f, max %.1f)%n",
				Stats.ms(s.percentile(50)), Stats.ms(s.percentile(95)), Stats.ms(s.percentile(99)), Stats.ms(s.min()),
				Stats.ms(s.mean()), Stats.ms(s.max())));
		if (r.deletes() != null) {
			BenchRun.Phase d = r.deletes();
			b.append(String.format(Locale.ROOT, "deletes:   %d gone, %d errors in %.2f s = %.1f deletes/s%n", d.ok(),
					d.errorCount(), d.wallNanos() / 1e9, d.perSecond()));
		}
		long errors = c.errorCount() + (r.deletes() == null ? 0 : r.deletes().errorCount());
		b.append("errors:    ").append(errors);
		if (errors > 0) {
			StringJoiner j = new StringJoiner(", ", " (", ")");
			c.errors().forEach((k, v) -> j.add(k + " " + v));
			if (r.deletes() != null) {
				r.deletes().errors().forEach((k, v) -> j.add(k + " " + v));
			}
			b.append(j);
		}
		b.append('\n');
		if (!r.processes().isEmpty()) {
			b.append("CPU seconds (creates / deletes), RSS after the creates:\n");
			for (BenchRun.ProcessUse p : r.processes()) {
				b.append(String.format(Locale.ROOT, "  %-20s pid %-8d %7.2f s / %6.2f s   %s   (%.2f ms CPU per create)%n",
						p.name(), p.pid(), p.createCpuSeconds(), p.deleteCpuSeconds(), mib(p.rssAfterCreates()),
						c.ok() == 0 ? 0 : p.createCpuSeconds() * 1000 / c.ok()));
			}
		}
		apiTable(b, "creates", r.apiCreates(), c.ok());
		if (r.deletes() != null) {
			apiTable(b, "deletes", r.apiDeletes(), r.deletes().ok());
		}
		if (r.stubRequests() > 0) {
			b.append("stub requests served: ").append(r.stubRequests()).append('\n');
		}
		b.append("load average: before ").append(r.loadBefore()).append(", after ").append(r.loadAfter())
			.append(" (").append(Runtime.getRuntime().availableProcessors()).append(" CPUs)\n");
		double share = clientShare(r);
		if (share > CLIENT_SHARE_LIMIT) {
			b.append(String.format(Locale.ROOT, "WARNING: the bench client itself used %.0f%% of the machine's CPU during "
					+ "the creates (more than a third): it competes with the services it measures, so the figures above "
					+ "are bounded by the client; run it on another machine or with fewer clients%n", share * 100));
		}
		return b.toString();
	}

	private static void apiTable(StringBuilder b, String phase, List<ApiRequestCpu.Use> uses, int volumes) {
		if (uses == null || uses.isEmpty()) {
			return;
		}
		b.append("api CPU per request type during the ").append(phase)
			.append(" (basalt_api_request_cpu: the handling thread):\n");
		for (ApiRequestCpu.Use u : uses) {
			b.append(String.format(Locale.ROOT, "  %-48s %8d × %6.3f ms = %6.2f s   (%.2f per volume)%n", u.request(),
					u.count(), u.msPerRequest(), u.cpuSeconds(), volumes == 0 ? 0.0 : (double) u.count() / volumes));
		}
	}

	/** The share of the machine above which the client's own CPU use makes the figures suspect. */
	static final double CLIENT_SHARE_LIMIT = 1.0 / 3;

	/**
	 * The bench JVM's CPU seconds during the creates over the machine's CPU seconds in that time (wall time × CPUs),
	 * or 0 when unknown.
	 */
	static double clientShare(BenchRun.Result r) {
		double wall = r.creates().wallNanos() / 1e9;
		if (wall <= 0) {
			return 0;
		}
		double capacity = wall * Runtime.getRuntime().availableProcessors();
		return r.processes().stream().filter(p -> p.pid() == ProcessHandle.current().pid())
			.mapToDouble(p -> p.createCpuSeconds() / capacity).findFirst().orElse(0);
	}

	static String json(BenchRun.Result r) {
		BenchOptions o = r.options();
		BenchRun.Phase c = r.creates();
		Stats s = Stats.of(c.latencies());
		StringBuilder b = new StringBuilder("{");
		b.append("\"endpoint\":").append(Json.quote(r.endpoint().toString()));
		b.append(",\"stub\":").append(o.stub());
		b.append(",\"project\":").append(Json.quote(o.project()));
		b.append(",\"count\":").append(o.count());
		b.append(",\"concurrency\":").append(o.concurrency());
		b.append(",\"poll_interval_ms\":").append(num(o.pollInterval().toNanos() / 1e6));
		b.append(",\"warmup\":").append(o.warmup());
		b.append(",\"creates\":{\"ok\":").append(c.ok()).append(",\"errors\":").append(c.errorCount())
			.append(",\"error_kinds\":").append(map(c.errors()))
			.append(",\"seconds\":").append(num(c.wallNanos() / 1e9))
			.append(",\"per_second\":").append(num(c.perSecond()))
			.append(",\"latency_ms\":{\"p50\":").append(num(Stats.ms(s.percentile(50))))
			.append(",\"p95\":").append(num(Stats.ms(s.percentile(95))))
			.append(",\"p99\":").append(num(Stats.ms(s.percentile(99))))
			.append(",\"min\":").append(num(Stats.ms(s.min())))
			.append(",\"mean\":").append(num(Stats.ms(s.mean())))
			.append(",\"max\":").append(num(Stats.ms(s.max()))).append("}}");
		if (r.deletes() != null) {
			BenchRun.Phase d = r.deletes();
			b.append(",\"deletes\":{\"ok\":").append(d.ok()).append(",\"errors\":").append(d.errorCount())
				.append(",\"error_kinds\":").append(map(d.errors()))
				.append(",\"seconds\":").append(num(d.wallNanos() / 1e9))
				.append(",\"per_second\":").append(num(d.perSecond())).append('}');
		}
		b.append(",\"processes\":[");
		StringJoiner j = new StringJoiner(",");
		for (BenchRun.ProcessUse p : r.processes()) {
			j.add("{\"name\":" + Json.quote(p.name()) + ",\"pid\":" + p.pid() + ",\"cpu_seconds_creates\":"
					+ num(p.createCpuSeconds()) + ",\"cpu_seconds_deletes\":" + num(p.deleteCpuSeconds())
					+ ",\"rss_bytes\":" + p.rssAfterCreates() + "}");
		}
		b.append(j).append(']');
		b.append(",\"api_request_cpu\":{\"creates\":").append(uses(r.apiCreates()))
			.append(",\"deletes\":").append(uses(r.apiDeletes())).append('}');
		b.append(",\"client_cpu_share\":").append(num(clientShare(r)));
		b.append(",\"load_before\":").append(Json.quote(r.loadBefore()));
		b.append(",\"load_after\":").append(Json.quote(r.loadAfter()));
		return b.append('}').toString();
	}

	private static String uses(List<ApiRequestCpu.Use> uses) {
		StringJoiner j = new StringJoiner(",", "[", "]");
		for (ApiRequestCpu.Use u : (uses == null) ? List.<ApiRequestCpu.Use>of() : uses) {
			j.add("{\"request\":" + Json.quote(u.request()) + ",\"count\":" + u.count() + ",\"cpu_seconds\":"
					+ num(u.cpuSeconds()) + "}");
		}
		return j.toString();
	}

	private static String map(Map<String, Long> m) {
		StringJoiner j = new StringJoiner(",", "{", "}");
		m.forEach((k, v) -> j.add(Json.quote(k) + ":" + v));
		return j.toString();
	}

	private static String num(double v) {
		return String.format(Locale.ROOT, "%.3f", v);
	}

	private static String mib(long bytes) {
		return bytes < 0 ? "RSS ?" : String.format(Locale.ROOT, "RSS %5.0f MiB", bytes / 1048576.0);
	}

}
