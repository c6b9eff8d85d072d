package io.basalt.api;

import java.nio.file.Path;
import java.util.List;

import io.basalt.common.state.WireStatus;
import io.basalt.testing.StatusWordLiterals;
import org.junit.jupiter.api.Test;

/**
 * No Java code in api-service's src/main writes a status word by hand (issue 11): a volume, snapshot, group,
 * attach or migration status is named by its common-service {@code io.basalt.common.state} constant (its
 * {@code wire()}) or one of their named sets. The words below are the same text but not a status.
 */
class NoStatusWordLiteralsTest {

	/** One entry per occurrence: {@code path: word}. */
	private static final List<String> NOT_STATUSES = List.of(
			// a metric's outcome tag (basalt.api.create.flow), not a volume's status
			"io/basalt/api/flow/CreateVolumeFlow.java: error",
			"io/basalt/api/flow/CreateVolumeFlow.java: success",
			// Keystone client metrics: request outcome tags
			"io/basalt/api/auth/keystone/KeystoneClient.java: error",
			"io/basalt/api/auth/keystone/KeystoneAuthProvider.java: error",
			// quota usage JSON field ({"in_use", "limit", "reserved"}) of os-quota-sets?usage=True
			"io/basalt/api/quota/QuotaController.java: reserved",
			// os-availability-zone's {"zoneState": {"available": true}}
			"io/basalt/api/service/AvailabilityZoneController.java: available",
			// os-hosts' service-status "available"/"unavailable" (a service's state)
			"io/basalt/api/host/HostController.java: available",
			// the dashboard's JSON field counting volumes created
			"io/basalt/api/dashboard/DashboardController.java: available",
			// the volume type encryption view's "deleted" field (the row's soft-delete flag)
			"io/basalt/api/type/EncryptionStore.java: deleted",
			// os-migrate_volume_completion's request key {"error": bool}, listed and read
			"io/basalt/api/volume/VolumeMigration.java: error", "io/basalt/api/volume/VolumeMigration.java: error");

	@Test
	void noStatusWordWrittenByHand() {
		StatusWordLiterals.assertNone(Path.of("src/main/java"), WireStatus.allWires(), NOT_STATUSES);
	}

}
