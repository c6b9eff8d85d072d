package io.basalt.volume.manager;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.RetryInfo;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.rpc.RequestContext;
import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.fake.FakeDriver;
import io.basalt.volume.driver.fake.FakeDriverSettings;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@Timeout(10)
class VolumeCreatorTest {

	static final String ID = "6f1f7b5e-8a77-4c55-9a55-0d3f2f0c1a01";

	static final String HOST = "node1@fake#fake";

	static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

	final VolumeStore volumes = mock(VolumeStore.class);

	final SnapshotStore snapshots = mock(SnapshotStore.class);

	final SchedulerRpcApi scheduler = mock(SchedulerRpcApi.class);

	final CapabilityNotifier notifier = mock(CapabilityNotifier.class);

	final RequestContext context = RequestContext.admin();

	final RequestSpec spec = new RequestSpec(ID, "project", 10, new VolumeTypeSpec("t", "default", Map.of()), null,
			null, null, null);

	FakeDriver driver = fakeDriver(FakeDriverSettings.thick(100));

	static FakeDriver fakeDriver(FakeDriverSettings settings) {
		return new FakeDriver(new DriverIdentity("fake", "nova", Map.of()), settings, d -> {
		}, RandomGenerator.getDefault());
	}

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	VolumeCreator creator(int maxAttempts) {
		BackendContext backend = new BackendContext("node1@fake", this.driver, this.volumes, this.snapshots,
				this.notifier, Clock.fixed(NOW, ZoneOffset.UTC));
		return new VolumeCreator(backend, this.scheduler, new CapacityGuard(), maxAttempts, this.meters);
	}

	Timer createLatency() {
		return this.meters.get(VolumeCreator.CREATE_LATENCY).tag("backend", "node1@fake").timer();
	}

	void row(String status, String host, int size) {
		when(this.volumes.find(ID)).thenReturn(Optional.of(new VolumeRecord(ID, size, status, host, null, false)));
	}

	static FilterProperties attempt(int n) {
		return new FilterProperties(new RetryInfo(n, List.of(), null));
	}

	/** A create for a creating row on this backend makes the volume and marks the row available. */
	@Test
	void createsAndMarksAvailable() {
		row("creating", HOST, 10);
		when(this.volumes.markAvailable(eq(ID), eq(HOST), anyString(), eq(NOW)))
			.thenReturn(Optional.of(NOW.minusMillis(1500)));

		Outcome outcome = creator(3).create(this.context, ID, this.spec, attempt(1));

		assertThat(outcome).isEqualTo(Outcome.SUCCESS);
		assertThat(createLatency().count()).isEqualTo(1);
		assertThat(createLatency().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1500.0);
		assertThat(this.driver.volumes()).containsEntry(ID, 10);
		verify(this.volumes).markAvailable(ID, HOST, "fake://fake/fake/volume-" + ID, NOW);
		verify(this.notifier).capacityChanged();
		verifyNoInteractions(this.scheduler);
	}

	/** The back-end QoS keys of the request's type reach the driver, which records them (issue 10, item 1). */
	@Test
	void backEndQosSpecsOfTheTypeReachTheDriver() {
		row("creating", HOST, 10);
		when(this.volumes.markAvailable(eq(ID), eq(HOST), anyString(), eq(NOW))).thenReturn(Optional.of(NOW));
		RequestSpec withQos = new RequestSpec(ID, "project", 10,
				new VolumeTypeSpec("t", "gold", Map.of(), Map.of("read_iops_sec", "500", "total_bytes_sec", "1024")),
				null, null, null, null);

		assertThat(creator(3).create(this.context, ID, withQos, attempt(1))).isEqualTo(Outcome.SUCCESS);
		assertThat(this.driver.qosSpecs(ID)).containsExactlyInAnyOrderEntriesOf(
				Map.of("read_iops_sec", "500", "total_bytes_sec", "1024"));
		assertThat(this.driver.stats(false).pools().get(0).extra()).containsEntry("QoS_support", "True")
			.containsEntry("qos_keys", "*");
	}

	/** A type without QoS specs (or a request without a spec) gives the driver none. */
	@Test
	void noQosSpecsWithoutThem() {
		row("creating", HOST, 10);
		when(this.volumes.markAvailable(eq(ID), eq(HOST), anyString(), eq(NOW))).thenReturn(Optional.of(NOW));
		assertThat(creator(3).create(this.context, ID, null, attempt(1))).isEqualTo(Outcome.SUCCESS);
		assertThat(this.driver.qosSpecs(ID)).isEmpty();
	}

	/** A created_at later than now (clock skew between api and volume nodes) records zero, not a negative time. */
	@Test
	void createLatencyIsNeverNegative() {
		row("creating", HOST, 10);
		when(this.volumes.markAvailable(eq(ID), eq(HOST), anyString(), eq(NOW)))
			.thenReturn(Optional.of(NOW.plusSeconds(2)));

		assertThat(creator(3).create(this.context, ID, this.spec, attempt(1))).isEqualTo(Outcome.SUCCESS);
		assertThat(createLatency().count()).isEqualTo(1);
		assertThat(createLatency().totalTime(TimeUnit.MILLISECONDS)).isZero();
	}

	/** A row that moved on while the driver worked (markAvailable changes nothing) records no latency. */
	@Test
	void noLatencyWhenTheRowMovedOn() {
		row("creating", HOST, 10);
		when(this.volumes.markAvailable(eq(ID), eq(HOST), anyString(), eq(NOW))).thenReturn(Optional.empty());

		assertThat(creator(3).create(this.context, ID, this.spec, attempt(1))).isEqualTo(Outcome.SKIPPED);
		assertThat(createLatency().count()).isZero();
	}

	/** A redelivered create for a volume that is already available does nothing. */
	@Test
	void redeliveredCreateDoesNothing() {
		row("available", HOST, 10);

		Outcome outcome = creator(3).create(this.context, ID, this.spec, attempt(1));

		assertThat(outcome).isEqualTo(Outcome.SKIPPED);
		assertThat(this.driver.volumes()).isEmpty();
		verify(this.volumes, never()).markAvailable(any(), any(), any(), any());
		verify(this.volumes, never()).markCreateFailed(any(), any(), any(), any(), any());
		verifyNoInteractions(this.scheduler, this.notifier);
	}

	/** A create for a row placed on another backend (it was rescheduled meanwhile) does nothing. */
	@Test
	void createForAnotherBackendDoesNothing() {
		row("creating", "node2@fake#fake", 10);

		assertThat(creator(3).create(this.context, ID, this.spec, attempt(1))).isEqualTo(Outcome.SKIPPED);
		assertThat(this.driver.volumes()).isEmpty();
	}

	/** A create for a missing row does nothing. */
	@Test
	void createForMissingRowDoesNothing() {
		when(this.volumes.find(ID)).thenReturn(Optional.empty());

		assertThat(creator(3).create(this.context, ID, this.spec, attempt(1))).isEqualTo(Outcome.SKIPPED);
	}

	/** A driver failure with attempts left releases the row and casts the request back with this pool recorded. */
	@Test
	void failureWithAttemptsLeftReschedules() {
		this.driver = fakeDriver(FakeDriverSettings.thick(100).withFailures(true, 0, 0));
		row("creating", HOST, 10);
		when(this.volumes.releaseForReschedule(ID, HOST, NOW)).thenReturn(true);

		Outcome outcome = creator(3).create(this.context, ID, this.spec, attempt(1));

		assertThat(outcome).isEqualTo(Outcome.RESCHEDULED);
		ArgumentCaptor<FilterProperties> next = ArgumentCaptor.forClass(FilterProperties.class);
		verify(this.scheduler).createVolume(eq(this.context), eq(this.spec), next.capture());
		assertThat(next.getValue().retry().numAttempts()).isEqualTo(2);
		assertThat(next.getValue().retry().backends()).containsExactly(HOST);
		assertThat(next.getValue().retry().lastError()).contains("injected failure");
		verify(this.volumes, never()).markCreateFailed(any(), any(), any(), any(), any());
	}

	/** Earlier tried backends are kept when another one is added. */
	@Test
	void rescheduleKeepsEarlierTriedBackends() {
		this.driver = fakeDriver(FakeDriverSettings.thick(100).withFailures(true, 0, 0));
		row("creating", HOST, 10);
		when(this.volumes.releaseForReschedule(ID, HOST, NOW)).thenReturn(true);

		creator(3).create(this.context, ID, this.spec,
				new FilterProperties(new RetryInfo(2, List.of("node0@fake#fake"), "earlier")));

		ArgumentCaptor<FilterProperties> next = ArgumentCaptor.forClass(FilterProperties.class);
		verify(this.scheduler).createVolume(any(), any(), next.capture());
		assertThat(next.getValue().retry().numAttempts()).isEqualTo(3);
		assertThat(next.getValue().retry().backends()).containsExactly("node0@fake#fake", HOST);
	}

	/** A driver failure on the last attempt puts the volume in error with the reason, and casts nothing. */
	@Test
	void failureOnLastAttemptIsAnError() {
		this.driver = fakeDriver(FakeDriverSettings.thick(100).withFailures(true, 0, 0));
		row("creating", HOST, 10);
		when(this.volumes.markCreateFailed(eq(ID), eq(HOST), anyString(), eq(this.context.requestId()), eq(NOW)))
			.thenReturn(true);

		Outcome outcome = creator(3).create(this.context, ID, this.spec, attempt(3));

		assertThat(outcome).isEqualTo(Outcome.FAILURE);
		verify(this.volumes).markCreateFailed(eq(ID), eq(HOST),
				startsWith("create failed after 3 of 3 attempts: injected failure"), eq(this.context.requestId()),
				eq(NOW));
		verify(this.volumes, never()).releaseForReschedule(any(), any(), any());
		verifyNoInteractions(this.scheduler);
	}

	/** With one attempt allowed a failure is an error at once. */
	@Test
	void singleAttemptNeverReschedules() {
		this.driver = fakeDriver(FakeDriverSettings.thick(100).withFailures(true, 0, 0));
		row("creating", HOST, 10);
		when(this.volumes.markCreateFailed(any(), any(), any(), any(), any())).thenReturn(true);

		assertThat(creator(1).create(this.context, ID, this.spec, attempt(1))).isEqualTo(Outcome.FAILURE);
		verifyNoInteractions(this.scheduler);
	}

	/** A pool that cannot hold the volume (another scheduler filled it) sends the request back without a create. */
	@Test
	void capacityRecheckReschedules() {
		this.driver = fakeDriver(FakeDriverSettings.thick(100));
		this.driver.createVolume(io.basalt.volume.driver.DriverVolume.of("other", 95, "fake"));
		row("creating", HOST, 10);
		when(this.volumes.releaseForReschedule(ID, HOST, NOW)).thenReturn(true);

		Outcome outcome = creator(3).create(this.context, ID, this.spec, attempt(1));

		assertThat(outcome).isEqualTo(Outcome.RESCHEDULED);
		assertThat(this.driver.volumes()).containsOnlyKeys("other");
		ArgumentCaptor<FilterProperties> next = ArgumentCaptor.forClass(FilterProperties.class);
		verify(this.scheduler).createVolume(any(), any(), next.capture());
		assertThat(next.getValue().retry().lastError()).contains("cannot hold 10 GiB");
		assertThat(next.getValue().retry().backends()).containsExactly(HOST);
	}

	/** If the row changed before it could be released, nothing is cast (someone else owns it now). */
	@Test
	void noRescheduleWhenRowChanged() {
		this.driver = fakeDriver(FakeDriverSettings.thick(100).withFailures(true, 0, 0));
		row("creating", HOST, 10);
		when(this.volumes.releaseForReschedule(ID, HOST, NOW)).thenReturn(false);

		assertThat(creator(3).create(this.context, ID, this.spec, attempt(1))).isEqualTo(Outcome.SKIPPED);
		verifyNoInteractions(this.scheduler);
	}

	/** A failed reschedule cast puts the released row in error rather than leaving it without a host. */
	@Test
	void failedRescheduleCastIsAnError() {
		this.driver = fakeDriver(FakeDriverSettings.thick(100).withFailures(true, 0, 0));
		row("creating", HOST, 10);
		when(this.volumes.releaseForReschedule(ID, HOST, NOW)).thenReturn(true);
		org.mockito.Mockito.doThrow(new IllegalStateException("broker away"))
			.when(this.scheduler)
			.createVolume(any(), any(), any());

		assertThat(creator(3).create(this.context, ID, this.spec, attempt(1))).isEqualTo(Outcome.FAILURE);
		verify(this.volumes).markFailed(eq(ID), eq("creating"), eq(null), eq("error"),
				startsWith("reschedule failed"), eq(NOW));
	}

}
