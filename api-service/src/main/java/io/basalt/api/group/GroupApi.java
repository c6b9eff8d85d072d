package io.basalt.api.group;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.basalt.api.quota.QuotaEngine;
import io.basalt.api.service.AvailabilityZones;
import io.basalt.api.type.VolumeType;
import io.basalt.api.type.VolumeTypeService;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.Timestamps;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.GroupSpec;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerHints;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.common.state.GroupStatus;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.state.WireStatus;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The api side of generic volume groups (Cinder's {@code group/api.py}): validation, quota {@code groups} in the
 * transaction that inserts the row, the guarded status changes, and in the same transaction the cast (scheduler
 * {@code create_group}; volume {@code delete_group}, {@code update_group}, {@code create_group_from_src}) through
 * the outbox ({@code io.basalt.api.outbox.CastOutbox}): the request succeeds and its change stays even while the
 * broker is away (the outbox relay sends the cast later). Thread-safe.
 */
@Service
public class GroupApi {

	private final GroupStore groups;

	private final GroupTypeStore groupTypes;

	private final VolumeTypeService volumeTypes;

	private final AvailabilityZones zones;

	private final QuotaEngine quotas;

	private final SchedulerRpcApi scheduler;

	private final VolumeRpcApi volumeRpc;

	private final TransactionOperations transactions;

	private final Clock clock;

	GroupApi(GroupStore groups, GroupTypeStore groupTypes, VolumeTypeService volumeTypes, AvailabilityZones zones,
			QuotaEngine quotas, SchedulerRpcApi scheduler, VolumeRpcApi volumeRpc, TransactionOperations transactions,
			Clock clock) {
		this.groups = groups;
		this.groupTypes = groupTypes;
		this.volumeTypes = volumeTypes;
		this.zones = zones;
		this.quotas = quotas;
		this.scheduler = scheduler;
		this.volumeRpc = volumeRpc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A group the caller may see, else 404. */
	public GroupRecord get(ApiRequest req, String id) {
		return this.groups.find(id, req.isAdmin() ? null : req.projectId()).orElseThrow(() -> notFound(id));
	}

	public static ApiException notFound(String id) {
		return ApiException.notFound("Group " + id + " could not be found.");
	}

	/** Creates a group (status {@code creating}) and asks a scheduler to place it. */
	public GroupRecord create(ApiRequest req, String name, String description, String groupTypeRef,
			List<String> volumeTypeRefs, String zone) {
		GroupType groupType = this.groupTypes.findByNameOrId(groupTypeRef)
			.filter(t -> t.isPublic() || req.isAdmin())
			.orElseThrow(() -> GroupTypeController.notFound(groupTypeRef));
		List<VolumeType> types = new ArrayList<>();
		for (String ref : volumeTypeRefs) {
			VolumeType type = this.volumeTypes.findUsable(ref, req.projectId(), req.isAdmin());
			if (types.stream().noneMatch(t -> t.id().equals(type.id()))) {
				types.add(type);
			}
		}
		String az = (zone != null) ? zone : this.zones.defaultZone();
		if (!this.zones.isKnown(az)) {
			throw ApiException.badRequest("Invalid input received: Availability zone '" + az + "' is invalid.");
		}
		GroupRecord group = new GroupRecord(UUID.randomUUID().toString(), req.projectId(), req.context().userId(),
				name, description, GroupStatus.CREATING.wire(), az, null, groupType.id(), null, null, Timestamps.dbNow(this.clock),
				types.stream().map(VolumeType::id).toList());
		GroupSpec spec = new GroupSpec(group.id(), groupType.id(), groupType.groupSpecs(),
				types.stream().map(VolumeType::toSpec).toList());
		VolumeTypeSpec first = spec.volumeTypes().get(0);
		RequestSpec request = new RequestSpec(null, req.projectId(), 0, first, az, null, null, SchedulerHints.NONE,
				spec);
		// the row, its quota and the cast (through the outbox) commit together
		this.transactions.executeWithoutResult(t -> {
			this.quotas.commit(this.quotas.reserve(group.projectId(), Map.of("groups", 1)));
			this.groups.insert(group);
			this.scheduler.createGroup(req.context(), request, FilterProperties.FIRST_ATTEMPT);
		});
		return group;
	}

	/**
	 * Name, description, and the volumes to add and remove ({@code available} → {@code updating}, cast
	 * {@code update_group}); only a rename changes the row at once when no volume moves.
	 */
	public void update(ApiRequest req, GroupRecord group, String name, String description, List<String> add,
			List<String> remove) {
		if (!GroupStatus.AVAILABLE.is(group.status())) {
			throw ApiException.badRequest("Invalid group: Group status must be available, but current status is: "
					+ group.status() + ".");
		}
		checkMembers(group, add, remove);
		if (add.isEmpty() && remove.isEmpty()) {
			this.groups.rename(group.id(), name, description, now());
			return;
		}
		this.transactions.executeWithoutResult(t -> {
			if (!this.groups.transition(group.id(), List.of(GroupStatus.AVAILABLE.wire()), GroupStatus.UPDATING.wire(),
					now())) {
				throw ApiException.badRequest("Invalid group: Group status changed concurrently; retry.");
			}
			this.groups.rename(group.id(), name, description, now());
			this.volumeRpc.updateGroup(req.context(), group.host(), group.id(), add, remove);
		});
	}

	private void checkMembers(GroupRecord group, List<String> add, List<String> remove) {
		List<String> all = new ArrayList<>(add);
		all.addAll(remove);
		Map<String, GroupStore.VolumeRow> rows = this.groups.volumes(all);
		for (String id : add) {
			GroupStore.VolumeRow v = rows.get(id);
			if (v == null || !v.projectId().equals(group.projectId())) {
				throw ApiException.badRequest("Invalid volume: Cannot add volume " + id + " to group " + group.id()
						+ " because volume cannot be found.");
			}
			if (group.id().equals(v.groupId())) {
				continue;
			}
			if (v.groupId() != null) {
				throw ApiException.badRequest("Invalid volume: Volume " + id + " is already in a group.");
			}
			if (!WireStatus.isIn(v.status(), VolumeStatus.GROUP_ADDABLE)) {
				throw ApiException.badRequest("Invalid volume: Cannot add volume " + id + " to group " + group.id()
						+ " because volume is in an invalid state: " + v.status()
						+ ". Valid states are: ('available', 'in-use').");
			}
			if (!group.volumeTypeIds().contains(v.volumeTypeId())) {
				throw ApiException.badRequest("Invalid volume: Cannot add volume " + id + " to group " + group.id()
						+ " because volume type " + v.volumeTypeId() + " is not supported by the group.");
			}
			if (v.host() == null || !VolumeRpcApi.backendOf(v.host()).equals(group.host())) {
				throw ApiException.badRequest("Invalid volume: Cannot add volume " + id + " to group " + group.id()
						+ " because volume host is not the group's backend " + group.host() + ".");
			}
		}
		for (String id : remove) {
			GroupStore.VolumeRow v = rows.get(id);
			if (v == null || !group.id().equals(v.groupId())) {
				throw ApiException.badRequest("Invalid volume: Cannot remove volume " + id + " from group "
						+ group.id() + " because it is not in the group.");
			}
		}
	}

	/** The {@code delete} action: group (and with {@code deleteVolumes} its volumes) → {@code deleting}. */
	public void delete(ApiRequest req, GroupRecord group, boolean deleteVolumes) {
		if (group.host() == null
				&& WireStatus.isIn(group.status(), EnumSet.of(GroupStatus.CREATING, GroupStatus.ERROR))
				&& this.groups.volumeIds(group.id()).isEmpty()) {
			// never placed: nothing on any backend
			this.groups.deleteUnplaced(group.id(), now());
			return;
		}
		if (!WireStatus.isIn(group.status(), GroupStatus.DELETABLE)) {
			throw ApiException.badRequest("Invalid group: Group status must be available or error, but current "
					+ "status is: " + group.status());
		}
		if (this.groups.hasSnapshots(group.id())) {
			throw ApiException.badRequest("Invalid group: Group " + group.id()
					+ " still has dependent group snapshots.");
		}
		boolean hasVolumes = !this.groups.volumeIds(group.id()).isEmpty();
		if (hasVolumes && !deleteVolumes) {
			throw ApiException.badRequest("Invalid group: Group " + group.id() + " still contains volumes. The "
					+ "delete-volumes flag is required to delete it.");
		}
		if (hasVolumes) {
			String reason = this.groups.undeletableVolume(group.id());
			if (reason != null) {
				throw ApiException.badRequest("Invalid volume: " + reason);
			}
		}
		this.transactions.executeWithoutResult(t -> {
			if (!this.groups.markDeleting(group.id(), hasVolumes, now())) {
				throw ApiException.badRequest("Invalid group: Group status changed concurrently; retry.");
			}
			this.volumeRpc.deleteGroup(req.context(), group.host(), group.id());
		});
	}

	/** Admin {@code reset_status} (3.20): any status in Cinder's list, no cast. */
	public void resetStatus(GroupRecord group, String status) {
		if (status == null || !WireStatus.isIn(status.toLowerCase(), GroupStatus.RESETTABLE)) {
			throw ApiException.badRequest("Invalid input received: Group status: " + status + " is invalid.");
		}
		this.groups.transition(group.id(), List.of(), status.toLowerCase(), now());
	}

	/**
	 * {@code enable_replication}, {@code disable_replication}, {@code failover_replication},
	 * {@code list_replication_targets} (3.38): Cinder refuses them for a group whose type is not a replication
	 * group type; Basalt's drivers have no replication, so a replication type is refused by the backend's
	 * answer Cinder gives for such drivers.
	 */
	public void replication(GroupRecord group, String action) {
		GroupType type = this.groupTypes.findById(group.groupTypeId()).orElse(null);
		String enabled = (type != null) ? type.groupSpecs().get("group_replication_enabled") : null;
		if (enabled == null || !enabled.replace(" ", "").equalsIgnoreCase("<is>True")) {
			throw ApiException.badRequest("Invalid group type: Group " + group.id()
					+ " is not a replication group type.");
		}
		throw ApiException.badRequest("Invalid volume type: Volume types of group " + group.id()
				+ " do not have replication enabled (no Basalt driver replicates).");
	}

	/** {@code create-from-src} (3.14): a group like the source, one new volume per source volume or snapshot. */
	public GroupRecord createFromSource(ApiRequest req, String name, String description, GroupRecord source,
			GroupSnapshotRecord snapshot, List<GroupStore.VolumeSource> volumes) {
		GroupRecord group = new GroupRecord(UUID.randomUUID().toString(), req.projectId(), req.context().userId(),
				name, description, GroupStatus.CREATING.wire(), source.availabilityZone(), source.host(), source.groupTypeId(),
				(snapshot != null) ? snapshot.id() : null, (snapshot == null) ? source.id() : null,
				Timestamps.dbNow(this.clock), source.volumeTypeIds());
		Map<String, Integer> deltas = new LinkedHashMap<>();
		deltas.put("groups", 1);
		for (GroupStore.VolumeSource v : volumes) {
			deltas.merge("volumes", 1, Integer::sum);
			deltas.merge("gigabytes", v.size(), Integer::sum);
			deltas.merge("volumes_" + v.volumeTypeName(), 1, Integer::sum);
			deltas.merge("gigabytes_" + v.volumeTypeName(), v.size(), Integer::sum);
		}
		Instant now = Timestamps.dbNow(this.clock);
		this.transactions.executeWithoutResult(t -> {
			this.quotas.commit(this.quotas.reserve(group.projectId(), deltas));
			this.groups.insert(group);
			this.groups.insertVolumes(group, volumes, req.context().userId(), now);
			this.volumeRpc.createGroupFromSrc(req.context(), group.host(), group.id());
		});
		return group;
	}

	private Instant now() {
		return this.clock.instant();
	}

}
