package io.basalt.volume.report;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sums the sizes of the live volumes placed on a backend, per pool, from {@code volumes} — the allocated capacity
 * a report carries (Cinder keeps a counter in the manager; the database is the truth and the query is cheap at
 * the reporting interval, off the request path). Volumes whose host names no pool count for
 * {@code defaultPool}. Thread-safe (stateless).
 */
public class AllocationQuery {

	private final JdbcTemplate jdbc;

	public AllocationQuery(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Allocated GiB per pool of {@code backend} ({@code host@backend}). */
	public Map<String, Long> allocatedGb(String backend, String defaultPool) {
		Map<String, Long> result = new HashMap<>();
		this.jdbc.query("""
				SELECT host, COALESCE(SUM(size), 0) AS gb FROM volumes
				WHERE NOT deleted AND (host = ? OR host LIKE ? ESCAPE '\\')
				GROUP BY host""", rs -> {
			String host = rs.getString("host");
			int hash = host.indexOf('#');
			String pool = (hash < 0) ? defaultPool : host.substring(hash + 1);
			result.merge(pool, rs.getLong("gb"), Long::sum);
		}, backend, escapeLike(backend) + "#%");
		return result;
	}

	static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
