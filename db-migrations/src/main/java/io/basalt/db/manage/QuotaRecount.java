package io.basalt.db.manage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * {@code basalt-manage quota check|sync} (Cinder's {@code cinder-manage quota check|sync}): recounts
 * {@code volumes}, {@code gigabytes} and {@code snapshots}, and their per-type twins {@code <resource>_<type>},
 * per project from the live rows ({@code NOT deleted AND use_quota}; a snapshot counts its
 * {@code volume_size} in gigabytes, as the api-service reserves it), and compares them with
 * {@code quota_usages.in_use}.
 * <p>
 * {@link #sync} fixes the drift in <em>one</em> transaction that first locks the usage rows it reads
 * {@code FOR UPDATE} in the quota engine's order (by project, then resource name, the order in which
 * {@code QuotaEngine} locks one project's rows), so a reservation running at the same time either finished before
 * the recount (and is counted) or waits for the sync (and applies its delta to the fixed row). Usage rows that
 * are missing are created first, as the quota engine does. {@code reserved} is left alone (open reservations are
 * the quota engine's business). Not thread-safe; one run at a time per database is enough.
 */
public final class QuotaRecount {

	/** What the live resources add up to, per (project, resource). */
	private static final String COUNTED = """
			WITH parts AS (
			    SELECT v.project_id, t.name AS type, 1 AS volumes, v.size AS gigabytes, 0 AS snapshots
			    FROM volumes v LEFT JOIN volume_types t ON t.id = v.volume_type_id
			    WHERE NOT v.deleted AND v.use_quota
			    UNION ALL
			    SELECT s.project_id, t.name, 0, s.volume_size, 1
			    FROM snapshots s LEFT JOIN volume_types t ON t.id = s.volume_type_id
			    WHERE NOT s.deleted AND s.use_quota
			), counts AS (
			    SELECT project_id, 'volumes' AS resource, volumes AS n FROM parts
			    UNION ALL SELECT project_id, 'gigabytes', gigabytes FROM parts
			    UNION ALL SELECT project_id, 'snapshots', snapshots FROM parts
			    UNION ALL SELECT project_id, 'volumes_' || type, volumes FROM parts WHERE type IS NOT NULL
			    UNION ALL SELECT project_id, 'gigabytes_' || type, gigabytes FROM parts WHERE type IS NOT NULL
			    UNION ALL SELECT project_id, 'snapshots_' || type, snapshots FROM parts WHERE type IS NOT NULL
			)
			SELECT project_id, resource, sum(n) AS counted FROM counts
			WHERE (?::text IS NULL OR project_id = ?)
			GROUP BY project_id, resource""";

	private static final String USAGES = """
			SELECT project_id, resource, in_use FROM quota_usages
			WHERE (?::text IS NULL OR project_id = ?)
			  AND (resource IN ('volumes', 'gigabytes', 'snapshots') OR resource LIKE 'volumes\\_%'
			       OR resource LIKE 'gigabytes\\_%' OR resource LIKE 'snapshots\\_%')
			ORDER BY project_id, resource""";

	private final DataSource dataSource;

	public QuotaRecount(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The drift, without changing anything. @param projectId one project, or null for all */
	public List<QuotaDrift> check(String projectId) throws SQLException {
		try (Connection c = this.dataSource.getConnection()) {
			c.setReadOnly(true);
			c.setAutoCommit(false);
			try {
				return drift(c, projectId, false);
			}
			finally {
				c.rollback();
			}
		}
	}

	/** Fixes the drift in one transaction and returns what it fixed. @param projectId one project, or null */
	public List<QuotaDrift> sync(String projectId) throws SQLException {
		try (Connection c = this.dataSource.getConnection()) {
			c.setAutoCommit(false);
			try {
				createMissingUsageRows(c, projectId);
				List<QuotaDrift> drift = drift(c, projectId, true);
				try (PreparedStatement update = c.prepareStatement(
						"UPDATE quota_usages SET in_use = ?, updated_at = now() WHERE project_id = ? AND resource = ?")) {
					for (QuotaDrift d : drift) {
						update.setLong(1, d.counted());
						update.setString(2, d.projectId());
						update.setString(3, d.resource());
						update.addBatch();
					}
					update.executeBatch();
				}
				c.commit();
				return drift;
			}
			catch (SQLException | RuntimeException ex) {
				c.rollback();
				throw ex;
			}
		}
	}

	/**
	 * Reads the usage rows (locked {@code FOR UPDATE} in (project, resource) order when {@code lock}), then the
	 * counts, and returns the differences ordered by project and resource.
	 */
	private static List<QuotaDrift> drift(Connection c, String projectId, boolean lock) throws SQLException {
		Map<String, Map<String, Long>> usages = new TreeMap<>();
		try (PreparedStatement s = c.prepareStatement(USAGES + (lock ? " FOR UPDATE" : ""))) {
			s.setString(1, projectId);
			s.setString(2, projectId);
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					usages.computeIfAbsent(rs.getString(1), p -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
				}
			}
		}
		Map<String, Map<String, Long>> counted = new TreeMap<>();
		try (PreparedStatement s = c.prepareStatement(COUNTED)) {
			s.setString(1, projectId);
			s.setString(2, projectId);
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					counted.computeIfAbsent(rs.getString(1), p -> new TreeMap<>()).put(rs.getString(2), rs.getLong(3));
				}
			}
		}
		Map<String, Map<String, long[]>> both = new TreeMap<>();
		usages.forEach((p, byResource) -> byResource
			.forEach((r, n) -> both.computeIfAbsent(p, x -> new TreeMap<>()).computeIfAbsent(r, x -> new long[2])[0] = n));
		counted.forEach((p, byResource) -> byResource
			.forEach((r, n) -> both.computeIfAbsent(p, x -> new TreeMap<>()).computeIfAbsent(r, x -> new long[2])[1] = n));
		List<QuotaDrift> drift = new ArrayList<>();
		both.forEach((p, byResource) -> byResource.forEach((r, v) -> {
			if (v[0] != v[1]) {
				drift.add(new QuotaDrift(p, r, v[0], v[1]));
			}
		}));
		return drift;
	}

	/** Usage rows for counted resources a project has none for, as the quota engine creates them (0, 0). */
	private static void createMissingUsageRows(Connection c, String projectId) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("INSERT INTO quota_usages (project_id, resource, in_use, reserved) "
				+ "SELECT project_id, resource, 0, 0 FROM (" + COUNTED + ") counted "
				+ "ON CONFLICT (project_id, resource) DO NOTHING")) {
			s.setString(1, projectId);
			s.setString(2, projectId);
			s.executeUpdate();
		}
	}

}
