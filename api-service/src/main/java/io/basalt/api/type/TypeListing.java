package io.basalt.api.type;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.web.ApiException;
import io.basalt.api.web.ListParams;
import io.basalt.api.web.ListParams.SortKey;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cinder's {@code GET /types} over the (small) catalog in memory: the {@code is_public} filter as Cinder's
 * {@code _parse_is_public} (absent: public types, plus for a non-admin the private ones granted to it;
 * {@code none}: all, admins only), the admin's {@code extra_specs} filter (3.52, a dict as JSON or Python
 * literal), sort by {@code id}, {@code name}, {@code description}, {@code is_public}, {@code created_at}
 * (default {@code created_at:desc}, {@code id} the tie-breaker), {@code marker}, {@code limit}, {@code offset}.
 * Stateless and thread-safe.
 */
final class TypeListing {

	static final Set<String> SORT_KEYS = Set.of("id", "name", "description", "is_public", "created_at");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TypeListing() {
	}

	/**
	 * One page of {@code types} (live types in creation order, as {@link VolumeTypeStore#findAll} returns them).
	 * @param filtersAllowed whether the caller may filter by extra specs (an admin at 3.52 or later)
	 */
	static List<VolumeType> page(List<VolumeType> types, ListParams params, boolean filtersAllowed) {
		Map<String, Integer> created = new LinkedHashMap<>();
		for (int i = 0; i < types.size(); i++) {
			created.put(types.get(i).id(), i);
		}
		List<VolumeType> selected = new ArrayList<>(types);
		String specs = params.filters().get("extra_specs");
		if (filtersAllowed && specs != null) {
			Map<String, String> wanted = extraSpecs(specs);
			selected.removeIf(t -> !t.extraSpecs().entrySet().containsAll(wanted.entrySet()));
		}
		List<SortKey> keys = new ArrayList<>(params.sort());
		if (keys.stream().noneMatch(k -> k.key().equals("id"))) {
			keys.add(new SortKey("id", keys.get(keys.size() - 1).ascending()));
		}
		selected.sort(comparator(keys, created));
		int start = 0;
		if (params.marker() != null) {
			int at = -1;
			for (int i = 0; i < selected.size(); i++) {
				if (selected.get(i).id().equals(params.marker())) {
					at = i;
				}
			}
			if (at < 0) {
				throw ApiException.notFound("Volume type " + params.marker() + " could not be found.");
			}
			start = at + 1;
		}
		start = Math.min(selected.size(), start + params.offset());
		int end = (int) Math.min(selected.size(), (long) start + params.limit());
		return List.copyOf(selected.subList(start, end));
	}

	private static Comparator<VolumeType> comparator(List<SortKey> keys, Map<String, Integer> created) {
		Comparator<VolumeType> all = null;
		for (SortKey k : keys) {
			Comparator<VolumeType> one = switch (k.key()) {
				case "name" -> Comparator.comparing(VolumeType::name);
				case "description" -> Comparator.comparing(VolumeType::description,
						Comparator.nullsFirst(Comparator.naturalOrder()));
				case "is_public" -> Comparator.comparing(VolumeType::isPublic);
				case "created_at" -> Comparator.comparing(t -> created.get(t.id()));
				default -> Comparator.comparing(VolumeType::id);
			};
			one = k.ascending() ? one : one.reversed();
			all = (all == null) ? one : all.thenComparing(one);
		}
		return all;
	}

	/** {@code {"k": "v"}} or Cinder's documented {@code {'k': 'v'}}; anything else → 400. */
	static Map<String, String> extraSpecs(String value) {
		try {
			Map<?, ?> parsed = JSON.readValue(value.strip().replace('\'', '"'), Map.class);
			Map<String, String> specs = new LinkedHashMap<>();
			parsed.forEach((k, v) -> specs.put(String.valueOf(k), String.valueOf(v)));
			return specs;
		}
		catch (JacksonException ex) {
			throw ApiException.badRequest("Invalid input received: Invalid filter extra_specs " + value);
		}
	}

}
