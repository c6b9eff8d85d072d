package io.basalt.bench.scale;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the periodic queries on the database with {@code EXPLAIN (ANALYZE, BUFFERS)}: the scheduler's stuck-volume
 * and stuck-snapshot claims ({@code StuckVolumeStore}, inside a rolled-back transaction, as the sweeper sends them
 * with its defaults: stuck after 120 s, batch 200) and the api's volumes-by-status gauge
 * ({@code OperationalQueries.volumesByStatus}, every {@code settled-refresh-interval}, and
 * {@code unsettledVolumesByStatus}, every refresh). The SQL is copied from those classes, with the status words
 * they bind written in (as PostgreSQL plans a bound statement: with the values); keep it in step.
 */
final class SqlProbe {

	/** One query's median execution time over the runs, the pages it touched and the scans its plan uses. */
	record Timing(String name, double medianMs, long buffers, String scans) {
	}

	static final String SWEEP_VOLUMES = """
			WITH c AS (
			    SELECT id FROM volumes
			    WHERE status = 'creating' AND NOT deleted AND COALESCE(updated_at, created_at) < now() - interval '120 seconds'
			    ORDER BY created_at LIMIT 200 FOR UPDATE SKIP LOCKED
			)
			UPDATE volumes v SET updated_at = now(), version = v.version + 1 FROM c WHERE v.id = c.id
			RETURNING v.id, v.status, v.host, v.project_id, v.size, v.volume_type_id, v.availability_zone,
			          v.snapshot_id, v.source_volid""";

	static final String SWEEP_SNAPSHOTS = """
			WITH c AS (
			    SELECT id FROM snapshots
			    WHERE status = 'creating' AND NOT deleted AND COALESCE(updated_at, created_at) < now() - interval '120 seconds'
			    ORDER BY created_at LIMIT 200 FOR UPDATE SKIP LOCKED
			), claimed AS (
			    UPDATE snapshots s SET updated_at = now(), version = s.version + 1 FROM c WHERE s.id = c.id
			    RETURNING s.id, s.status, s.volume_id
			)
			SELECT claimed.id, claimed.status, v.host FROM claimed JOIN volumes v ON v.id = claimed.volume_id""";

	static final String STATUS_GAUGE = "SELECT status, count(*) FROM volumes WHERE NOT deleted GROUP BY status ORDER BY status";

	/** The gauge's every-refresh count since V15 (the full one above runs every settled-refresh-interval). */
	static final String UNSETTLED_GAUGE = """
			SELECT status, count(*) FROM volumes WHERE NOT deleted AND status NOT IN ('available', 'in-use')
			GROUP BY status ORDER BY status""";

	private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");

	private static final Pattern BUFFERS = Pattern.compile("Buffers: shared(?: hit=(\\d+))?(?: read=(\\d+))?");

	private static final Pattern SCAN = Pattern
		.compile("(Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)?(?: using (\\S+))? on (\\S+)");

	private final Psql psql;

	SqlProbe(Psql psql) {
		this.psql = psql;
	}

	List<Timing> measure(int runs) {
		return List.of(time("sweep volumes (creating)", SWEEP_VOLUMES, true, runs),
				time("sweep snapshots (creating)", SWEEP_SNAPSHOTS, true, runs),
				time("status gauge, full count", STATUS_GAUGE, false, runs),
				time("status gauge, unsettled (V15)", UNSETTLED_GAUGE, false, runs));
	}

	/** The plan of {@code sql} with its timings, as text (for the docs). */
	String plan(String sql, boolean rollback) {
		String explain = "EXPLAIN (ANALYZE, BUFFERS) " + sql + ";";
		return this.psql.run(rollback ? "BEGIN;\n" + explain + "\nROLLBACK;" : explain);
	}

	private Timing time(String name, String sql, boolean rollback, int runs) {
		List<Double> ms = new ArrayList<>();
		String last = "";
		for (int k = 0; k < runs; k++) {
			last = plan(sql, rollback);
			Matcher m = EXECUTION.matcher(last);
			if (!m.find()) {
				throw new IllegalStateException("no execution time in the plan of " + name + ":\n" + last);
			}
			ms.add(Double.parseDouble(m.group(1)));
		}
		ms.sort(null);
		return new Timing(name, ms.get(ms.size() / 2), rootBuffers(last), scans(last));
	}

	static long rootBuffers(String plan) {
		Matcher m = BUFFERS.matcher(plan);
		if (!m.find()) {
			return 0;
		}
		return parse(m.group(1)) + parse(m.group(2));
	}

	/** The distinct scan nodes of a plan, e.g. {@code Index Scan volumes_status_idx, Seq Scan volumes}. */
	static String scans(String plan) {
		Set<String> scans = new LinkedHashSet<>();
		Matcher m = SCAN.matcher(plan);
		while (m.find()) {
			scans.add(m.group(1) + " " + (m.group(2) != null ? m.group(2) : m.group(3)));
		}
		return String.join(", ", scans);
	}

	private static long parse(String v) {
		return v == null ? 0 : Long.parseLong(v);
	}

}
