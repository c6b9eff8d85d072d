package io.basalt.api.volume;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.basalt.api.ApiProperties;
import io.basalt.api.quota.QuotaEngine;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ListParams;
import io.basalt.api.web.RequestBodies;
import io.basalt.common.state.AttachStatus;
import io.basalt.common.state.MigrationStatus;
import io.basalt.common.state.VolumeStatus;
import io.basalt.common.state.WireStatus;
import io.basalt.common.volume.VolumeRpcApi;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The "api" of volumes in the API process (Cinder's {@code volume/api.py}): validation, state checks, quota,
 * database, then a cast. Reads of a non-admin only ever see the caller's project. Thread-safe.
 */
@Service
public class VolumeApi {

	/** Statuses a volume may be deleted from without force. */
	static final List<String> DELETABLE = List.of(VolumeStatus.wires(VolumeStatus.DELETABLE));

	private final VolumeCreation createFlow;

	private final VolumeStore volumes;

	private final VolumeLookup lookup;

	private final QuotaEngine quotas;

	private final VolumeRpcApi volumeRpc;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final VolumeExtension extension;

	private final ApiProperties properties;

	private final JsonMapper json;

	VolumeApi(VolumeCreation createFlow, VolumeStore volumes, VolumeLookup lookup, QuotaEngine quotas,
			VolumeRpcApi volumeRpc, TransactionOperations transactions, Clock clock, VolumeExtension extension,
			ApiProperties properties, JsonMapper json) {
		this.extension = extension;
		this.properties = properties;
		this.json = json;
		this.createFlow = createFlow;
		this.volumes = volumes;
		this.lookup = lookup;
		this.quotas = quotas;
		this.volumeRpc = volumeRpc;
		this.transactions = transactions;
		this.clock = clock;
	}

	public VolumeRecord create(ApiRequest req, Map<String, Object> body) {
		return this.createFlow.create(req, body);
	}

	/** A volume the caller may see (any project for admins); 404 otherwise. */
	public VolumeRecord get(ApiRequest req, String id) {
		return this.lookup.get(id, scope(req));
	}

	/** Updates name, description, metadata (3.53+: at least one, nothing else). */
	public VolumeRecord update(ApiRequest req, String id, Map<String, Object> body) {
		Map<String, Object> v = RequestBodies.element(body, "volume");
		if (req.version().atLeast(53)) {
			RequestBodies.onlyKeys(v, Set.of("name", "description", "display_name", "display_description",
					"metadata"));
			if (v.isEmpty()) {
				throw ApiException.badRequest("Invalid input for field/attribute volume. Value: {}. {} does not have "
						+ "enough properties");
			}
		}
		String nameKey = v.containsKey("name") ? "name" : "display_name";
		String descKey = v.containsKey("description") ? "description" : "display_description";
		String name = RequestBodies.string(v, nameKey, 0, 255, true);
		String description = RequestBodies.string(v, descKey, 0, 255, true);
		Map<String, String> metadata = RequestBodies.stringMap(v, "metadata", true);
		VolumeRecord volume = get(req, id);
		this.transactions.executeWithoutResult(s -> this.volumes.update(volume.id(), name, v.containsKey(nameKey),
				description, v.containsKey(descKey), metadata, now()));
		return get(req, id);
	}

	/** Deletes: a never-scheduled volume at once, else {@code deleting} and a cast to its backend. */
	public void delete(ApiRequest req, String id, boolean cascade, boolean force) {
		VolumeRecord v = get(req, id);
		if (v.host() == null) {
			deleteUnscheduled(v);
			return;
		}
		if (!force && (!DELETABLE.contains(v.status()) || AttachStatus.ATTACHED.is(v.attachStatus())
				|| !MigrationStatus.isIdle(v.migrationStatus()) || v.groupId() != null)) {
			throw notDeletable();
		}
		if (cascade) {
			deleteCascading(req, v, force);
			return;
		}
		// without cascade (forced or not), "has no snapshots" is checked by the transition's own statement; the
		// transition and the cast (through the outbox) commit together
		this.transactions.executeWithoutResult(s -> {
			if (!this.volumes.transitionToDeleting(v.id(), force ? List.of() : DELETABLE, true, now())) {
				if (this.volumes.hasSnapshots(v.id())) {
					throw notDeletable();
				}
				throw ApiException.badRequest("Invalid volume: Volume status changed concurrently; retry.");
			}
			this.volumeRpc.deleteVolume(req.context(), v.host(), v.id());
		});
	}

	/**
	 * {@code cascade=true}: the volume and its live snapshots → {@code deleting} in one transaction (snapshots
	 * must be {@code available}, {@code error} or {@code deleting} unless forced, and in no group snapshot); the
	 * volume's backend deletes the snapshots (giving their quota back) before the volume.
	 */
	private void deleteCascading(ApiRequest req, VolumeRecord v, boolean force) {
		this.transactions.executeWithoutResult(s -> {
			if (!this.volumes.transitionToDeletingWithSnapshots(v.id(), force ? List.of() : DELETABLE, force,
					now())) {
				throw notDeletable();
			}
			this.volumeRpc.deleteVolume(req.context(), v.host(), v.id());
		});
	}

	private static ApiException notDeletable() {
		return ApiException.badRequest("Invalid volume: Volume status must be available or error or "
				+ "error_restoring or error_extending or error_managing and must not be migrating, attached, "
				+ "belong to a group, have snapshots or be disassociated from snapshots after volume transfer.");
	}

	private void deleteUnscheduled(VolumeRecord v) {
		this.transactions.executeWithoutResult(s -> {
			if (this.volumes.softDelete(v.id(), now()) && v.useQuota()) {
				this.quotas.apply(v.projectId(), quotaDeltas(v, -1, -v.size()));
			}
		});
	}

	/** {@code os-extend}: checks, {@code extending}, quota for the delta, cast to the scheduler. */
	public void extend(ApiRequest req, String id, Map<String, Object> args) {
		this.extension.extend(req, get(req, id), args);
	}

	/**
	 * A page of volumes: filters, sort, marker (404 if not visible), limit; {@code with_count} (3.45+) counts
	 * every match.
	 */
	public VolumePage list(ApiRequest req, Map<String, String> query) {
		ListParams params = ListParams.parse(query, this.properties.maxLimit(), VolumeQuery.SORT.keys());
		boolean all = req.isAdmin() && VolumeQuery.allTenants(params.filters());
		String scope = all ? null : req.projectId();
		Map<String, String> metadata = metadataFilter(params.filters().get("metadata"));
		VolumeQuery q = VolumeQuery.filtered(scope, params.filters(), req.isAdmin(), metadata);
		List<ListParams.SortKey> keys = VolumeQuery.effectiveSort(params.sort());
		if (params.marker() != null) {
			Object[] values = this.volumes.markerValues(params.marker(), scope, keys)
				.orElseThrow(() -> ApiException.notFound("Marker " + params.marker() + " could not be found."));
			q.after(keys, values);
		}
		q.page(keys, params);
		List<VolumeRecord> page = this.volumes.list(q);
		Integer count = null;
		String withCount = query.get("with_count");
		if (req.version().atLeast(45) && withCount != null && Set.of("true", "1", "yes", "t", "on")
			.contains(withCount.toLowerCase())) {
			count = this.volumes.count(q);
		}
		return new VolumePage(page, params.pageFull(page.size()) ? params.limit() : null, count);
	}

	/**
	 * A page of a list.
	 * @param volumes the volumes
	 * @param nextLimit the limit of the next link, or null when this is the last page
	 * @param count the total count, or null when not asked for
	 */
	public record VolumePage(List<VolumeRecord> volumes, Integer nextLimit, Integer count) {
	}

	/** The {@code metadata} filter: JSON or a Python dict literal of strings. */
	private Map<String, String> metadataFilter(String raw) {
		if (raw == null) {
			return null;
		}
		try {
			Map<?, ?> parsed = this.json.readValue(raw.replace('\'', '"'), Map.class);
			Map<String, String> result = new LinkedHashMap<>();
			parsed.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
			return result;
		}
		catch (RuntimeException ex) {
			throw ApiException.badRequest("Invalid input received: metadata filter must be a JSON object");
		}
	}

	/** {@code os-reset_status} (admin, checked by the caller): a direct database write after validating the values. */
	public void resetStatus(ApiRequest req, String id, Map<String, Object> args) {
		VolumeRecord v = get(req, id);
		String status = RequestBodies.string(args, "status", 1, 255, false);
		String attach = RequestBodies.string(args, "attach_status", 1, 255, false);
		String migration = RequestBodies.string(args, "migration_status", 1, 255, false);
		if (status == null && attach == null && migration == null) {
			throw ApiException.badRequest("Must specify 'status', 'attach_status' or 'migration_status' for update.");
		}
		if (status != null) {
			status = status.toLowerCase();
			if (!VolumeStatus.isApiStatus(status) || status.equals(VolumeStatus.DELETING.wire())) {
				throw ApiException.badRequest("Must specify a valid status");
			}
			if (VolumeStatus.IN_USE.is(status)) {
				throw ApiException.badRequest("Cannot reset-state to in-use because volume does not have any "
						+ "attachments.");
			}
		}
		if (attach != null
				&& !WireStatus.isIn(attach.toLowerCase(), EnumSet.of(AttachStatus.ATTACHED, AttachStatus.DETACHED))) {
			throw ApiException.badRequest("Must specify a valid attach status");
		}
		if (migration != null && !migration.equalsIgnoreCase("none")
				&& !WireStatus.isIn(migration.toLowerCase(), MigrationStatus.RESETTABLE)) {
			throw ApiException.badRequest("Must specify a valid migration status");
		}
		String migrationValue = (migration == null || migration.equalsIgnoreCase("none")) ? null
				: migration.toLowerCase();
		this.volumes.resetStatus(v.id(), status, (attach != null) ? attach.toLowerCase() : null, migrationValue,
				migration != null, now());
	}

	/** Summary of the caller's (or, for admins with {@code all_tenants}, all) volumes. */
	public Map<String, Object> summary(ApiRequest req, boolean allTenants) {
		String scope = (req.isAdmin() && allTenants) ? null : req.projectId();
		VolumeStore.Summary s = this.volumes.summary(VolumeQuery.filtered(scope, Map.of(), false, null));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("total_count", s.count());
		body.put("total_size", s.size());
		if (req.version().atLeast(36)) {
			body.put("metadata", s.metadata());
		}
		return Map.of("volume-summary", body);
	}

	/** The quota deltas of a volume: {@code volumes}, {@code gigabytes} and their per-type twins. */
	static Map<String, Integer> quotaDeltas(VolumeRecord v, int volumes, int gigabytes) {
		String type = v.volumeTypeName();
		Map<String, Integer> deltas = new LinkedHashMap<>();
		deltas.put("volumes", volumes);
		deltas.put("gigabytes", gigabytes);
		if (type != null) {
			deltas.put("volumes_" + type, volumes);
			deltas.put("gigabytes_" + type, gigabytes);
		}
		return deltas;
	}

	/**
	 * The quota deltas of retyping a volume to {@code newTypeName}: its {@code volumes}/{@code gigabytes} leave the
	 * old type's per-type resources for the new type's; the totals do not change.
	 */
	static Map<String, Integer> retypeQuotaDeltas(VolumeRecord v, String newTypeName) {
		Map<String, Integer> deltas = quotaDeltas(v, -1, -v.size());
		deltas.remove("volumes");
		deltas.remove("gigabytes");
		deltas.merge("volumes_" + newTypeName, 1, Integer::sum);
		deltas.merge("gigabytes_" + newTypeName, v.size(), Integer::sum);
		return deltas;
	}

	/** Projects a non-admin may read: its own. */
	static String scope(ApiRequest req) {
		return req.isAdmin() ? null : req.projectId();
	}

	private Instant now() {
		return this.clock.instant();
	}

}
