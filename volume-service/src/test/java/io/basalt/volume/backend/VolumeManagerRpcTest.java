package io.basalt.volume.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.Endpoint;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcMethod;
import io.basalt.rpc.Target;
import io.basalt.rpc.testing.InMemoryRpc;
import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.fake.FakeDriver;
import io.basalt.volume.driver.fake.FakeDriverSettings;
import io.basalt.volume.manager.BackendContext;
import io.basalt.volume.manager.CapacityGuard;
import io.basalt.volume.manager.OperationMetrics;
import io.basalt.volume.manager.SnapshotStore;
import io.basalt.volume.manager.VolumeCreator;
import io.basalt.volume.manager.VolumeManager;
import io.basalt.volume.manager.VolumeRecord;
import io.basalt.volume.manager.VolumeStore;
import io.basalt.volume.report.AllocationQuery;
import io.basalt.volume.report.CapabilityReporter;
import io.basalt.volume.report.CapabilityReporter.ReporterSettings;
import io.basalt.volume.report.PoolCapacityGauges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The manager behind a real RPC server over the in-memory transport (which still encodes every message): the
 * client stubs' argument names bind to the endpoint's parameters, records survive the wire codec, and the
 * scheduler side sees reschedules and capability fanouts.
 */
@Timeout(30)
class VolumeManagerRpcTest {

	static final String ID = "6f1f7b5e-8a77-4c55-9a55-0d3f2f0c1a01";

	final InMemoryRpc rpc = new InMemoryRpc();

	final BasaltRpcProperties properties = new BasaltRpcProperties("basalt", "basalt-scheduler", "basalt-volume",
			Duration.ofSeconds(5), Duration.ofSeconds(5), 2, 16, true);

	final VolumeStore volumes = mock(VolumeStore.class);

	final AllocationQuery allocations = mock(AllocationQuery.class);

	final FakeScheduler fakeScheduler = new FakeScheduler();

	final SimpleAsyncTaskScheduler tasks = new SimpleAsyncTaskScheduler();

	FakeDriver driver;

	@BeforeEach
	void startScheduler() {
		this.rpc.server(Target.of("basalt", "basalt-scheduler").withServer("sched1"),
				List.of(Endpoint.of(this.fakeScheduler, SchedulerRpcApi.VERSION)))
			.start();
		when(this.allocations.allocatedGb(anyString(), anyString())).thenReturn(Map.of("fake", 10L));
	}

	@AfterEach
	void close() {
		this.tasks.close();
		this.rpc.close();
	}

	void startBackend(FakeDriverSettings settings) {
		this.driver = new FakeDriver(new DriverIdentity("fake", "nova", Map.of()), settings, d -> {
		}, RandomGenerator.getDefault());
		SchedulerRpcApi scheduler = new SchedulerRpcApi(this.rpc, this.properties);
		CapabilityReporter reporter = new CapabilityReporter("node1@fake", this.driver, this.allocations, scheduler,
				this.tasks, Clock.systemUTC(), RandomGenerator.getDefault(),
				new ReporterSettings(Duration.ofHours(1), Duration.ZERO, Duration.ofMillis(10)),
				new PoolCapacityGauges(new SimpleMeterRegistry(), "node1@fake"));
		BackendContext context = new BackendContext("node1@fake", this.driver, this.volumes,
				mock(SnapshotStore.class), reporter, Clock.systemUTC());
		CapacityGuard guard = new CapacityGuard();
		VolumeManager manager = new VolumeManager(context, new VolumeCreator(context, scheduler, guard, 3), guard,
				new OperationMetrics(new SimpleMeterRegistry(), "node1@fake"));
		this.rpc.server(Target.of("basalt", "basalt-volume").withServer("node1@fake").withVersion(VolumeRpcApi.VERSION),
				List.of(Endpoint.of(manager, VolumeRpcApi.VERSION)))
			.start();
	}

	RequestSpec spec() {
		return new RequestSpec(ID, "project", 10, new VolumeTypeSpec("t", "default", Map.of()), null, null, null,
				null);
	}

	/** A create_volume cast from the client stub creates the volume and marks the row available. */
	@Test
	void createVolumeOverRpc() {
		startBackend(FakeDriverSettings.thick(100));
		when(this.volumes.find(ID))
			.thenReturn(Optional.of(new VolumeRecord(ID, 10, "creating", "node1@fake#fake", null, false)));
		when(this.volumes.markAvailable(eq(ID), eq("node1@fake#fake"), anyString(), any()))
			.thenReturn(Optional.of(java.time.Instant.now()));

		new VolumeRpcApi(this.rpc, this.properties).createVolume(RequestContext.admin(), "node1@fake#fake", spec(),
				FilterProperties.FIRST_ATTEMPT);

		verify(this.volumes, timeout(5000)).markAvailable(eq(ID), eq("node1@fake#fake"), anyString(), any());
		assertThat(this.driver.volumes()).containsEntry(ID, 10);
	}

	/** A failed create reaches the scheduler as create_volume with the tried pool in the retry info. */
	@Test
	void rescheduleReachesTheScheduler() throws InterruptedException {
		startBackend(FakeDriverSettings.thick(100).withFailures(true, 0, 0));
		when(this.volumes.find(ID))
			.thenReturn(Optional.of(new VolumeRecord(ID, 10, "creating", "node1@fake#fake", null, false)));
		when(this.volumes.releaseForReschedule(eq(ID), eq("node1@fake#fake"), any())).thenReturn(true);

		new VolumeRpcApi(this.rpc, this.properties).createVolume(RequestContext.admin(), "node1@fake#fake", spec(),
				FilterProperties.FIRST_ATTEMPT);

		FilterProperties retried = this.fakeScheduler.creates.poll(5, TimeUnit.SECONDS);
		assertThat(retried).isNotNull();
		assertThat(retried.retry().numAttempts()).isEqualTo(2);
		assertThat(retried.retry().backends()).containsExactly("node1@fake#fake");
	}

	/** The publish_service_capabilities fanout makes the backend report to every scheduler. */
	@Test
	void publishAnswersWithCapabilities() throws InterruptedException {
		startBackend(FakeDriverSettings.thick(100));

		new VolumeRpcApi(this.rpc, this.properties).publishServiceCapabilities(RequestContext.admin());

		Report report = this.fakeScheduler.reports.poll(5, TimeUnit.SECONDS);
		assertThat(report).isNotNull();
		assertThat(report.host()).isEqualTo("node1@fake");
		assertThat(report.capabilities().pools()).hasSize(1);
		assertThat(report.capabilities().pools().get(0).totalCapacityGb()).isEqualTo(Capacity.of(100));
		assertThat(report.capabilities().pools().get(0).allocatedCapacityGb()).isEqualTo(10);
	}

	record Report(String host, BackendCapabilities capabilities, Instant timestamp) {
	}

	/** The scheduler's side of the two casts the volume service sends. */
	public static class FakeScheduler {

		final BlockingQueue<Report> reports = new LinkedBlockingQueue<>();

		final BlockingQueue<FilterProperties> creates = new LinkedBlockingQueue<>();

		@RpcMethod
		public void updateServiceCapabilities(RequestContext context, String serviceName, String host,
				BackendCapabilities capabilities, Instant timestamp) {
			this.reports.add(new Report(host, capabilities, timestamp));
		}

		@RpcMethod
		public void createVolume(RequestContext context, String volumeId, RequestSpec requestSpec,
				FilterProperties filterProperties) {
			this.creates.add(filterProperties);
		}

	}

}
