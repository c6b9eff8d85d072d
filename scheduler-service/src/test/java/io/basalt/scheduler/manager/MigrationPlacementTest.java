package io.basalt.scheduler.manager;

import static io.basalt.scheduler.Pools.T0;
import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.message.MessageField;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi.MigrateVolumeArgs;
import io.basalt.common.volume.MigrationStore;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcException;
import io.basalt.scheduler.MutableClock;
import io.basalt.scheduler.filter.FilterCatalog;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.ServiceStatus;
import io.basalt.scheduler.host.StartupGate;
import io.basalt.scheduler.scheduling.DecisionListener;
import io.basalt.scheduler.scheduling.FilterScheduler;
import io.basalt.scheduler.weigher.CapacityWeigher;
import io.basalt.scheduler.weigher.ChoiceMode;
import io.basalt.scheduler.weigher.WeighingHandler;

/** The scheduler's part of a migration: the destination chosen or checked by the filters, never the source. */
class MigrationPlacementTest {

	private static final String VOLUME = "11111111-1111-1111-1111-111111111111";

	private final MutableClock clock = new MutableClock(T0);

	private final HostManager hosts = new HostManager(this.clock, Duration.ofSeconds(60));

	private final MigrationStore migrations = mock(MigrationStore.class);

	private final VolumeRpcApi volumeRpc = mock(VolumeRpcApi.class);

	private final RequestContext ctx = RequestContext.of("u1", "p1", List.of("admin"), true);

	private MigrationPlacement placement;

	@BeforeEach
	void setUp() {
		this.hosts.updateServiceStatuses(List.of(new ServiceStatus("n1@lvm", "nova", false, null, T0),
				new ServiceStatus("n2@ceph", "nova", false, null, T0)));
		this.hosts.updateCapabilities("n1@lvm", backend("lvm", "n1@lvm#a"), T0);
		this.hosts.updateCapabilities("n2@ceph", backend("ceph", "n2@ceph#b"), T0);
		StartupGate gate = new StartupGate(this.clock, Duration.ZERO);
		gate.begin();
		var scheduler = new FilterScheduler(this.hosts, new FilterCatalog(List.of()).chain(List.of(
				"AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter", "SameBackendFilter",
				"DifferentBackendFilter")), new WeighingHandler(List.of(new CapacityWeigher(1)), ChoiceMode.ORDERED, 1,
				new Random(1)), 3, DecisionListener.NONE);
		this.placement = new MigrationPlacement(scheduler, this.migrations, this.volumeRpc, gate, this.clock);
	}

	private static BackendCapabilities backend(String name, String poolName) {
		return new BackendCapabilities(name, "Open Source", "3.0.0", "iSCSI", "nova",
				List.of(pool(poolName).total(100).free(100).caps()));
	}

	/** A retype: the best backend of the new type, which is not the source's, gets the migrate_volume cast. */
	@Test
	void retypeChoosesABackendOfTheNewType() {
		RequestSpec spec = request(10, Map.of("volume_backend_name", "ceph"));

		this.placement.migrate(this.ctx, new MigrateVolumeArgs(VOLUME, "n1@lvm#a", null, false, "t2", spec));

		ArgumentCaptor<VolumeRpcApi.MigrateVolumeArgs> cast = ArgumentCaptor.forClass(VolumeRpcApi.MigrateVolumeArgs.class);
		verify(this.volumeRpc).migrateVolume(any(), eq("n1@lvm#a"), cast.capture());
		assertThat(cast.getValue().destinationHost()).isEqualTo("n2@ceph#b");
		assertThat(cast.getValue().newTypeId()).isEqualTo("t2");
		verify(this.migrations, never()).fail(any(), any(), any(), any(), any(), any(), any(), any(), any());
	}

	/** A host that fails the filters (another volume_backend_name) ends the migration in error, nothing cast. */
	@Test
	void aDestinationFailingTheFiltersEndsInError() {
		RequestSpec spec = request(10, Map.of("volume_backend_name", "lvm"));

		this.placement.migrate(this.ctx, new MigrateVolumeArgs(VOLUME, "n1@lvm#a", "n2@ceph", false, null, spec));

		verify(this.migrations).fail(eq(VOLUME), eq("n1@lvm#a"), eq(List.of("starting")), eq(null),
				startsWith("No valid host was found."), any(), eq(MessageField.Action.SCHEDULE_ALLOCATE_VOLUME),
				eq(MessageField.Detail.NO_BACKEND_AVAILABLE), eq(T0));
		verify(this.volumeRpc, never()).migrateVolume(any(), anyString(), any());
	}

	/** The source itself is never a destination, even when asked for. */
	@Test
	void theSourceIsNeverTheDestination() {
		this.placement.migrate(this.ctx, new MigrateVolumeArgs(VOLUME, "n1@lvm#a", "n1@lvm", true, null, request(1)));

		verify(this.migrations).fail(eq(VOLUME), eq("n1@lvm#a"), eq(List.of("starting")), eq(null),
				startsWith("No valid host was found."), any(), any(), any(), any());
	}

	/** A cast that cannot be sent ends the migration in error (never stuck in starting). */
	@Test
	void aFailedCastEndsInError() {
		doThrow(new RpcException("broker down")).when(this.volumeRpc).migrateVolume(any(), anyString(), any());

		this.placement.migrate(this.ctx, new MigrateVolumeArgs(VOLUME, "n1@lvm#a", "n2@ceph", false, null,
				request(1)));

		verify(this.migrations).fail(eq(VOLUME), eq("n1@lvm#a"), eq(List.of("starting")), eq(null),
				startsWith("Could not send migrate_volume"), any(), any(), eq(MessageField.Detail.UNKNOWN_ERROR),
				any());
	}

}
