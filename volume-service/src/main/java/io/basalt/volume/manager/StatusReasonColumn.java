package io.basalt.volume.manager;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether a table has a {@code status_reason} column, probed once on first use. The column is an addition of
 * Basalt's schema; writing it only when it exists keeps the manager working on a schema without it.
 * <p>
 * Thread-safe: the probe may run twice under a race, with the same answer.
 */
final class StatusReasonColumn {

	private static final int MAX_LENGTH = 1000;

	private final JdbcTemplate jdbc;

	private final String table;

	private volatile Boolean present;

	StatusReasonColumn(JdbcTemplate jdbc, String table) {
		this.jdbc = jdbc;
		this.table = table;
	}

	boolean present() {
		Boolean p = this.present;
		if (p == null) {
			Integer count = this.jdbc.queryForObject("""
					SELECT count(*) FROM information_schema.columns
					WHERE table_schema = current_schema() AND table_name = ? AND column_name = 'status_reason'""",
					Integer.class, this.table);
			p = count != null && count > 0;
			this.present = p;
		}
		return p;
	}

	/** The reason cut to a length fit for a log line and an API view. */
	static String clip(String reason) {
		if (reason == null || reason.length() <= MAX_LENGTH) {
			return reason;
		}
		return reason.substring(0, MAX_LENGTH - 1) + "…";
	}

}
