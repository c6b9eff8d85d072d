package io.basalt.api.type;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.basalt.api.web.Uuids;
import io.basalt.api.ApiProperties;
import io.basalt.api.web.ApiException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The "api" of volume types: lookups (the default type, and each project's default type id, cached for
 * {@code basalt.api.cache-ttl}), creation, update, deletion and extra specs with Cinder's rules. Thread-safe.
 * <p>
 * Every create that names no type needs its project's default: without the cache that is a database round trip
 * on the create path (≈ 5 % of the api's CPU under {@code bin/bench}). A set or unset through this api is seen at
 * once; through another api replica, within {@code basalt.api.cache-ttl}, as the configured default type.
 */
@Service
public class VolumeTypeService {

	private final VolumeTypeStore types;

	private final DefaultTypeStore projectDefaults;

	private final ApiProperties properties;

	private final Clock clock;

	private volatile CachedType cachedDefault;

	/** Project id → its default type's id (empty: none set), for {@code basalt.api.cache-ttl}. */
	private final Cache<String, Optional<String>> projectDefaultIds;

	public VolumeTypeService(VolumeTypeStore types, DefaultTypeStore projectDefaults, ApiProperties properties,
			Clock clock) {
		this.types = types;
		this.projectDefaults = projectDefaults;
		this.properties = properties;
		this.clock = clock;
		this.projectDefaultIds = Caffeine.newBuilder()
			.expireAfterWrite(properties.cacheTtl())
			.maximumSize(10_000)
			.ticker(() -> clock.millis() * 1_000_000L)
			.build();
	}

	/**
	 * The type a create of {@code projectId} naming none gets, as Cinder's {@code get_default_volume_type}: the
	 * project's default (default-types, 3.62) if set and live, else the configured one.
	 */
	public VolumeType defaultType(String projectId) {
		Optional<String> typeId = this.projectDefaultIds.get(projectId,
				p -> this.projectDefaults.find(p).map(DefaultTypeStore.DefaultType::volumeTypeId));
		return typeId.flatMap(this.types::findById).orElseGet(this::defaultType);
	}

	/** Sets {@code projectId}'s default to the type {@code nameOrId}; an unknown type → 400, as Cinder. */
	@Transactional
	public DefaultTypeStore.DefaultType setProjectDefault(String projectId, String nameOrId) {
		checkProjectId(projectId);
		VolumeType type = this.types.findByNameOrId(nameOrId).orElseThrow(() -> {
			ApiException notFound = notFound(nameOrId);
			return ApiException.badRequest(notFound.getMessage());
		});
		DefaultTypeStore.DefaultType set = this.projectDefaults.set(projectId, type.id());
		this.projectDefaultIds.invalidate(projectId);
		return set;
	}

	public java.util.Optional<DefaultTypeStore.DefaultType> projectDefault(String projectId) {
		checkProjectId(projectId);
		return this.projectDefaults.find(projectId);
	}

	public java.util.List<DefaultTypeStore.DefaultType> projectDefaults() {
		return this.projectDefaults.findAll();
	}

	@Transactional
	public void unsetProjectDefault(String projectId) {
		checkProjectId(projectId);
		this.projectDefaults.unset(projectId);
		this.projectDefaultIds.invalidate(projectId);
	}

	private static void checkProjectId(String projectId) {
		if (projectId.length() > 255) {
			throw ApiException.badRequest("Invalid input received: project id is longer than 255 characters.");
		}
	}

	/** The configured default type (Cinder's {@code default_volume_type}); a missing one is a server error. */
	public VolumeType defaultType() {
		CachedType cached = this.cachedDefault;
		Instant now = this.clock.instant();
		if (cached != null && now.isBefore(cached.expires())) {
			return cached.type();
		}
		VolumeType type = this.types.findByName(this.properties.defaultVolumeType())
			.orElseThrow(() -> new IllegalStateException(
					"Default volume type " + this.properties.defaultVolumeType() + " is not found"));
		this.cachedDefault = new CachedType(type, now.plus(this.properties.cacheTtl()));
		return type;
	}

	/** Drops the cached default type (its QoS association or specs changed elsewhere). */
	public void forgetCachedDefault() {
		this.cachedDefault = null;
	}

	/** A type by name or id; 404 with Cinder's message if unknown. */
	public VolumeType find(String nameOrId) {
		VolumeType byCache = this.cachedDefault != null ? this.cachedDefault.type() : null;
		if (byCache != null && (byCache.name().equals(nameOrId) || byCache.id().equals(nameOrId))
				&& this.clock.instant().isBefore(this.cachedDefault.expires())) {
			return byCache;
		}
		return this.types.findByNameOrId(nameOrId).orElseThrow(() -> notFound(nameOrId));
	}

	/**
	 * A type by name or id as {@code projectId} may use it: a private type only for an admin or a project it was
	 * granted to (os-volume-type-access); anyone else gets the same 404 as for an unknown type.
	 */
	public VolumeType findUsable(String nameOrId, String projectId, boolean admin) {
		VolumeType type = find(nameOrId);
		if (!admin && !type.isPublic() && !this.types.hasAccess(type.id(), projectId)) {
			throw notFound(nameOrId);
		}
		return type;
	}

	/** Live types a non-admin of {@code projectId} sees: public ones and private ones granted to it. */
	public java.util.List<VolumeType> listVisible(String projectId) {
		return this.types.findVisible(projectId);
	}

	/** The projects granted the private type {@code id}; 404 for a public type, as Cinder. */
	public java.util.List<String> accessList(String id) {
		VolumeType type = get(id);
		if (type.isPublic()) {
			throw ApiException.notFound("Access list not available for public volume types.");
		}
		return this.types.accessList(type.id());
	}

	/** Grants {@code projectId} the private type {@code id}: 409 if granted already, 400 on a public type. */
	public void addAccess(String id, String projectId) {
		VolumeType type = get(id);
		if (type.isPublic()) {
			throw ApiException.badRequest("Invalid volume type: Type access modification is not applicable to public "
					+ "volume type.");
		}
		if (!this.types.addAccess(type.id(), projectId)) {
			throw ApiException.conflict("Volume type access for " + type.id() + " / " + projectId
					+ " combination already exists.");
		}
	}

	/** Revokes {@code projectId}'s access to {@code id}: 404 if it had none. */
	public void removeAccess(String id, String projectId) {
		VolumeType type = get(id);
		if (type.isPublic()) {
			throw ApiException.badRequest("Invalid volume type: Type access modification is not applicable to public "
					+ "volume type.");
		}
		if (!this.types.removeAccess(type.id(), projectId)) {
			throw ApiException.notFound("Volume type access not found for " + type.id() + " / " + projectId
					+ " combination.");
		}
	}

	/** Live types, public ones only when {@code publicOnly} is true, all when null. */
	public java.util.List<VolumeType> list(Boolean publicOnly) {
		return this.types.findAll(publicOnly);
	}

	/** A type by id; 404 if unknown. */
	public VolumeType get(String id) {
		return this.types.findById(id).orElseThrow(() -> ApiException.notFound("Volume type " + id + " could not be found."));
	}

	@Transactional
	public VolumeType create(String name, String description, boolean isPublic, Map<String, String> extraSpecs) {
		if (this.types.findByName(name).isPresent()) {
			throw ApiException.conflict("Volume Type " + name + " already exists.");
		}
		try {
			return this.types.insert(name, description, isPublic, extraSpecs);
		}
		catch (DataIntegrityViolationException ex) {
			throw ApiException.conflict("Volume Type " + name + " already exists.");
		}
	}

	@Transactional
	public VolumeType update(String id, String name, String description, Boolean isPublic) {
		VolumeType type = get(id);
		if (name != null && !name.equals(type.name()) && this.types.findByName(name).isPresent()) {
			throw ApiException.conflict("Volume Type " + name + " already exists.");
		}
		if (name != null && type.name().equals(this.properties.defaultVolumeType()) && !name.equals(type.name())) {
			throw ApiException.badRequest("The default volume type can not be renamed.");
		}
		try {
			this.types.update(id, name, description, isPublic);
		}
		catch (DataIntegrityViolationException ex) {
			throw ApiException.conflict("Volume Type " + name + " already exists.");
		}
		this.cachedDefault = null;
		return get(id);
	}

	@Transactional
	public void delete(String id) {
		VolumeType type = get(id);
		if (type.name().equals(this.properties.defaultVolumeType())) {
			throw ApiException.badRequest("Default volume type can not be deleted.");
		}
		if (this.projectDefaults.isDefaultOfAProject(type.id())) {
			throw ApiException.badRequest("The volume type " + type.id() + " is a default volume type and cannot be "
					+ "deleted.");
		}
		if (this.types.inUse(id)) {
			throw ApiException.badRequest("Target volume type is still in use.");
		}
		if (this.types.countLive() <= 1) {
			throw ApiException.badRequest("Target volume type is the last one and can not be deleted.");
		}
		this.types.softDelete(id);
		this.cachedDefault = null;
	}

	@Transactional
	public Map<String, String> putSpecs(String id, Map<String, String> specs) {
		get(id);
		if (this.types.inUse(id)) {
			throw ApiException.badRequest("Volume Type is currently in use.");
		}
		checkMultiattachCacheable(this.types.extraSpecs(id), specs);
		this.types.upsertSpecs(id, specs);
		this.cachedDefault = null;
		return specs;
	}

	public Map<String, String> specs(String id) {
		get(id);
		return this.types.extraSpecs(id);
	}

	public String spec(String id, String key) {
		Map<String, String> specs = specs(id);
		if (!specs.containsKey(key)) {
			throw ApiException.notFound("Volume Type " + id + " has no extra specs with key " + key + ".");
		}
		return specs.get(key);
	}

	@Transactional
	public void deleteSpec(String id, String key) {
		get(id);
		if (this.types.inUse(id)) {
			throw ApiException.badRequest("Volume Type is currently in use.");
		}
		if (!this.types.deleteSpec(id, key)) {
			throw ApiException.notFound("Volume Type " + id + " has no extra specs with key " + key + ".");
		}
		this.cachedDefault = null;
	}

	private static void checkMultiattachCacheable(Map<String, String> existing, Map<String, String> added) {
		var merged = new java.util.HashMap<>(existing);
		merged.putAll(added);
		if ("<is> True".equals(merged.get("multiattach")) && "<is> True".equals(merged.get("cacheable"))) {
			throw ApiException.badRequest("multiattach and cacheable options cannot both be enabled.");
		}
	}

	private static ApiException notFound(String nameOrId) {
		return (Uuids.parse(nameOrId) != null)
				? ApiException.notFound("Volume type " + nameOrId + " could not be found.")
				: ApiException.notFound("Volume type with name " + nameOrId + " could not be found.");
	}

	private record CachedType(VolumeType type, Instant expires) {
	}

}
