package io.basalt.api.volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.web.ApiException;
import io.basalt.api.web.ListParams;
import io.basalt.api.web.ListParams.SortKey;
import io.basalt.api.web.SortColumns;

/**
 * The SQL of a volume list: scope (one project unless an admin asks for {@code all_tenants}), filters (Cinder's
 * non-admin whitelist; admins may also filter by project, user, host and type; unknown keys are dropped),
 * keyset pagination after a marker over the sort keys (plus {@code id} as a tie-breaker), order, limit and
 * offset. Immutable once built.
 */
final class VolumeQuery {

	/** API sort key → SQL expression (nullable columns coalesced so that keyset comparisons hold). */
	static final SortColumns SORT = new SortColumns(Map.ofEntries(Map.entry("id", "v.id"),
			Map.entry("name", "COALESCE(v.display_name, '')"), Map.entry("display_name", "COALESCE(v.display_name, '')"),
			Map.entry("description", "COALESCE(v.display_description, '')"), Map.entry("status", "v.status"),
			Map.entry("size", "v.size"), Map.entry("created_at", "v.created_at"),
			Map.entry("updated_at", "COALESCE(v.updated_at, v.created_at)"),
			Map.entry("availability_zone", "COALESCE(v.availability_zone, '')"), Map.entry("bootable", "v.bootable"),
			Map.entry("host", "COALESCE(v.host, '')"), Map.entry("volume_type_id", "v.volume_type_id"),
			Map.entry("project_id", "v.project_id"), Map.entry("user_id", "v.user_id")));

	private static final Set<String> TRUE = Set.of("1", "true", "t", "yes", "y", "on");

	private final StringBuilder where = new StringBuilder(" WHERE NOT v.deleted");

	private final List<Object> filterArgs = new ArrayList<>();

	private final List<Object> pageArgs = new ArrayList<>();

	private String pageCondition = "";

	private String orderLimit = "";

	/** The filters of a list request; {@code scopeProject} null means every project. */
	static VolumeQuery filtered(String scopeProject, Map<String, String> filters, boolean admin,
			Map<String, String> parsedMetadata) {
		VolumeQuery q = new VolumeQuery();
		if (scopeProject != null) {
			q.and("v.project_id = ?", scopeProject);
		}
		for (Map.Entry<String, String> f : filters.entrySet()) {
			String value = f.getValue();
			switch (f.getKey()) {
				case "name", "display_name" -> q.and("v.display_name = ?", value);
				case "name~", "display_name~" -> q.and("v.display_name ILIKE ?", "%" + like(value) + "%");
				case "status" -> q.and("v.status = ?", value);
				case "availability_zone" -> q.and("v.availability_zone = ?", value);
				case "migration_status" -> q.and("v.migration_status = ?", value);
				case "group_id" -> q.and("v.group_id::text = ?", value);
				case "bootable" -> q.and("v.bootable = ?", bool(value, "bootable"));
				case "consumes_quota" -> q.and("v.use_quota = ?", bool(value, "consumes_quota"));
				case "size" -> q.and("v.size = ?", integer(value));
				case "project_id" -> q.adminAnd(admin, "v.project_id = ?", value);
				case "user_id" -> q.adminAnd(admin, "v.user_id = ?", value);
				case "host" -> q.adminAnd(admin, "v.host = ?", value);
				case "volume_type_id" -> q.adminAnd(admin, "v.volume_type_id::text = ?", value);
				default -> {
					// Cinder drops filters outside the whitelist silently.
				}
			}
		}
		if (parsedMetadata != null) {
			for (Map.Entry<String, String> m : parsedMetadata.entrySet()) {
				q.where.append(" AND EXISTS (SELECT 1 FROM volume_metadata m WHERE m.volume_id = v.id"
						+ " AND m.key = ? AND m.value = ?)");
				q.filterArgs.add(m.getKey());
				q.filterArgs.add(m.getValue());
			}
		}
		return q;
	}

	/** Whether {@code all_tenants} asks for every project. */
	static boolean allTenants(Map<String, String> filters) {
		return ListParams.allTenants(filters);
	}

	/** The key columns of the sort, {@code id} appended as the tie-breaker. */
	static List<SortKey> effectiveSort(List<SortKey> sort) {
		return SORT.effective(sort);
	}

	/** Adds the keyset condition after a marker whose sort-key values are {@code markerValues}. */
	void after(List<SortKey> keys, Object[] markerValues) {
		this.pageCondition = SORT.after(keys, markerValues, this.pageArgs);
	}

	/** Sets order, limit and offset. */
	void page(List<SortKey> keys, ListParams params) {
		this.orderLimit = SORT.orderLimit(keys, params);
	}

	/** The select list that reads a marker row's sort-key values. */
	static String markerSelect(List<SortKey> keys) {
		return SORT.select(keys);
	}

	String where() {
		return this.where.toString();
	}

	String whereOrderLimit() {
		return this.where + this.pageCondition + this.orderLimit;
	}

	List<Object> filterArgs() {
		return this.filterArgs;
	}

	List<Object> args() {
		List<Object> all = new ArrayList<>(this.filterArgs);
		all.addAll(this.pageArgs);
		return all;
	}

	private void and(String condition, Object arg) {
		this.where.append(" AND ").append(condition);
		this.filterArgs.add(arg);
	}

	private void adminAnd(boolean admin, String condition, Object arg) {
		if (admin) {
			and(condition, arg);
		}
	}

	private static String like(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static boolean bool(String value, String name) {
		String v = value.toLowerCase();
		if (TRUE.contains(v)) {
			return true;
		}
		if (Set.of("0", "false", "f", "no", "n", "off").contains(v)) {
			return false;
		}
		throw ApiException.badRequest("Invalid input received: '" + value + "' is not a valid boolean for " + name);
	}

	private static int integer(String value) {
		try {
			return Integer.parseInt(value.strip());
		}
		catch (NumberFormatException ex) {
			throw ApiException.badRequest("Invalid input received: size filter must be an integer");
		}
	}

}
