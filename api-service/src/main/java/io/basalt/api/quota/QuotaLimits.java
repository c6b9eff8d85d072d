package io.basalt.api.quota;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.ApiProperties;
import io.basalt.api.ApiProperties.QuotaDefaults;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Resolves quota limits: the project's own {@code quotas} row (or, for a quota class, the class's row), else the
 * {@code default} quota class, else the configured defaults (per-type resources: {@code basalt.api.quota.per-type}). Thread-safe.
 */
@Component
public class QuotaLimits {

	/** The project-wide resources, in Cinder's display order. */
	public static final List<String> GLOBAL = List.of("volumes", "per_volume_gigabytes", "snapshots", "gigabytes",
			"backups", "backup_gigabytes", "groups");

	private static final List<String> PER_TYPE_PREFIXES = List.of("volumes_", "gigabytes_", "snapshots_");

	private final JdbcTemplate jdbc;

	private final QuotaDefaults defaults;

	public QuotaLimits(JdbcTemplate jdbc, ApiProperties properties) {
		this.jdbc = jdbc;
		this.defaults = properties.quota();
	}

	/** All resource names for the current volume types, in Cinder's display order. */
	public List<String> resources() {
		List<String> types = this.jdbc.queryForList(
				"SELECT name FROM volume_types WHERE NOT deleted ORDER BY created_at, name", String.class);
		List<String> names = new ArrayList<>(GLOBAL.subList(0, 6));
		for (String type : types) {
			for (String prefix : PER_TYPE_PREFIXES) {
				names.add(prefix + type);
			}
		}
		names.add("groups");
		return names;
	}

	/** Whether {@code resource} names a known resource. */
	public boolean isKnown(String resource) {
		return resources().contains(resource);
	}

	/** The configured default of a resource. */
	public int configDefault(String resource) {
		return switch (resource) {
			case "volumes" -> this.defaults.volumes();
			case "snapshots" -> this.defaults.snapshots();
			case "gigabytes" -> this.defaults.gigabytes();
			case "backups" -> this.defaults.backups();
			case "backup_gigabytes" -> this.defaults.backupGigabytes();
			case "groups" -> this.defaults.groups();
			case "per_volume_gigabytes" -> this.defaults.perVolumeGigabytes();
			default -> this.defaults.perType();
		};
	}

	/** The defaults of every resource: class {@code default}, else configuration. */
	public Map<String, Integer> defaults(List<String> resources) {
		return resolve(resources, Map.of(), classLimits("default"));
	}

	/**
	 * The limits of quota class {@code className} (Cinder's {@code get_class_quotas} with defaults): the class's
	 * own row, else the {@code default} class's, else the configured default.
	 */
	public Map<String, Integer> classLimits(String className, List<String> resources) {
		return resolve(resources, className.equals("default") ? Map.of() : classLimits(className),
				classLimits("default"));
	}

	/**
	 * The effective limits of a project for the given resources: one query reads the project's own rows and the
	 * {@code default} class together (this runs in every create's transaction).
	 */
	public Map<String, Integer> limits(String projectId, List<String> resources) {
		Map<String, Integer> own = new HashMap<>();
		Map<String, Integer> classLimits = new HashMap<>();
		this.jdbc.query("""
				SELECT resource, hard_limit, true FROM quotas WHERE project_id = ?
				UNION ALL
				SELECT resource, hard_limit, false FROM quota_classes WHERE class_name = 'default'""",
				rs -> {
					(rs.getBoolean(3) ? own : classLimits).put(rs.getString(1), rs.getInt(2));
				}, projectId);
		return resolve(resources, own, classLimits);
	}

	/** Per resource: the project's own limit, else the {@code default} class's, else the configured default. */
	private Map<String, Integer> resolve(List<String> resources, Map<String, Integer> own,
			Map<String, Integer> classLimits) {
		Map<String, Integer> result = new LinkedHashMap<>();
		for (String r : resources) {
			Integer limit = own.get(r);
			if (limit == null) {
				limit = classLimits.get(r);
			}
			result.put(r, (limit != null) ? limit : configDefault(r));
		}
		return result;
	}

	/** The project's own rows only. */
	public Map<String, Integer> projectOverrides(String projectId) {
		Map<String, Integer> own = new HashMap<>();
		this.jdbc.query("SELECT resource, hard_limit FROM quotas WHERE project_id = ?",
				rs -> {
					own.put(rs.getString(1), rs.getInt(2));
				}, projectId);
		return own;
	}

	private Map<String, Integer> classLimits(String className) {
		Map<String, Integer> limits = new HashMap<>();
		this.jdbc.query("SELECT resource, hard_limit FROM quota_classes WHERE class_name = ?",
				rs -> {
					limits.put(rs.getString(1), rs.getInt(2));
				}, className);
		return limits;
	}

}
