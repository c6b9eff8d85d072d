package io.basalt.api.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The few read-only queries behind the operational gauges and the {@code /dashboard} page, each one statement on
 * an indexed or small table. Thread-safe.
 */
@Repository
public class OperationalQueries {

	private final JdbcTemplate jdbc;

	public OperationalQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Live (not deleted) volumes counted by status, in status order. */
	public Map<String, Long> volumesByStatus() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.query("SELECT status, count(*) FROM volumes WHERE NOT deleted GROUP BY status ORDER BY status",
				rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
				});
		return counts;
	}

	/** Every live {@code services} row, ordered by binary and host. */
	public List<ServiceBeat> services() {
		return this.jdbc.query("""
				SELECT "binary", host, COALESCE(updated_at, created_at), disabled FROM services
				WHERE NOT deleted ORDER BY "binary", host""",
				(rs, i) -> new ServiceBeat(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
						rs.getBoolean(4)));
	}

	/**
	 * Volumes created since {@code since} (index {@code volumes_created_idx}), and the create → available time of
	 * those that became available: median and 99th percentile in seconds (null when none did).
	 */
	public CreateStats createStats(Instant since) {
		return this.jdbc.queryForObject("""
				SELECT count(*),
				       count(launched_at),
				       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM launched_at - created_at)),
				       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM launched_at - created_at))
				FROM volumes WHERE NOT deleted AND created_at >= ?""",
				(rs, i) -> new CreateStats(rs.getLong(1), rs.getLong(2), (Double) rs.getObject(3, Double.class),
						(Double) rs.getObject(4, Double.class)),
				Timestamp.from(since));
	}

	/**
	 * Creates in a window.
	 *
	 * @param created volumes created in the window (still live)
	 * @param available how many of them have become available (have {@code launched_at})
	 * @param p50Seconds median create → available time, or null
	 * @param p99Seconds 99th percentile create → available time, or null
	 */
	public record CreateStats(long created, long available, Double p50Seconds, Double p99Seconds) {
	}

}
