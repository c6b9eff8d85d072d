package io.basalt.api.volume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.policy.Policy;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.Timestamps;
import io.basalt.common.state.VolumeStatus;

/**
 * Cinder's volume views ({@code api/v3/views/volumes.py}) with the per-microversion fields: {@code group_id}
 * 3.13, {@code provider_id} 3.21 (admin), {@code shared_targets}/{@code service_uuid} 3.48,
 * {@code cluster_name} 3.61 (admin), {@code volume_type_id} 3.63, {@code consumes_quota} 3.65; the extension
 * attributes ({@code os-vol-tenant-attr}, {@code os-vol-host-attr}, {@code os-vol-mig-status-attr}) on show and
 * list-detail only, as Cinder adds them there, each when the caller passes its policy rule. The visible admin
 * metadata ({@code readonly}) is shown inside {@code metadata}.
 */
public final class VolumeViews {

	private VolumeViews() {
	}

	/**
	 * Which extension attributes a caller sees, decided by the policy once per request.
	 * @param tenant {@code os-vol-tenant-attr:tenant_id} ({@code volume_extension:volume_tenant_attribute})
	 * @param host {@code os-vol-host-attr:host} ({@code volume_extension:volume_host_attribute})
	 * @param migration {@code os-vol-mig-status-attr:migstat}/{@code name_id}
	 * ({@code volume_extension:volume_mig_status_attribute})
	 */
	public record Extensions(boolean tenant, boolean host, boolean migration) {

		/** No extension attribute (create and update responses). */
		public static final Extensions NONE = new Extensions(false, false, false);

		/** What the caller of {@code req} may see. */
		public static Extensions allowed(Policy policy, ApiRequest req) {
			return new Extensions(policy.allows(req, "volume_extension:volume_tenant_attribute"),
					policy.allows(req, "volume_extension:volume_host_attribute"),
					policy.allows(req, "volume_extension:volume_mig_status_attribute"));
		}

	}

	/** {@code {id, name, links}} of the summary list. */
	public static Map<String, Object> summary(ApiRequest req, VolumeRecord v) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", v.id());
		view.put("name", v.name());
		view.put("links", links(req, v.id()));
		return view;
	}

	/** The detail view of a volume without attachments to show (create and update responses). */
	public static Map<String, Object> detail(ApiRequest req, VolumeRecord v, Extensions extensions) {
		return detail(req, v, extensions, List.of());
	}

	/**
	 * The detail view with the extension attributes the caller may see and the volume's {@code attachments}
	 * entries (show, list detail).
	 */
	public static Map<String, Object> detail(ApiRequest req, VolumeRecord v, Extensions extensions,
			List<Map<String, Object>> attachments) {
		boolean admin = req.isAdmin();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", v.id());
		view.put("status", shownStatus(v.status()));
		view.put("size", v.size());
		view.put("availability_zone", v.availabilityZone());
		view.put("created_at", Timestamps.format(v.createdAt()));
		view.put("updated_at", Timestamps.format(v.updatedAt()));
		view.put("name", v.name());
		view.put("description", v.description());
		view.put("volume_type", v.volumeTypeName());
		view.put("snapshot_id", v.snapshotId());
		view.put("source_volid", v.sourceVolid());
		view.put("metadata", v.shownMetadata());
		view.put("links", links(req, v.id()));
		view.put("user_id", v.userId());
		view.put("bootable", String.valueOf(v.bootable()));
		view.put("encrypted", false);
		view.put("replication_status", v.replicationStatus());
		view.put("consistencygroup_id", null);
		view.put("multiattach", v.multiattach());
		view.put("attachments", attachments);
		if (admin) {
			view.put("migration_status", v.migrationStatus());
		}
		if (req.version().atLeast(13)) {
			view.put("group_id", v.groupId());
		}
		if (req.version().atLeast(21) && admin) {
			view.put("provider_id", v.providerId());
		}
		if (req.version().atLeast(48)) {
			// Basalt's backends never share targets; no service uuid is tracked per volume.
			view.put("shared_targets", v.host() == null);
			view.put("service_uuid", null);
		}
		if (req.version().atLeast(61) && admin) {
			view.put("cluster_name", v.clusterName());
		}
		if (req.version().atLeast(63)) {
			view.put("volume_type_id", v.volumeTypeId());
		}
		if (req.version().atLeast(65)) {
			view.put("consumes_quota", v.useQuota());
		}
		if (extensions.tenant()) {
			view.put("os-vol-tenant-attr:tenant_id", v.projectId());
		}
		if (extensions.migration()) {
			view.put("os-vol-mig-status-attr:migstat", v.migrationStatus());
			// Cinder's _name_id: set after a migration (the id the destination stores the volume under)
			view.put("os-vol-mig-status-attr:name_id", v.nameId());
		}
		if (extensions.host()) {
			view.put("os-vol-host-attr:host", v.host());
		}
		return view;
	}

	/**
	 * {@code managing}/{@code error_managing}/{@code error_managing_deleting} are shown as Cinder does (its
	 * volume view's {@code status_map}).
	 */
	static String shownStatus(String status) {
		if (VolumeStatus.MANAGING.is(status)) {
			return VolumeStatus.CREATING.wire();
		}
		if (VolumeStatus.ERROR_MANAGING.is(status)) {
			return VolumeStatus.ERROR.wire();
		}
		// Cinder's view maps this word too; no VolumeStatus has it (Basalt does not manage volumes)
		if ("error_managing_deleting".equals(status)) {
			return VolumeStatus.DELETING.wire();
		}
		return status;
	}

	private static List<Map<String, String>> links(ApiRequest req, String id) {
		return req.links("volumes/" + id);
	}

}
