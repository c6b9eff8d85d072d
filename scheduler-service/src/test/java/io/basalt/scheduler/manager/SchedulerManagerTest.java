package io.basalt.scheduler.manager;

import static io.basalt.scheduler.Pools.T0;
import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.report;
import static io.basalt.scheduler.Pools.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.basalt.common.capability.Capacity;
import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.message.MessageField;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.Pool;
import io.basalt.common.scheduler.PoolFilters;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.Target;
import io.basalt.rpc.engine.RpcSettings;
import io.basalt.rpc.testing.InMemoryBroker;
import io.basalt.rpc.testing.InMemoryRpc;
import io.basalt.scheduler.MutableClock;
import io.basalt.scheduler.filter.FilterCatalog;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.ServiceStatus;
import io.basalt.scheduler.host.StartupGate;
import io.basalt.scheduler.scheduling.DecisionListener;
import io.basalt.scheduler.scheduling.FilterScheduler;
import io.basalt.scheduler.scheduling.PoolQuery;
import io.basalt.scheduler.weigher.CapacityWeigher;
import io.basalt.scheduler.weigher.ChoiceMode;
import io.basalt.scheduler.weigher.WeighingHandler;

/** The manager behind the real RPC client, server and codec over the in-memory broker. */
@Timeout(30)
class SchedulerManagerTest {

	private static final String VOLUME = "11111111-1111-1111-1111-111111111111";

	private final BasaltRpcProperties props = new BasaltRpcProperties("basalt", "basalt-scheduler", "basalt-volume",
			Duration.ofSeconds(5), Duration.ofSeconds(5), 1, 16, true);

	private final RequestContext ctx = RequestContext.of("u1", "p1", List.of("member"), false);

	private final MutableClock clock = new MutableClock(T0);

	private final HostManager hosts = new HostManager(this.clock, Duration.ofSeconds(60));

	private final VolumeStateStore store = mock(VolumeStateStore.class);

	private final FakeVolumeEndpoint backend = new FakeVolumeEndpoint();

	private InMemoryRpc schedulerProcess;

	private InMemoryRpc volumeProcess;

	private InMemoryRpc apiProcess;

	private SchedulerRpcApi api;

	@BeforeEach
	void start() {
		InMemoryBroker broker = new InMemoryBroker();
		RpcSettings settings = RpcSettings.defaults();
		this.schedulerProcess = new InMemoryRpc(broker, settings, new SimpleMeterRegistry());
		this.volumeProcess = new InMemoryRpc(broker, settings, new SimpleMeterRegistry());
		this.apiProcess = new InMemoryRpc(broker, settings, new SimpleMeterRegistry());
		this.hosts.updateServiceStatuses(List.of(new ServiceStatus("n1@lvm", "nova", false, null, T0)));

		StartupGate gate = new StartupGate(this.clock, Duration.ZERO);
		gate.begin();
		var weighing = new WeighingHandler(List.of(new CapacityWeigher(1)), ChoiceMode.ORDERED, 1, new Random(1));
		var scheduler = new FilterScheduler(this.hosts, new FilterCatalog(List.of()).chain(List.of(
				"AvailabilityZoneFilter", "CapacityFilter", "CapabilitiesFilter", "RetryFilter")), weighing, 3,
				DecisionListener.NONE);
		var placement = new VolumePlacement(scheduler, this.store,
				new VolumeRpcApi(this.schedulerProcess, this.props), gate);
		var manager = new SchedulerManager(placement, new PoolQuery(this.hosts), this.hosts, gate, this.store);

		this.schedulerProcess.server(new Target("basalt", "basalt-scheduler", "sched1", false,
				SchedulerRpcApi.VERSION, null), List.of(Endpoint.of(manager, SchedulerRpcApi.VERSION))).start();
		this.volumeProcess.server(new Target("basalt", "basalt-volume", "n1@lvm", false, VolumeRpcApi.VERSION, null),
				List.of(Endpoint.of(this.backend, VolumeRpcApi.VERSION))).start();
		this.api = new SchedulerRpcApi(this.apiProcess, this.props);
	}

	@AfterEach
	void stop() {
		this.apiProcess.close();
		this.volumeProcess.close();
		this.schedulerProcess.close();
	}

	private void reportCapabilities() {
		this.api.updateServiceCapabilities(this.ctx, "n1@lvm", report(pool("n1@lvm#a").total(100).free(100).caps()),
				T0);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.hosts.usablePools().size() == 1);
	}

	/** A capability fanout reaches the table, and get_pools answers with the pool over a call. */
	@Test
	void capabilityFanoutThenGetPools() {
		reportCapabilities();

		Pool[] pools = this.api.getPools(this.ctx, PoolFilters.NONE);

		assertThat(pools).hasSize(1);
		assertThat(pools[0].name()).isEqualTo("n1@lvm#a");
		assertThat(pools[0].backend()).isEqualTo("n1@lvm");
		assertThat(pools[0].capabilities().freeCapacityGb()).isEqualTo(Capacity.of(100));
		assertThat(this.api.getPools(this.ctx, PoolFilters.forExtraSpecs(Map.of("volume_backend_name", "ceph"))))
			.isEmpty();
	}

	/** create_volume: schedule, record the host, cast create_volume to the chosen backend. */
	@Test
	void createVolumeCastsToTheChosenBackend() throws InterruptedException {
		reportCapabilities();
		when(this.store.claimHost(eq(VOLUME), eq("n1@lvm#a"), any())).thenReturn(true);

		this.api.createVolume(this.ctx, request(10), FilterProperties.FIRST_ATTEMPT);

		FakeVolumeEndpoint.Created created = this.backend.created.poll(5, TimeUnit.SECONDS);
		assertThat(created).isNotNull();
		assertThat(created.volumeId()).isEqualTo(VOLUME);
		assertThat(created.host()).isEqualTo("n1@lvm#a");
		assertThat(created.filterProperties().retry().backends()).containsExactly("n1@lvm#a");
		verify(this.store).claimHost(eq(VOLUME), eq("n1@lvm#a"), any());
		assertThat(this.hosts.usablePool("n1@lvm#a").orElseThrow().capabilities().freeCapacityGb())
			.isEqualTo(Capacity.of(90));
	}

	/** No valid backend: the volume goes to error with the filters' account, nothing is cast. */
	@Test
	void noValidBackendMarksTheVolumeError() {
		reportCapabilities();

		this.api.createVolume(this.ctx, request(1, Map.of("volume_backend_name", "ceph")),
				FilterProperties.FIRST_ATTEMPT);

		verify(this.store, timeout(5000)).markError(eq(VOLUME),
				startsWith("No valid backend was found. CapabilitiesFilter removed 1 of 1 pools"),
				eq(this.ctx.requestId()), eq(MessageField.Detail.NO_BACKEND_AVAILABLE));
		verify(this.store, never()).claimHost(anyString(), anyString(), any());
		assertThat(this.backend.created).isEmpty();
	}

	/** A redelivered create for a volume already placed does nothing and gives the capacity back. */
	@Test
	void duplicateCreateDoesNothing() throws InterruptedException {
		reportCapabilities();
		when(this.store.claimHost(eq(VOLUME), eq("n1@lvm#a"), any())).thenReturn(false);

		this.api.createVolume(this.ctx, request(10), FilterProperties.FIRST_ATTEMPT);

		verify(this.store, timeout(5000)).claimHost(eq(VOLUME), eq("n1@lvm#a"), any());
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.hosts.usablePool("n1@lvm#a").orElseThrow().capabilities().freeCapacityGb()
				.equals(Capacity.of(100)));
		assertThat(this.backend.created.poll(200, TimeUnit.MILLISECONDS)).isNull();
		verify(this.store, never()).markError(anyString(), anyString(), any(), any());
	}

	/**
	 * A create delivered again for a volume placed but still creating (the scheduler that placed it died before it
	 * sent the create on): sent to the recorded host again, the new choice's capacity given back.
	 */
	@Test
	void duplicateCreateOfAPlacedVolumeStillCreatingIsSentToItsHostAgain() throws InterruptedException {
		reportCapabilities();
		when(this.store.claimHost(eq(VOLUME), eq("n1@lvm#a"), any())).thenReturn(false);
		when(this.store.placedHostIfCreating(VOLUME)).thenReturn("n1@lvm#a");

		this.api.createVolume(this.ctx, request(10), FilterProperties.FIRST_ATTEMPT);

		assertThat(this.backend.created.poll(5, TimeUnit.SECONDS)).isNotNull();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.hosts.usablePool("n1@lvm#a").orElseThrow().capabilities().freeCapacityGb()
				.equals(Capacity.of(100)));
		verify(this.store, never()).markError(anyString(), anyString(), any(), any());
	}

	/**
	 * A dead-lettered create never placed puts its volume into error; one already placed is left to its backend; a
	 * dead-lettered extend is refused (the volume back to available, the extra quota given back).
	 */
	@Test
	void deadLetteredCastsPutTheirVolumeIntoItsErrorStatus() {
		var manager = new SchedulerManager(null, new PoolQuery(this.hosts), this.hosts, null, this.store);
		tools.jackson.databind.node.ObjectNode create = tools.jackson.databind.json.JsonMapper.shared()
			.createObjectNode().put("volume_id", VOLUME);
		when(this.store.placedHostIfCreating(VOLUME)).thenReturn(null, "n1@lvm#a");

		manager.deadLettered(this.ctx, "create_volume", create, "kept failing");
		manager.deadLettered(this.ctx, "create_volume", create, "kept failing");

		verify(this.store, times(1)).markError(VOLUME, "kept failing", this.ctx.requestId(),
				io.basalt.common.message.MessageField.Detail.UNKNOWN_ERROR);
		tools.jackson.databind.node.ObjectNode extend = tools.jackson.databind.json.JsonMapper.shared()
			.createObjectNode().put("volume_id", VOLUME).put("new_size", 30);
		extend.putObject("request_spec").put("size", 10);
		manager.deadLettered(this.ctx, "extend_volume", extend, "kept failing");
		verify(this.store).rejectExtend(VOLUME, "kept failing", 20, this.ctx.requestId());
	}

	/** extend_volume with room: cast to the backend. */
	@Test
	void extendWithRoomIsCast() throws InterruptedException {
		reportCapabilities();

		this.api.extendVolume(this.ctx, VOLUME, 20, "n1@lvm#a", request(10));

		FakeVolumeEndpoint.Extended extended = this.backend.extended.poll(5, TimeUnit.SECONDS);
		assertThat(extended).isEqualTo(new FakeVolumeEndpoint.Extended(VOLUME, 20));
	}

	/** extend_volume without room: the volume goes back to available with the reason. */
	@Test
	void extendWithoutRoomIsRefused() {
		reportCapabilities();

		this.api.extendVolume(this.ctx, VOLUME, 1000, "n1@lvm#a", request(10));

		verify(this.store, timeout(5000)).rejectExtend(eq(VOLUME), contains("Insufficient free space"), anyInt(),
				eq(this.ctx.requestId()));
		assertThat(this.backend.extended).isEmpty();
	}

	/** Reports of other services than volume are ignored. */
	@Test
	void otherServicesReportsAreIgnored() {
		StartupGate gate = new StartupGate(this.clock, Duration.ofMinutes(1));
		var manager = new SchedulerManager(null, new PoolQuery(this.hosts), this.hosts, gate, this.store);

		manager.updateServiceCapabilities("backup", "n1@lvm", report(pool("n1@lvm#a").caps()), T0);
		assertThat(this.hosts.knownBackends()).isZero();
		assertThat(gate.isOpen()).isFalse();

		manager.updateServiceCapabilities("volume", "n1@lvm", report(pool("n1@lvm#a").caps()), T0);
		assertThat(this.hosts.knownBackends()).isOne();
		assertThat(gate.isOpen()).isTrue();
	}

	/** A request spec without a volume id takes the message's. */
	@Test
	void volumeIdFromTheMessage() {
		VolumePlacement placement = mock(VolumePlacement.class);
		var manager = new SchedulerManager(placement, null, this.hosts, null, this.store);
		RequestSpec noId = new RequestSpec(null, "p1", 1, request(1).volumeType(), null, null, null, null);

		manager.createVolume(this.ctx, VOLUME, noId, null);

		verify(placement).create(eq(this.ctx), org.mockito.ArgumentMatchers.argThat(r -> VOLUME.equals(r.volumeId())),
				eq(null));
	}

}
