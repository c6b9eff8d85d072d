package io.basalt.api.service;

import java.util.List;

/**
 * Cinder's {@code _filter_host}: how a host value matches a {@code host} column. A value with {@code #} names a
 * pool and matches exactly; with {@code @} (a backend) it also matches the backend's pools ({@code value#…});
 * a bare host also matches its backends ({@code value@…}).
 *
 * @param sql the condition, with {@code ?} placeholders
 * @param args its arguments
 */
public record HostMatch(String sql, List<Object> args) {

	/** The condition on {@code column} for {@code value}, at the level the value names. */
	public static HostMatch of(String column, String value) {
		String like = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		if (value.contains("#")) {
			return new HostMatch(column + " = ?", List.of(value));
		}
		if (value.contains("@")) {
			return new HostMatch("(" + column + " = ? OR " + column + " LIKE ?)", List.of(value, like + "#%"));
		}
		return new HostMatch("(" + column + " = ? OR " + column + " LIKE ? OR " + column + " LIKE ?)",
				List.of(value, like + "#%", like + "@%"));
	}

}
