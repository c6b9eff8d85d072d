package io.basalt.api.extension;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.policy.PolicyRule;
import io.basalt.api.web.ApiRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/{project_id}/extensions}: the Cinder API extensions Basalt implements, with Cinder's alias,
 * name, description and date for each, in Cinder's order. Only what works is listed (no {@code os-hosts},
 * {@code backups}, {@code cgsnapshots}, ...): a client that probes for an extension must not be told yes wrongly.
 * Add an entry when a route or attribute of another extension lands.
 */
@RestController
class ExtensionController {

	/**
	 * One extension.
	 * @param alias the alias (the attribute prefix or path of the extension)
	 * @param name Cinder's class name
	 * @param description Cinder's docstring
	 * @param updated Cinder's date, verbatim
	 */
	record Extension(String alias, String name, String description, String updated) {

		Map<String, Object> view() {
			Map<String, Object> view = new LinkedHashMap<>();
			view.put("alias", this.alias);
			view.put("description", this.description);
			view.put("links", List.of());
			view.put("name", this.name);
			view.put("updated", this.updated);
			return view;
		}

	}

	static final List<Extension> IMPLEMENTED = List.of(
			new Extension("os-vol-tenant-attr", "VolumeTenantAttribute",
					"Expose the internal project_id as an attribute of a volume.", "2011-11-03T00:00:00+00:00"),
			new Extension("os-quota-sets", "Quotas", "Quota management support.", "2011-08-08T00:00:00+00:00"),
			new Extension("os-availability-zone", "AvailabilityZones", "Describe Availability Zones.",
					"2013-06-27T00:00:00+00:00"),
			new Extension("os-volume-actions", "VolumeActions", "Enable volume actions.", "2012-05-31T00:00:00+00:00"),
			new Extension("os-vol-host-attr", "VolumeHostAttribute", "Expose host as an attribute of a volume.",
					"2011-11-03T00:00:00+00:00"),
			new Extension("os-types-manage", "TypesManage", "Types manage support.", "2011-08-24T00:00:00+00:00"),
			new Extension("os-types-extra-specs", "TypesExtraSpecs", "Type extra specs support.",
					"2011-08-24T00:00:00+00:00"),
			new Extension("os-used-limits", "UsedLimits", "Provide data on limited resources that are being used.",
					"2013-10-03T00:00:00+00:00"),
			new Extension("os-vol-mig-status-attr", "VolumeMigStatusAttribute",
					"Expose migration_status as an attribute of a volume.", "2013-08-08T00:00:00+00:00"),
			new Extension("os-volume-type-access", "VolumeTypeAccess", "Volume type access support.",
					"2014-06-26T00:00:00Z"),
			new Extension("os-extended-services", "ExtendedServices", "Extended services support.",
					"2014-01-10T00:00:00-00:00"),
			new Extension("os-extended-snapshot-attributes", "ExtendedSnapshotAttributes",
					"Extended SnapshotAttributes support.", "2012-06-19T00:00:00+00:00"),
			new Extension("os-admin-actions", "AdminActions", "Enable admin actions.", "2012-08-25T00:00:00+00:00"),
			new Extension("os-services", "Services", "Services support.", "2012-10-28T00:00:00-00:00"),
			new Extension("scheduler-stats", "Scheduler_stats", "Scheduler stats support.",
					"2014-09-07T00:00:00+00:00"),
			new Extension("OS-SCH-HNT", "SchedulerHints", "Pass arbitrary key/value pairs to the scheduler.",
					"2013-04-18T00:00:00+00:00"),
			new Extension("qos-specs", "Qos_specs_manage", "QoS specs support.", "2013-08-02T00:00:00+00:00"),
			new Extension("encryption", "VolumeTypeEncryption", "Encryption support for volume types.",
					"2013-07-01T00:00:00+00:00"),
			new Extension("os-quota-class-sets", "QuotaClasses", "Quota classes management support.",
					"2012-03-12T00:00:00+00:00"),
			new Extension("os-hosts", "Hosts", "Admin-only host administration.", "2011-06-29T00:00:00+00:00"),
			new Extension("capabilities", "Capabilities", "Capabilities support.", "2015-08-31T00:00:00+00:00"));

	// Cinder checks no rule here (any authenticated caller); the reader rule of volume listing is the nearest.
	@PolicyRule("volume:get_all")
	@GetMapping("/v3/{projectId}/extensions")
	Map<String, Object> list(ApiRequest req) {
		return Map.of("extensions", IMPLEMENTED.stream().map(Extension::view).toList());
	}

}
