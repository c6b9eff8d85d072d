package io.basalt.api.volume;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.basalt.api.quota.QuotaEngine;
import io.basalt.api.type.VolumeType;
import io.basalt.api.type.VolumeTypeService;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.RequestBodies;
import io.basalt.common.state.MigrationStatus;

import io.basalt.common.state.VolumeStatus;
import io.basalt.common.state.WireStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@code os-retype {"new_type": name or id, "migration_policy"?: "never" | "on-demand"}}, as Cinder Zed's
 * {@code volume/api.py} retype checks it: status {@code available} or {@code in-use} and not migrating (400
 * {@code Invalid volume: ...}), the new type exists and the caller may use it (404), and it is not the current
 * one (400 {@code Invalid input received: New volume_type same as original: ...}).
 *
 * <p>
 * <b>Retypes that move no data are done here.</b> The new type fits the volume's backend when it names no
 * {@code volume_backend_name}, the same one as the old type, or the backend of the volume's host
 * ({@code host@backend#pool}, whose name is the default {@code volume_backend_name}); Basalt decides this here,
 * from the extra specs, without asking the scheduler (Cinder's {@code find_retype_backend}), and other extra specs
 * ({@code capabilities:*}, {@code multiattach}) are not compared. When it fits, the retype completes
 * <em>synchronously, in the database only</em>: one transaction changes the volume's {@code volume_type_id}
 * (guarded by status, migration status and the old type, so a concurrent retype loses with 400) and moves the
 * quota usage from the old type's {@code volumes_<type>}/{@code gigabytes_<type>} to the new type's (413 when the
 * new type's limits do not allow it); the status never leaves {@code available}/{@code in-use}. Cinder instead
 * passes through {@code retyping} and the volume manager ({@code driver.retype}); neither driver ({@code fake},
 * {@code file}) has anything to change on a type change, so nothing is cast. When the backend would change, the
 * retype is refused with 400 with {@code migration_policy=never} (Cinder's {@code Retype requires migration
 * but is not allowed.}, which Cinder's manager says asynchronously, after a 202); otherwise ({@code on-demand}, or
 * no policy, which Cinder's scheduler treats alike) the volume is migrated to a backend of the new type
 * ({@link VolumeMigration#retype}): {@code retyping}, the scheduler chooses, the volume service copies, and the
 * type changes when the volume arrives. Thread-safe.
 */
@Component
class VolumeRetype {

	/** The statuses a volume may be retyped from. */
	static final List<String> RETYPABLE = WireStatus.wireList(VolumeStatus.MIGRATABLE);

	private static final Set<String> POLICIES = Set.of("on-demand", "never", "ON-DEMAND", "NEVER");

	/** Migration statuses that are no active migration (Cinder's {@code _is_volume_migrating} is false). */
	private final VolumeActionStore actions;

	private final QuotaEngine quotas;

	private final VolumeTypeService types;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final VolumeMigration migration;

	VolumeRetype(VolumeActionStore actions, QuotaEngine quotas, VolumeTypeService types,
			TransactionOperations transactions, Clock clock, VolumeMigration migration) {
		this.migration = migration;
		this.actions = actions;
		this.quotas = quotas;
		this.types = types;
		this.transactions = transactions;
		this.clock = clock;
	}

	void retype(ApiRequest req, VolumeRecord v, Map<String, Object> args) {
		RequestBodies.onlyKeys(args, Set.of("new_type", "migration_policy"));
		if (args.get("new_type") == null) {
			throw RequestBodies.invalid("os-retype", args, "'new_type' is a required property");
		}
		String newType = RequestBodies.string(args, "new_type", 0, Integer.MAX_VALUE, false);
		String policy = migrationPolicy(args.get("migration_policy"));
		if (!RETYPABLE.contains(v.status())) {
			throw ApiException.badRequest("Invalid volume: Unable to update type due to incorrect status: "
					+ v.status() + " on volume: " + v.id() + ". Volume status must be available or in-use.");
		}
		if (!MigrationStatus.isIdle(v.migrationStatus())) {
			throw ApiException.badRequest("Invalid volume: Volume " + v.id()
					+ " is already part of an active migration.");
		}
		VolumeType target = this.types.findUsable(newType, req.projectId(), req.isAdmin());
		if (target.id().equals(v.volumeTypeId())) {
			throw ApiException.badRequest("Invalid input received: New volume_type same as original: " + newType
					+ ".");
		}
		VolumeType current = (v.volumeTypeId() != null) ? this.types.find(v.volumeTypeId()) : null;
		if (!fitsBackend(v, current, target)) {
			if ("never".equals(policy)) {
				throw ApiException.badRequest("Retype requires migration but is not allowed.");
			}
			this.migration.retype(req, v, target);
			return;
		}
		this.transactions.executeWithoutResult(s -> {
			if (!this.actions.retype(v.id(), v.volumeTypeId(), target.id(), RETYPABLE, this.clock.instant())) {
				throw ApiException.badRequest("Invalid volume: Volume status or type changed concurrently; retry.");
			}
			if (v.useQuota()) {
				this.quotas.apply(v.projectId(), VolumeApi.retypeQuotaDeltas(v, target.name()));
			}
		});
	}

	/** {@code migration_policy}: null, or one of Cinder's schema enum (either case), lower-cased. */
	private static String migrationPolicy(Object raw) {
		if (raw == null) {
			return null;
		}
		if (!POLICIES.contains(raw)) {
			throw RequestBodies.invalid("migration_policy", raw, ((raw instanceof String) ? "'" + raw + "'" : raw)
					+ " is not one of ['on-demand', 'never', 'ON-DEMAND', 'NEVER', None]");
		}
		return ((String) raw).toLowerCase(Locale.ROOT);
	}

	/** Whether {@code target} may serve the volume where it is (see the class). */
	static boolean fitsBackend(VolumeRecord v, VolumeType current, VolumeType target) {
		String wanted = target.extraSpecs().get("volume_backend_name");
		if (wanted == null) {
			return true;
		}
		if (current != null && wanted.equals(current.extraSpecs().get("volume_backend_name"))) {
			return true;
		}
		String host = v.host();
		if (host == null || host.indexOf('@') < 0) {
			return false;
		}
		String backend = host.substring(host.indexOf('@') + 1);
		int pool = backend.indexOf('#');
		return wanted.equals((pool < 0) ? backend : backend.substring(0, pool));
	}

}
