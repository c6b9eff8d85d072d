package io.basalt.api.flow;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.basalt.api.group.GroupApi;
import io.basalt.api.group.GroupRecord;
import io.basalt.api.group.GroupStore;
import io.basalt.api.service.AvailabilityZones;
import io.basalt.api.type.VolumeType;
import io.basalt.api.type.VolumeTypeService;
import io.basalt.api.volume.VolumeLookup;
import io.basalt.api.volume.VolumeRecord;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.RequestBodies;
import io.basalt.common.scheduler.SchedulerHints;
import io.basalt.common.scheduler.TypeAvailabilityZones;
import io.basalt.common.state.GroupStatus;
import io.basalt.common.state.SnapshotStatus;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.state.WireStatus;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.stereotype.Component;

/**
 * Task 1: turns the request body into a {@link CreateVolumeRequest} (Cinder's {@code ExtractVolumeRequestTask}
 * plus the JSON schema of {@code POST /volumes}): size, name/description, type (by name or id, 404 if unknown),
 * availability zone (400 if unknown), metadata, sources, scheduler hints resolved to backends. Nothing to
 * revert: it changes nothing.
 */
@Component
class ExtractVolumeRequest implements FlowTask {

	static final long MAX_SIZE = 2147483647L;

	/** The keys of a 3.53+ create body (anything else → 400). */
	private static final Set<String> KEYS = Set.of("name", "description", "display_name", "display_description",
			"size", "availability_zone", "source_volid", "snapshot_id", "volume_type", "metadata",
			"consistencygroup_id", "imageRef", "image_id", "backup_id", "group_id", "multiattach");

	private static final String HINTS = "OS-SCH-HNT:scheduler_hints";

	private final VolumeTypeService types;

	private final AvailabilityZones zones;

	private final VolumeLookup volumes;

	private final GroupStore groups;

	ExtractVolumeRequest(VolumeTypeService types, AvailabilityZones zones, VolumeLookup volumes, GroupStore groups) {
		this.groups = groups;
		this.types = types;
		this.zones = zones;
		this.volumes = volumes;
	}

	@Override
	public void execute(CreateVolumeContext context) {
		Map<String, Object> v = RequestBodies.element(context.body, "volume");
		if (context.request.version().atLeast(53)) {
			RequestBodies.onlyKeys(v, KEYS);
		}
		String name = RequestBodies.string(v, v.containsKey("name") ? "name" : "display_name", 0, 255, true);
		String description = RequestBodies.string(v,
				v.containsKey("description") ? "description" : "display_description", 0, 255, true);
		Map<String, String> metadata = RequestBodies.stringMap(v, "metadata", true);
		Boolean multiattach = RequestBodies.bool(v, "multiattach");
		String zone = RequestBodies.string(v, "availability_zone", 1, 255, false);
		String typeName = RequestBodies.string(v, "volume_type", 0, 255, false);
		if (v.get("imageRef") != null || v.get("image_id") != null || v.get("backup_id") != null) {
			throw ApiException.badRequest("Invalid input received: creating a volume from an image or a backup is not supported.");
		}
		Long size = size(v.get("size"));
		String projectId = context.request.projectId();
		VolumeRecord source = null;
		String sourceHost = null;
		String snapshotId = RequestBodies.string(v, "snapshot_id", 1, 36, false);
		if (snapshotId != null) {
			VolumeLookup.SnapshotSource snap = this.volumes.snapshotSource(snapshotId, projectId);
			if (!SnapshotStatus.AVAILABLE.is(snap.status())) {
				throw ApiException.badRequest("Invalid input received: Originating snapshot status must be one of 'available' values");
			}
			size = checkAtLeast(size, snap.size(), "snapshot");
			zone = (zone != null) ? zone : snap.availabilityZone();
			sourceHost = snap.host();
		}
		String sourceVolid = RequestBodies.string(v, "source_volid", 1, 36, false);
		if (sourceVolid != null) {
			source = this.volumes.get(sourceVolid, projectId);
			if (!WireStatus.isIn(source.status(), VolumeStatus.CLONABLE)) {
				throw ApiException.badRequest("Invalid input received: Unable to create a volume from an originating source volume when its status is not one of 'available', 'in-use' values");
			}
			size = checkAtLeast(size, source.size(), "source volume");
			zone = (zone != null) ? zone : source.availabilityZone();
			sourceHost = source.host();
		}
		if (size == null) {
			// What Cinder answers (webob's default text) when no size can be found.
			throw ApiException.badRequest("The server could not comply with the request since it is either "
					+ "malformed or otherwise incorrect.");
		}
		VolumeType type = (typeName != null && !typeName.isEmpty())
				? this.types.findUsable(typeName, projectId, context.request.isAdmin())
				: (source != null) ? this.types.find(source.volumeTypeId()) : this.types.defaultType(projectId);
		checkTypeSizeLimits(type, size);
		if (zone != null && !this.zones.isKnown(zone)) {
			throw invalidZone(zone);
		}
		SchedulerHints hints = sourceBackend(hints(context, projectId), sourceHost);
		String groupId = null;
		if (context.request.version().atLeast(13) && v.get("group_id") != null) {
			GroupRecord group = group(v.get("group_id"), context);
			if (!group.volumeTypeIds().contains(type.id())) {
				throw ApiException.badRequest("Invalid input received: Invalid volume_type provided: " + type.id()
						+ " (requested type must be supported by this group).");
			}
			groupId = group.id();
			// the group's volumes live on the group's backend (Cinder's group_backend in the request spec)
			List<String> same = new ArrayList<>(hints.sameBackendAs());
			same.add(group.host());
			hints = new SchedulerHints(same, hints.differentBackendFrom());
			zone = group.availabilityZone();
		}
		List<String> candidates = candidateZones(zone, type);
		context.volumeRequest = new CreateVolumeRequest(name, description, size.intValue(), type, candidates.get(0),
				(metadata != null) ? metadata : Map.of(), snapshotId, sourceVolid,
				Boolean.TRUE.equals(multiattach), hints, groupId, zone == null && candidates.size() > 1);
	}

	/**
	 * The zones the volume may be created in (Cinder's {@code _extract_availability_zones}): the one asked for or
	 * inherited from the source, snapshot or group (known, checked before); else, when the type names zones
	 * ({@code RESKEY:availability_zones}), those of them that exist here, in the type's order, for the scheduler to
	 * choose from; else the default zone. A zone outside the type's, or a type none of whose zones exists, is a
	 * 400 with Cinder's message.
	 */
	private List<String> candidateZones(String zone, VolumeType type) {
		List<String> typeZones = TypeAvailabilityZones.of(type.extraSpecs());
		if (typeZones == null) {
			return List.of((zone != null) ? zone : this.zones.defaultZone());
		}
		List<String> known = typeZones.stream().filter(this.zones::isKnown).toList();
		if (known.isEmpty()) {
			throw ApiException.badRequest("Volume type is only supported in these availability zones: "
					+ typeZones.stream().map(z -> "'" + z + "'").collect(Collectors.joining(", ", "[", "]")));
		}
		if (zone == null) {
			return known;
		}
		if (!known.contains(zone)) {
			throw invalidZone(zone);
		}
		return List.of(zone);
	}

	private static ApiException invalidZone(String zone) {
		return ApiException.badRequest("Availability zone '" + zone + "' is invalid.");
	}

	/** The live group {@code raw} names, which must be placed and {@code available}; 404 if unknown. */
	private GroupRecord group(Object raw, CreateVolumeContext context) {
		if (!(raw instanceof String id)) {
			throw RequestBodies.invalid("group_id", raw, raw + " is not of type 'string'");
		}
		GroupRecord group = this.groups.find(id, context.request.isAdmin() ? null : context.request.projectId())
			.orElseThrow(() -> GroupApi.notFound(id));
		if (group.host() == null || !GroupStatus.AVAILABLE.is(group.status())) {
			throw ApiException.badRequest("Invalid input received: Group " + id + " status must be available, but "
					+ "current status is: " + group.status() + ".");
		}
		return group;
	}

	/** Cinder's size schema ({@code integer} or digit string, 1..2147483647) and its zero check; null if absent. */
	static Long size(Object raw) {
		if (raw == null) {
			return null;
		}
		BigInteger value;
		if (raw instanceof Integer || raw instanceof Long || raw instanceof BigInteger || raw instanceof Short) {
			value = new BigInteger(raw.toString());
		}
		else if (raw instanceof String text) {
			if (!text.matches("^[0-9]+$")) {
				throw RequestBodies.invalid("size", text, "'" + text + "' does not match '^[0-9]+$'");
			}
			value = new BigInteger(text);
			if (value.signum() == 0) {
				throw ApiException.badRequest("Invalid input received: Invalid volume size provided for create "
						+ "request: " + text + " (size argument must be an integer (or string representation of an "
						+ "integer) and greater than zero).");
			}
		}
		else {
			String shown = (raw instanceof Boolean b) ? (b ? "True" : "False") : raw.toString();
			throw RequestBodies.invalid("size", shown, shown + " is not of type 'integer', 'string', 'null'");
		}
		if (value.compareTo(BigInteger.ONE) < 0) {
			throw RequestBodies.invalid("size", value, value + " is less than the minimum of 1");
		}
		if (value.compareTo(BigInteger.valueOf(MAX_SIZE)) > 0) {
			throw RequestBodies.invalid("size", value, value + " is greater than the maximum of " + MAX_SIZE);
		}
		return value.longValue();
	}

	private static Long checkAtLeast(Long size, int sourceSize, String what) {
		if (size == null) {
			return (long) sourceSize;
		}
		if (size < sourceSize) {
			throw ApiException.badRequest("Invalid input received: Volume size '" + size + "'GB cannot be smaller "
					+ "than the " + what + " size " + sourceSize + "GB.");
		}
		return size;
	}

	private static void checkTypeSizeLimits(VolumeType type, long size) {
		String min = type.extraSpecs().get("provisioning:min_vol_size");
		String max = type.extraSpecs().get("provisioning:max_vol_size");
		if (min != null && min.matches("\\d+") && size < Long.parseLong(min)) {
			throw ApiException.badRequest("Invalid input received: Volume size " + size + "GB is smaller than the "
					+ "minimum size " + min + "GB of volume type " + type.name() + ".");
		}
		if (max != null && max.matches("\\d+") && size > Long.parseLong(max)) {
			throw ApiException.badRequest("Invalid input received: Volume size " + size + "GB is larger than the "
					+ "maximum size " + max + "GB of volume type " + type.name() + ".");
		}
	}

	/** {@code same_host}/{@code different_host} volume ids → their backends. */
	/**
	 * A copy is made by the backend holding its source (Cinder's {@code resource_backend}): the source's backend
	 * joins the same-backend hint, so that the scheduler's filters check that backend and no other.
	 */
	private static SchedulerHints sourceBackend(SchedulerHints hints, String sourceHost) {
		if (sourceHost == null) {
			return hints;
		}
		List<String> same = new ArrayList<>(hints.sameBackendAs());
		same.add(VolumeRpcApi.backendOf(sourceHost));
		return new SchedulerHints(same, hints.differentBackendFrom());
	}

	private SchedulerHints hints(CreateVolumeContext context, String projectId) {
		Object raw = context.body.get(HINTS);
		if (raw == null) {
			return SchedulerHints.NONE;
		}
		if (!(raw instanceof Map<?, ?> hints)) {
			throw RequestBodies.invalid(HINTS, raw, raw + " is not of type 'object'");
		}
		return new SchedulerHints(backends(hints.get("same_host"), projectId),
				backends(hints.get("different_host"), projectId));
	}

	private List<String> backends(Object ids, String projectId) {
		if (ids == null) {
			return List.of();
		}
		List<String> volumeIds = new ArrayList<>();
		if (ids instanceof String id) {
			volumeIds.add(id);
		}
		else if (ids instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
			list.forEach(id -> volumeIds.add((String) id));
		}
		else {
			throw RequestBodies.invalid("scheduler_hints", ids, ids + " is not of type 'string', 'array'");
		}
		Map<String, String> hosts = this.volumes.hostsOf(volumeIds, projectId);
		List<String> backends = new ArrayList<>();
		for (String id : volumeIds) {
			if (!hosts.containsKey(id)) {
				throw ApiException.notFound("Volume " + id + " could not be found.");
			}
			String host = hosts.get(id);
			if (host != null) {
				backends.add(VolumeRpcApi.backendOf(host));
			}
		}
		return backends;
	}

}
