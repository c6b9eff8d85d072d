package io.basalt.api.metrics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.common.state.VolumeStatus;

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

	/**
	 * The statuses of a settled volume, the bulk of the table; every other status is in
	 * {@code volumes_unsettled_idx} (V15, whose predicate names the same two words).
	 */
	public static final List<String> SETTLED_STATUSES = List.of(VolumeStatus.AVAILABLE.wire(),
			VolumeStatus.IN_USE.wire());

	/** Live (not deleted) volumes counted by status, in status order: reads every live row. */
	public Map<String, Long> volumesByStatus() {
		return counts("SELECT status, count(*) FROM volumes WHERE NOT deleted GROUP BY status ORDER BY status");
	}

	/**
	 * Live volumes in a status other than {@link #SETTLED_STATUSES}, counted by status: an index-only scan of
	 * {@code volumes_unsettled_idx} (V15), whose predicate this one must keep implying.
	 */
	public Map<String, Long> unsettledVolumesByStatus() {
		return counts(UNSETTLED_BY_STATUS, SETTLED_STATUSES.toArray());
	}

	/**
	 * Parameters: {@link #SETTLED_STATUSES}. Bound, PostgreSQL plans it with their values (a custom plan), which
	 * proves the partial index's predicate.
	 */
	static final String UNSETTLED_BY_STATUS = """
			SELECT status, count(*) FROM volumes WHERE NOT deleted AND status NOT IN (?, ?)
			GROUP BY status ORDER BY status""";

	private Map<String, Long> counts(String sql, Object... args) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.query(sql, rs -> {
			counts.put(rs.getString(1), rs.getLong(2));
		}, args);
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
