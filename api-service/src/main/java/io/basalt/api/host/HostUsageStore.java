package io.basalt.api.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.service.HostMatch;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Volume and snapshot usage of a backend's live volumes, per project (Cinder's {@code volume_data_get_*}). */
@Repository
class HostUsageStore {

	private final JdbcTemplate jdbc;

	HostUsageStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Per project (ordered by id): volume count and GiB, snapshot count and GiB of the volumes on {@code host}. */
	Map<String, Usage> usageByProject(String host) {
		// a service's host is host@backend: its volumes are host@backend#pool (Cinder's backend level)
		HostMatch match = HostMatch.of("v.host", host);
		Map<String, Usage> usage = new LinkedHashMap<>();
		this.jdbc.query("""
				SELECT v.project_id, count(*), COALESCE(sum(v.size), 0),
				       (SELECT count(*) FROM snapshots s JOIN volumes sv ON sv.id = s.volume_id
				        WHERE NOT s.deleted AND s.project_id = v.project_id AND %1$s),
				       (SELECT COALESCE(sum(s.volume_size), 0) FROM snapshots s JOIN volumes sv ON sv.id = s.volume_id
				        WHERE NOT s.deleted AND s.project_id = v.project_id AND %1$s)
				FROM volumes v WHERE NOT v.deleted AND %2$s
				GROUP BY v.project_id ORDER BY v.project_id""".formatted(match.sql().replace("v.host", "sv.host"),
				match.sql()), rs -> {
					usage.put(rs.getString(1), new Usage(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
				}, args(match));
		return usage;
	}

	private static Object[] args(HostMatch match) {
		List<Object> args = new ArrayList<>();
		args.addAll(match.args());
		args.addAll(match.args());
		args.addAll(match.args());
		return args.toArray();
	}

	/** One project's usage on a host. */
	record Usage(long volumeCount, long volumeGb, long snapshotCount, long snapshotGb) {
	}

}
