package io.basalt.common.quota;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one owner of quota arithmetic on {@code quota_usages} / {@code reservations} (Cinder's reservation engine),
 * used by all three services:
 * <ul>
 * <li>{@link #reserve} locks the project's usage rows, checks {@code in_use + reserved + delta ≤ limit} and
 * records the deltas as reserved; {@link #commit} moves them to {@code in_use}; {@link #rollback} gives them
 * back; {@link #consume} reserves and commits at once (the api-service);</li>
 * <li>{@link #inUseChange} gives usage back (or moves it) inside the very statement that changes the resource's
 * status, so neither happens without the other (the stores of the scheduler, the volume service and the api).</li>
 * </ul>
 * The rule that keeps these from deadlocking one another is written once, {@link #LOCK_IN_RESOURCE_ORDER}: every
 * writer locks a project's usage rows {@code FOR UPDATE} in resource-name order before changing them (an
 * unordered {@code UPDATE … FROM} deadlocked with concurrent creates and deletes of one project under load).
 * Per-type resources ({@code volumes_<type>}, {@code gigabytes_<type>}, {@code snapshots_<type>}) are rows like
 * the others. Every method joins the caller's transaction (the Java ones need one for the lock to hold).
 * <p>
 * Thread-safe (stateless besides the injected template and clock).
 */
public class QuotaLedger {

	/** How long a reservation may stay open before a sweeper may expire it. */
	public static final Duration RESERVATION_EXPIRY = Duration.ofDays(1);

	/** The lock order, for a query over {@code quota_usages u}: resource-name order, row locks. */
	public static final String LOCK_IN_RESOURCE_ORDER = "ORDER BY u.resource FOR UPDATE OF u";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public QuotaLedger(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Locks the usage rows of the non-zero {@code deltas} and checks them against {@code limits} (resource →
	 * limit, negative for unlimited; a missing resource is unlimited).
	 * @return the locked rows, or null when every delta is 0
	 * @throws QuotaExceededException for the first resource in resource order that a positive delta would take
	 * over its limit
	 */
	public Locked lockAndCheck(String projectId, Map<String, Integer> deltas, Map<String, Integer> limits) {
		Map<String, Integer> sorted = new TreeMap<>(deltas);
		sorted.values().removeIf(d -> d == 0);
		if (sorted.isEmpty()) {
			return null;
		}
		Map<String, long[]> usages = lockUsages(projectId, new ArrayList<>(sorted.keySet()));
		for (Map.Entry<String, Integer> e : sorted.entrySet()) {
			int delta = e.getValue();
			int limit = limits.getOrDefault(e.getKey(), -1);
			long[] usage = usages.get(e.getKey());
			long consumed = usage[1] + usage[2];
			if (delta > 0 && limit >= 0 && consumed + delta > limit) {
				throw new QuotaExceededException(e.getKey(), delta, limit, consumed);
			}
		}
		return new Locked(projectId, sorted, usages);
	}

	/** Rows locked by {@link #lockAndCheck}: the non-zero deltas in resource order, {@code resource → [id, in_use, reserved]}. */
	public record Locked(String projectId, Map<String, Integer> deltas, Map<String, long[]> usages) {
	}

	/** {@link #lockAndCheck} then records the deltas as reserved; returns the reservation ids. */
	public List<String> reserve(String projectId, Map<String, Integer> deltas, Map<String, Integer> limits) {
		return reserve(lockAndCheck(projectId, deltas, limits));
	}

	/** Records the deltas of rows already locked and checked as reserved; returns the reservation ids. */
	public List<String> reserve(Locked locked) {
		if (locked == null) {
			return List.of();
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		Timestamp expire = Timestamp.from(this.clock.instant().plus(RESERVATION_EXPIRY));
		List<String> ids = new ArrayList<>();
		List<Object[]> rows = new ArrayList<>();
		List<Object[]> updates = new ArrayList<>();
		for (Map.Entry<String, Integer> e : locked.deltas().entrySet()) {
			String id = UUID.randomUUID().toString();
			ids.add(id);
			long usageId = locked.usages().get(e.getKey())[0];
			rows.add(new Object[] { UUID.fromString(id), usageId, locked.projectId(), e.getKey(), e.getValue(),
					expire, now });
			updates.add(new Object[] { e.getValue(), now, usageId });
		}
		this.jdbc.batchUpdate("""
				INSERT INTO reservations (id, usage_id, project_id, resource, delta, expire, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)""", rows);
		this.jdbc.batchUpdate("UPDATE quota_usages SET reserved = reserved + ?, updated_at = ? WHERE id = ?",
				updates);
		return ids;
	}

	/**
	 * Adds the deltas of rows already locked and checked to {@code in_use} at once (never below 0), in one
	 * {@code UPDATE}: reserve and commit in one step for a caller whose transaction spans both.
	 */
	public void consume(Locked locked) {
		if (locked == null) {
			return;
		}
		Long[] usageIds = new Long[locked.deltas().size()];
		Integer[] amounts = new Integer[usageIds.length];
		int k = 0;
		for (Map.Entry<String, Integer> e : locked.deltas().entrySet()) {
			usageIds[k] = locked.usages().get(e.getKey())[0];
			amounts[k++] = e.getValue();
		}
		this.jdbc.update("""
				UPDATE quota_usages u SET in_use = GREATEST(u.in_use + d.delta, 0), updated_at = ?
				FROM unnest(?::bigint[], ?::int[]) AS d(usage_id, delta) WHERE u.id = d.usage_id""",
				Timestamp.from(this.clock.instant()), usageIds, amounts);
	}

	/** Moves reserved amounts to {@code in_use} and closes the reservations. */
	public void commit(List<String> reservationIds) {
		if (reservationIds.isEmpty()) {
			return;
		}
		UUID[] ids = reservationIds.stream().map(UUID::fromString).toArray(UUID[]::new);
		this.jdbc.update("""
				UPDATE quota_usages u SET in_use = GREATEST(u.in_use + r.delta, 0), reserved = u.reserved - r.delta,
				       updated_at = ?
				FROM reservations r WHERE r.usage_id = u.id AND r.id = ANY(?)""",
				Timestamp.from(this.clock.instant()), ids);
		this.jdbc.update("DELETE FROM reservations WHERE id = ANY(?)", (Object) ids);
	}

	/** Gives reserved amounts back and closes the reservations (a no-op for ids already closed). */
	public void rollback(List<String> reservationIds) {
		if (reservationIds.isEmpty()) {
			return;
		}
		UUID[] ids = reservationIds.stream().map(UUID::fromString).toArray(UUID[]::new);
		this.jdbc.update("""
				UPDATE quota_usages u SET reserved = GREATEST(u.reserved - r.delta, 0), updated_at = ?
				FROM reservations r WHERE r.usage_id = u.id AND r.id = ANY(?)""",
				Timestamp.from(this.clock.instant()), ids);
		this.jdbc.update("DELETE FROM reservations WHERE id = ANY(?)", (Object) ids);
	}

	/** {@code resource → [in_use, reserved]} of a project (no lock). */
	public Map<String, int[]> usages(String projectId) {
		Map<String, int[]> result = new HashMap<>();
		this.jdbc.query("SELECT resource, in_use, reserved FROM quota_usages WHERE project_id = ?", rs -> {
			result.put(rs.getString(1), new int[] { rs.getInt(2), rs.getInt(3) });
		}, projectId);
		return result;
	}

	/**
	 * Locks the usage rows in resource order: {@code resource → [id, in_use, reserved]}. Rows a project does not
	 * have yet (its first volume of a type) are created first and the lock taken again; once they exist this is a
	 * single statement.
	 */
	private Map<String, long[]> lockUsages(String projectId, List<String> resources) {
		Map<String, long[]> usages = selectForUpdate(projectId, resources);
		if (usages.size() < resources.size()) {
			List<Object[]> rows = resources.stream()
				.filter(r -> !usages.containsKey(r))
				.map(r -> new Object[] { projectId, r })
				.toList();
			this.jdbc.batchUpdate("""
					INSERT INTO quota_usages (project_id, resource, in_use, reserved) VALUES (?, ?, 0, 0)
					ON CONFLICT (project_id, resource) DO NOTHING""", rows);
			return selectForUpdate(projectId, resources);
		}
		return usages;
	}

	private Map<String, long[]> selectForUpdate(String projectId, List<String> resources) {
		Map<String, long[]> usages = new HashMap<>();
		this.jdbc.query("SELECT u.id, u.resource, u.in_use, u.reserved FROM quota_usages u "
				+ "WHERE u.project_id = ? AND u.resource = ANY(?) " + LOCK_IN_RESOURCE_ORDER, rs -> {
					usages.put(rs.getString(2), new long[] { rs.getLong(1), rs.getLong(3), rs.getLong(4) });
				}, projectId, resources.toArray(String[]::new));
		return usages;
	}

	// ---- in-statement changes of in_use, for the stores' single-statement status changes ----

	/**
	 * Two common table expressions, {@code l} (the project's usage rows locked in resource order) and {@code q}
	 * (their {@code in_use} changed by the deltas, never below 0), to follow the CTE(s) of a status change in one
	 * {@code WITH}. {@code deltas} is a {@code SELECT} of {@code (project_id, resource, delta)} rows, usually one of
	 * {@link #volumeDeltas}, {@link #snapshotDeltas}, {@link #gigabytesDeltas}, {@link #retypeBackDeltas},
	 * {@link #countDelta}; its parameters come first, then {@code updated_at}. A resource row a project does not
	 * have is skipped (nothing to give back).
	 */
	public static String inUseChange(String deltas) {
		return """
				l AS (
				    SELECT u.id, d.delta FROM quota_usages u
				    JOIN (%s) AS d(project_id, resource, delta) ON u.project_id = d.project_id AND u.resource = d.resource
				    %s
				), q AS (
				    UPDATE quota_usages u SET in_use = GREATEST(u.in_use + l.delta, 0), updated_at = ?
				    FROM l WHERE u.id = l.id
				    RETURNING u.id
				)""".formatted(deltas, LOCK_IN_RESOURCE_ORDER);
	}

	/**
	 * A deleted volume's give-back: {@code volumes} −1 and {@code gigabytes} −size, and their per-type twins,
	 * from CTE {@code source} returning {@code project_id, size, use_quota, volume_type_id} (nothing when
	 * {@code use_quota} is false). No parameters.
	 */
	public static String volumeDeltas(String source) {
		return typedDeltas(source, "volumes", "-1", source + ".size");
	}

	/**
	 * A deleted snapshot's give-back: {@code snapshots} −1 and {@code gigabytes} −volume_size, and their per-type
	 * twins, from CTE {@code source} returning {@code project_id, volume_size, use_quota, volume_type_id}. No
	 * parameters.
	 */
	public static String snapshotDeltas(String source) {
		return typedDeltas(source, "snapshots", "-1", source + ".volume_size");
	}

	/**
	 * An extend's give-back: {@code gigabytes} and {@code gigabytes_<type>} −{@code ?} (the one parameter, GiB),
	 * from CTE {@code source} returning {@code project_id, use_quota, volume_type_id}.
	 */
	public static String gigabytesDeltas(String source) {
		return "SELECT " + source + ".project_id, d.resource, -(?::int) FROM " + source
				+ " JOIN volume_types t ON t.id = " + source + ".volume_type_id"
				+ " CROSS JOIN LATERAL (VALUES ('gigabytes'), ('gigabytes_' || t.name)) AS d(resource)"
				+ " WHERE " + source + ".use_quota";
	}

	/**
	 * A failed retype's per-type quota moved back: {@code volumes_<new>} −1, {@code gigabytes_<new>} −size,
	 * {@code volumes_<old>} +1, {@code gigabytes_<old>} +size, from CTE {@code source} returning {@code project_id,
	 * size, use_quota, volume_type_id} (the old type); the one parameter is the new type's id (nothing when null).
	 */
	public static String retypeBackDeltas(String source) {
		return "SELECT " + source + ".project_id, d.resource, d.delta FROM " + source
				+ " JOIN volume_types o ON o.id = " + source + ".volume_type_id JOIN volume_types n ON n.id = ?::uuid"
				+ " CROSS JOIN LATERAL (VALUES ('volumes_' || n.name, -1), ('gigabytes_' || n.name, -" + source
				+ ".size), ('volumes_' || o.name, 1), ('gigabytes_' || o.name, " + source
				+ ".size)) AS d(resource, delta) WHERE " + source + ".use_quota";
	}

	/** {@code resource} −1 for each row of CTE {@code source} returning {@code project_id} (e.g. {@code groups}). */
	public static String countDelta(String source, String resource) {
		return "SELECT " + source + ".project_id, '" + resource + "', -1 FROM " + source;
	}

	private static String typedDeltas(String source, String countResource, String count, String size) {
		return "SELECT " + source + ".project_id, d.resource, d.delta FROM " + source
				+ " JOIN volume_types t ON t.id = " + source + ".volume_type_id"
				+ " CROSS JOIN LATERAL (VALUES ('" + countResource + "', " + count + "), ('gigabytes', -" + size
				+ "), ('" + countResource + "_' || t.name, " + count + "), ('gigabytes_' || t.name, -" + size
				+ ")) AS d(resource, delta) WHERE " + source + ".use_quota";
	}

}
