package io.basalt.api.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.web.ListParams.SortKey;

/**
 * The sort keys of one kind of resource (API key → SQL expression) and the SQL of Cinder's list paging over them:
 * the order with {@code id} appended as the tie-breaker, the keyset condition after a marker row, the select list
 * that reads a marker's values, {@code LIMIT} and {@code OFFSET}. Nullable columns are given as coalesced
 * expressions so that the keyset comparisons hold. Immutable and thread-safe.
 */
public final class SortColumns {

	private final Map<String, String> columns;

	/** {@code columns} must map {@code id}. */
	public SortColumns(Map<String, String> columns) {
		if (!columns.containsKey("id")) {
			throw new IllegalArgumentException("the sort columns need an id");
		}
		this.columns = Map.copyOf(columns);
	}

	/** The API keys a list may be sorted by. */
	public Set<String> keys() {
		return this.columns.keySet();
	}

	/** The keys of {@code sort}, {@code id} appended (in the last key's direction) unless it is there. */
	public List<SortKey> effective(List<SortKey> sort) {
		List<SortKey> keys = new ArrayList<>(sort);
		if (keys.stream().noneMatch(k -> k.key().equals("id"))) {
			keys.add(new SortKey("id", keys.get(keys.size() - 1).ascending()));
		}
		return keys;
	}

	/** The select list reading a marker row's values of {@code keys}. */
	public String select(List<SortKey> keys) {
		return String.join(", ", keys.stream().map(k -> this.columns.get(k.key())).toList());
	}

	/**
	 * {@code " AND ((k1 > ?) OR (k1 = ? AND k2 > ?) ...)"} — the rows after a marker whose values of {@code keys}
	 * are {@code markerValues} ({@code <} for descending keys); the arguments are appended to {@code args}.
	 */
	public String after(List<SortKey> keys, Object[] markerValues, List<Object> args) {
		StringBuilder or = new StringBuilder(" AND (");
		for (int i = 0; i < keys.size(); i++) {
			or.append(i == 0 ? "(" : " OR (");
			for (int j = 0; j < i; j++) {
				or.append(this.columns.get(keys.get(j).key())).append(" = ? AND ");
				args.add(markerValues[j]);
			}
			or.append(this.columns.get(keys.get(i).key())).append(keys.get(i).ascending() ? " > ?" : " < ?")
				.append(")");
			args.add(markerValues[i]);
		}
		return or.append(")").toString();
	}

	/** {@code " ORDER BY ... LIMIT n OFFSET m"}. */
	public String orderLimit(List<SortKey> keys, ListParams params) {
		StringBuilder order = new StringBuilder(" ORDER BY ");
		for (int i = 0; i < keys.size(); i++) {
			SortKey k = keys.get(i);
			order.append(i == 0 ? "" : ", ").append(this.columns.get(k.key())).append(k.ascending() ? " ASC" : " DESC");
		}
		return order.append(" LIMIT ").append(params.limit()).append(" OFFSET ").append(params.offset()).toString();
	}

}
