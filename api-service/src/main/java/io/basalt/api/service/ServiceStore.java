package io.basalt.api.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.web.Timestamps;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads and administers {@code services} rows over plain JDBC. Thread-safe. */
@Repository
public class ServiceStore {

	private static final String COLUMNS = """
			host, "binary", availability_zone, disabled, disabled_reason, cluster_name, frozen, active_backend_id,
			replication_status, created_at, updated_at, modified_at""";

	private final JdbcTemplate jdbc;

	public ServiceStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Live services in registration order, optionally of one host (matched as Cinder's {@link HostMatch}: a
	 * host also matches its backends) and/or one binary (its stored name).
	 */
	public List<ServiceRecord> find(String host, String binary) {
		return find(host, binary, false);
	}

	/** As {@link #find(String, String)}, and only the enabled ones if {@code enabledOnly}. */
	public List<ServiceRecord> find(String host, String binary, boolean enabledOnly) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM services WHERE NOT deleted");
		List<Object> args = new ArrayList<>();
		if (host != null) {
			HostMatch match = HostMatch.of("host", host);
			sql.append(" AND ").append(match.sql());
			args.addAll(match.args());
		}
		if (binary != null) {
			sql.append(" AND \"binary\" = ?");
			args.add(binary);
		}
		if (enabledOnly) {
			sql.append(" AND NOT disabled");
		}
		sql.append(" ORDER BY id");
		return this.jdbc.query(sql.toString(), ServiceStore::map, args.toArray());
	}

	/** Sets {@code disabled} (and the reason); returns whether a row matched. */
	public boolean setDisabled(String host, String binary, boolean disabled, String reason, Instant now) {
		return this.jdbc.update("""
				UPDATE services SET disabled = ?, disabled_reason = ?, modified_at = ?
				WHERE host = ? AND "binary" = ? AND NOT deleted""", disabled, reason, Timestamp.from(now), host,
				binary) > 0;
	}

	/**
	 * Freezes ({@code frozen} true) or thaws the live services of {@code binary} whose host matches {@code host}
	 * (as {@link HostMatch}), as Cinder's volume manager does: a frozen backend is also disabled with the reason
	 * {@code frozen} (so the scheduler places nothing there), a thawed one enabled again with an empty reason.
	 * Guarded: only rows in the opposite state change. Returns how many rows changed.
	 */
	public int setFrozen(String host, String binary, boolean frozen, Instant now) {
		HostMatch match = HostMatch.of("host", host);
		List<Object> args = new ArrayList<>(List.of(frozen, frozen, frozen ? "frozen" : "", Timestamp.from(now)));
		args.addAll(match.args());
		args.add(binary);
		args.add(!frozen);
		return this.jdbc.update("UPDATE services SET frozen = ?, disabled = ?, disabled_reason = ?, modified_at = ? "
				+ "WHERE " + match.sql() + " AND \"binary\" = ? AND NOT deleted AND frozen = ?", args.toArray());
	}

	/** The zones of live volume services ({@code binary}). */
	public List<String> zonesOf(String binary) {
		return this.jdbc.queryForList(
				"SELECT DISTINCT availability_zone FROM services WHERE NOT deleted AND \"binary\" = ?", String.class,
				binary);
	}

	/**
	 * The zones of live services of {@code binary}, each with whether it is available: at least one of its
	 * services is enabled (Cinder's {@code list_availability_zones}; a service's heartbeat does not count).
	 */
	public Map<String, Boolean> zoneStates(String binary) {
		Map<String, Boolean> zones = new LinkedHashMap<>();
		this.jdbc.query("""
				SELECT availability_zone, bool_or(NOT disabled) FROM services
				WHERE NOT deleted AND "binary" = ? AND availability_zone IS NOT NULL
				GROUP BY availability_zone ORDER BY availability_zone""", rs -> {
					zones.put(rs.getString(1), rs.getBoolean(2));
				}, binary);
		return zones;
	}

	private static ServiceRecord map(ResultSet rs, int row) throws SQLException {
		return new ServiceRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
				rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getString(9),
				Timestamps.instant(rs.getTimestamp(10)), Timestamps.instant(rs.getTimestamp(11)),
				Timestamps.instant(rs.getTimestamp(12)));
	}

}
