package io.basalt.system;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a fault run's volumes ended, read from the database (the truth, whatever the API answered): the count per
 * final status, the volumes still in a transitional status, error statuses without a reason, the longest time from
 * create to a final status, and the quota drift (usage minus a recount of the project's live volumes and snapshots,
 * per resource, only the non-zero ones; anything still reserved is drift too).
 */
record FaultOutcome(Map<String, Long> finalStatuses, List<String> stuck, List<String> errorsWithoutReason,
		Duration longestToFinal, Map<String, Long> quotaDrift) {

	long total() {
		return this.finalStatuses.values().stream().mapToLong(Long::longValue).sum() + this.stuck.size();
	}

	@Override
	public String toString() {
		return "final statuses " + this.finalStatuses + ", stuck " + this.stuck.size() + ", errors without reason "
				+ this.errorsWithoutReason.size() + ", longest create-to-final " + this.longestToFinal.toMillis()
				+ " ms, quota drift " + this.quotaDrift;
	}

	/** Waits (polling once a second) until nothing is transitional and the quota agrees, or the timeout passed. */
	static FaultOutcome await(Jdbc jdbc, String project, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		FaultOutcome last = read(jdbc, project);
		while ((!last.stuck.isEmpty() || !last.quotaDrift.isEmpty()) && Instant.now().isBefore(deadline)) {
			BasaltStack.sleep(1_000);
			last = read(jdbc, project);
		}
		return last;
	}

	static FaultOutcome read(Jdbc jdbc, String project) {
		Map<String, Long> statuses = new TreeMap<>();
		List<String> stuck = new ArrayList<>();
		List<String> noReason = new ArrayList<>();
		Duration longest = Duration.ZERO;
		for (Map<String, Object> row : jdbc.query("""
				SELECT id::text AS id, status, deleted, status_reason, created_at,
				       CASE WHEN deleted THEN deleted_at ELSE updated_at END AS settled_at
				FROM volumes WHERE project_id = ?""", project)) {
			String status = Boolean.TRUE.equals(row.get("deleted")) ? "deleted" : (String) row.get("status");
			if (CinderApi.TRANSITIONAL.contains(status)) {
				stuck.add(row.get("id") + " " + status);
				continue;
			}
			statuses.merge(status, 1L, Long::sum);
			if (status.startsWith("error") && blank(row.get("status_reason"))) {
				noReason.add(row.get("id") + " " + status);
			}
			Duration d = between(row.get("created_at"), row.get("settled_at"));
			if (d.compareTo(longest) > 0) {
				longest = d;
			}
		}
		return new FaultOutcome(statuses, stuck, noReason, longest, quotaDrift(jdbc, project));
	}

	/** Usage minus recount for every resource either side names; reserved counts as drift. */
	static Map<String, Long> quotaDrift(Jdbc jdbc, String project) {
		Map<String, Long> recount = new TreeMap<>();
		for (Map<String, Object> row : jdbc.query("""
				SELECT t.name AS type, count(*) AS volumes, coalesce(sum(v.size), 0) AS gigabytes
				FROM volumes v JOIN volume_types t ON t.id = v.volume_type_id
				WHERE v.project_id = ? AND NOT v.deleted AND v.use_quota GROUP BY t.name""", project)) {
			add(recount, "volumes", row.get("volumes"));
			add(recount, "gigabytes", row.get("gigabytes"));
			add(recount, "volumes_" + row.get("type"), row.get("volumes"));
			add(recount, "gigabytes_" + row.get("type"), row.get("gigabytes"));
		}
		for (Map<String, Object> row : jdbc.query("""
				SELECT t.name AS type, count(*) AS snapshots, coalesce(sum(s.volume_size), 0) AS gigabytes
				FROM snapshots s JOIN volume_types t ON t.id = s.volume_type_id
				WHERE s.project_id = ? AND NOT s.deleted GROUP BY t.name""", project)) {
			add(recount, "snapshots", row.get("snapshots"));
			add(recount, "gigabytes", row.get("gigabytes"));
			add(recount, "snapshots_" + row.get("type"), row.get("snapshots"));
			add(recount, "gigabytes_" + row.get("type"), row.get("gigabytes"));
		}
		Map<String, Long> usage = new TreeMap<>();
		Map<String, Long> reserved = new TreeMap<>();
		for (Map<String, Object> row : jdbc
			.query("SELECT resource, in_use, reserved FROM quota_usages WHERE project_id = ?", project)) {
			usage.put((String) row.get("resource"), ((Number) row.get("in_use")).longValue());
			reserved.put((String) row.get("resource"), ((Number) row.get("reserved")).longValue());
		}
		Set<String> resources = new HashSet<>(recount.keySet());
		resources.addAll(usage.keySet());
		Map<String, Long> drift = new TreeMap<>();
		for (String r : resources) {
			if (!r.startsWith("volumes") && !r.startsWith("gigabytes") && !r.startsWith("snapshots")) {
				continue;
			}
			long d = usage.getOrDefault(r, 0L) - recount.getOrDefault(r, 0L);
			if (d != 0) {
				drift.put(r, d);
			}
			if (reserved.getOrDefault(r, 0L) != 0) {
				drift.put(r + " (reserved)", reserved.get(r));
			}
		}
		return drift;
	}

	private static void add(Map<String, Long> m, String key, Object n) {
		m.merge(key, ((Number) n).longValue(), Long::sum);
	}

	private static boolean blank(Object o) {
		return o == null || o.toString().isBlank();
	}

	private static Duration between(Object from, Object to) {
		Instant f = instant(from);
		Instant t = instant(to);
		return f == null || t == null ? Duration.ZERO : Duration.between(f, t);
	}

	private static Instant instant(Object o) {
		return switch (o) {
			case java.sql.Timestamp ts -> ts.toInstant();
			case OffsetDateTime odt -> odt.toInstant();
			case null, default -> null;
		};
	}

}
