package io.basalt.common.db;

import java.util.Map;

import jakarta.persistence.criteria.MapJoin;
import jakarta.persistence.criteria.Subquery;

import org.springframework.data.jpa.domain.Specification;

/**
 * {@link Specification}s for {@link VolumeRepository}: one per list filter, and {@link #matching(VolumeFilter)}
 * combining them. Stateless.
 */
public final class VolumeSpecifications {

	private VolumeSpecifications() {
	}

	/** All of the filter's non-null conditions, AND-ed. */
	public static Specification<Volume> matching(VolumeFilter filter) {
		Specification<Volume> spec = filter.includeDeleted() ? Specification.unrestricted() : notDeleted();
		spec = and(spec, filter.projectId(), VolumeSpecifications::projectId);
		spec = and(spec, filter.status(), VolumeSpecifications::status);
		spec = and(spec, filter.name(), VolumeSpecifications::name);
		spec = and(spec, filter.availabilityZone(), VolumeSpecifications::availabilityZone);
		spec = and(spec, filter.host(), v -> attribute("host", v));
		spec = and(spec, filter.bootable(), v -> attribute("bootable", v));
		spec = and(spec, filter.volumeTypeId(), v -> attribute("volumeTypeId", v));
		for (Map.Entry<String, String> entry : filter.metadata().entrySet()) {
			spec = spec.and(metadata(entry.getKey(), entry.getValue()));
		}
		return spec;
	}

	public static Specification<Volume> notDeleted() {
		return (root, query, cb) -> cb.isFalse(root.get("deleted"));
	}

	public static Specification<Volume> projectId(String projectId) {
		return attribute("projectId", projectId);
	}

	public static Specification<Volume> status(String status) {
		return attribute("status", status);
	}

	public static Specification<Volume> name(String displayName) {
		return attribute("displayName", displayName);
	}

	public static Specification<Volume> availabilityZone(String zone) {
		return attribute("availabilityZone", zone);
	}

	/** Volumes having metadata {@code key = value} (an EXISTS subquery, so pagination stays per volume). */
	public static Specification<Volume> metadata(String key, String value) {
		return (root, query, cb) -> {
			Subquery<Integer> sub = query.subquery(Integer.class);
			var inner = sub.from(Volume.class);
			MapJoin<Volume, String, String> meta = inner.joinMap("metadata");
			sub.select(cb.literal(1))
				.where(cb.equal(inner, root), cb.equal(meta.key(), key), cb.equal(meta.value(), value));
			return cb.exists(sub);
		};
	}

	private static Specification<Volume> attribute(String attribute, Object value) {
		return (root, query, cb) -> cb.equal(root.get(attribute), value);
	}

	private static <T> Specification<Volume> and(Specification<Volume> spec, T value,
			java.util.function.Function<T, Specification<Volume>> condition) {
		return value == null ? spec : spec.and(condition.apply(value));
	}

}
