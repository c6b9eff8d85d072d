package io.basalt.api.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The paging and sorting part of a list query, parsed with Cinder's rules ({@code common.get_pagination_params},
 * {@code get_sort_params}): {@code limit} (default and maximum {@code osapi_max_limit}; negative or not an
 * integer → 400), {@code marker}, {@code offset} (≥ 0), {@code sort=k1:asc,k2} or the deprecated
 * {@code sort_key}/{@code sort_dir} (mixing both forms → 400; default direction desc; default
 * {@code created_at desc}). Everything else is left as filters.
 *
 * @param limit the page size
 * @param marker the last id seen, or null
 * @param offset rows to skip
 * @param sort sort keys with their directions, in order
 * @param filters the remaining query parameters
 */
public record ListParams(int limit, String marker, int offset, List<SortKey> sort, Map<String, String> filters) {

	private static final Set<String> PAGING = Set.of("limit", "marker", "offset", "sort", "sort_key", "sort_dir",
			"with_count");

	/**
	 * One sort key.
	 * @param key the API key
	 * @param ascending the direction
	 */
	public record SortKey(String key, boolean ascending) {
	}

	/** Parses {@code query}; sort keys outside {@code sortKeys} → 400. */
	public static ListParams parse(Map<String, String> query, int maxLimit, Set<String> sortKeys) {
		int limit = maxLimit;
		if (query.containsKey("limit")) {
			limit = nonNegative(query.get("limit"), "limit");
			limit = Math.min(limit, maxLimit);
		}
		int offset = query.containsKey("offset") ? nonNegative(query.get("offset"), "offset") : 0;
		String marker = query.get("marker");
		List<SortKey> sort = sort(query);
		for (SortKey key : sort) {
			if (!sortKeys.contains(key.key())) {
				throw ApiException.badRequest("Invalid input received: Invalid sort key " + key.key());
			}
		}
		Map<String, String> filters = new LinkedHashMap<>(query);
		filters.keySet().removeAll(PAGING);
		return new ListParams(limit, marker, offset, sort, filters);
	}

	private static List<SortKey> sort(Map<String, String> query) {
		String sort = query.get("sort");
		boolean legacy = query.containsKey("sort_key") || query.containsKey("sort_dir");
		if (sort != null && legacy) {
			throw ApiException.badRequest("The 'sort_key' and 'sort_dir' parameters are deprecated and cannot be "
					+ "used with the 'sort' parameter.");
		}
		List<SortKey> keys = new ArrayList<>();
		if (sort != null) {
			for (String part : sort.split(",")) {
				String item = part.strip();
				if (item.isEmpty()) {
					continue;
				}
				String[] kv = item.split(":", -1);
				if (kv.length > 2 || kv[0].isBlank()) {
					throw ApiException.badRequest("Invalid input received: Invalid sort " + item);
				}
				keys.add(new SortKey(kv[0].strip(), direction(kv.length == 2 ? kv[1].strip() : "desc")));
			}
		}
		else if (legacy) {
			String[] names = query.getOrDefault("sort_key", "created_at").split(",");
			String[] dirs = query.getOrDefault("sort_dir", "desc").split(",");
			for (int i = 0; i < names.length; i++) {
				String dir = (i < dirs.length) ? dirs[i].strip() : dirs[dirs.length - 1].strip();
				keys.add(new SortKey(names[i].strip(), direction(dir)));
			}
		}
		if (keys.isEmpty()) {
			keys.add(new SortKey("created_at", false));
		}
		return keys;
	}

	private static boolean direction(String dir) {
		return switch (dir.toLowerCase()) {
			case "asc" -> true;
			case "desc" -> false;
			default -> throw ApiException.badRequest("Invalid input received: Unknown sort direction, must be 'desc' or 'asc'");
		};
	}

	private static int nonNegative(String value, String name) {
		try {
			int n = Integer.parseInt(value.strip());
			if (n < 0) {
				throw ApiException.badRequest(name + " param must be positive");
			}
			return n;
		}
		catch (NumberFormatException ex) {
			throw ApiException.badRequest(name + " param must be an integer");
		}
	}

	/** The href of the next page: the same query with {@code limit} and {@code marker} set. */
	public static String nextHref(ApiRequest req, String path, Map<String, String> query, int limit, String marker) {
		StringBuilder href = new StringBuilder(req.selfUrl(path)).append("?");
		for (Map.Entry<String, String> e : query.entrySet()) {
			if (!e.getKey().equals("limit") && !e.getKey().equals("marker")) {
				href.append(enc(e.getKey())).append('=').append(enc(e.getValue())).append('&');
			}
		}
		return href.append("limit=").append(limit).append("&marker=").append(marker).toString();
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	/** Whether {@code all_tenants} (present and empty, or a true value) asks for every project (admins only). */
	public static boolean allTenants(Map<String, String> query) {
		String v = query.get("all_tenants");
		return v != null && (v.isEmpty() || Set.of("1", "true", "t", "yes", "y", "on").contains(v.toLowerCase()));
	}

	/** Whether a list should carry a next link: the page is full. */
	public boolean pageFull(int returned) {
		return returned > 0 && returned == this.limit;
	}

}
