package io.basalt.volume.manager;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.DriverVolume;
import io.basalt.volume.driver.fake.FakeDriver;
import io.basalt.volume.driver.fake.FakeDriverSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

@Timeout(10)
class VolumeManagerTest {

	static final String ID = VolumeCreatorTest.ID;

	static final String SNAP = "0c5a1f7e-1111-4c55-9a55-0d3f2f0c1a02";

	static final String HOST = VolumeCreatorTest.HOST;

	static final Instant NOW = VolumeCreatorTest.NOW;

	final VolumeStore volumes = mock(VolumeStore.class);

	final SnapshotStore snapshots = mock(SnapshotStore.class);

	final CapabilityNotifier notifier = mock(CapabilityNotifier.class);

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final FakeDriver driver = new FakeDriver(new DriverIdentity("fake", "nova", Map.of()),
			FakeDriverSettings.thick(100), d -> {
			}, RandomGenerator.getDefault());

	final VolumeManager manager;

	VolumeManagerTest() {
		BackendContext backend = new BackendContext("node1@fake", this.driver, this.volumes, this.snapshots,
				this.notifier, Clock.fixed(NOW, ZoneOffset.UTC));
		CapacityGuard guard = new CapacityGuard();
		this.manager = new VolumeManager(backend,
				new VolumeCreator(backend, mock(SchedulerRpcApi.class), guard, 3), guard,
				new OperationMetrics(this.meters, "node1@fake"));
	}

	void row(String status, int size, boolean deleted) {
		when(this.volumes.find(ID)).thenReturn(Optional.of(new VolumeRecord(ID, size, status, HOST, null, deleted)));
	}

	double count(String operation, String outcome) {
		var timer = this.meters.find(OperationMetrics.TIMER)
			.tags("operation", operation, "outcome", outcome, "backend", "node1@fake")
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	/** Delete removes the volume from the driver, soft-deletes the row and asks for a report. */
	@Test
	void deleteRemovesAndSoftDeletes() {
		this.driver.createVolume(DriverVolume.of(ID, 10, "fake"));
		row("deleting", 10, false);
		when(this.volumes.markDeleted(ID, NOW)).thenReturn(true);

		this.manager.deleteVolume(RequestContext.admin(), ID);

		assertThat(this.driver.volumes()).isEmpty();
		verify(this.volumes).markDeleted(ID, NOW);
		verify(this.notifier).capacityChanged();
		assertThat(count("delete_volume", "success")).isEqualTo(1);
	}

	/** A redelivered delete for a soft-deleted row does nothing. */
	@Test
	void redeliveredDeleteDoesNothing() {
		row("deleted", 10, true);

		this.manager.deleteVolume(RequestContext.admin(), ID);

		verify(this.volumes, never()).markDeleted(any(), any());
		assertThat(count("delete_volume", "skipped")).isEqualTo(1);
	}

	/** A driver failure on delete puts the row in error_deleting. */
	@Test
	void deleteFailureIsErrorDeleting() {
		FakeDriver broken = mock(FakeDriver.class);
		when(broken.stats(false)).thenReturn(this.driver.stats(false));
		org.mockito.Mockito.doThrow(new io.basalt.volume.driver.DriverException("disk gone"))
			.when(broken)
			.deleteVolume(any());
		BackendContext backend = new BackendContext("node1@fake", broken, this.volumes, this.snapshots,
				this.notifier, Clock.fixed(NOW, ZoneOffset.UTC));
		VolumeManager manager = new VolumeManager(backend, null, new CapacityGuard(),
				new OperationMetrics(this.meters, "node1@fake"));
		row("deleting", 10, false);
		when(this.volumes.markFailed(any(), any(), any(), any(), any(), any())).thenReturn(true);

		manager.deleteVolume(RequestContext.admin(), ID);

		verify(this.volumes).markFailed(eq(ID), eq("deleting"), eq(HOST), eq("error_deleting"),
				eq("delete failed: disk gone"), eq(NOW));
		verify(this.volumes, never()).markDeleted(any(), any());
		assertThat(count("delete_volume", "failure")).isEqualTo(1);
	}

	/** Extend grows the volume and records the new size. */
	@Test
	void extendGrowsAndRecordsSize() {
		this.driver.createVolume(DriverVolume.of(ID, 10, "fake"));
		row("extending", 10, false);
		when(this.volumes.extendTarget(ID)).thenReturn(OptionalInt.of(20));
		when(this.volumes.markExtended(ID, 20, NOW)).thenReturn(true);

		this.manager.extendVolume(RequestContext.admin(), ID, 20);

		assertThat(this.driver.volumes()).containsEntry(ID, 20);
		verify(this.volumes).markExtended(ID, 20, NOW);
	}

	/** The size comes from the database, not the message: a forged new_size does not grow the volume further. */
	@Test
	void extendGoesToTheAcceptedSizeNotTheMessages() {
		this.driver.createVolume(DriverVolume.of(ID, 10, "fake"));
		row("extending", 10, false);
		when(this.volumes.extendTarget(ID)).thenReturn(OptionalInt.of(20));
		when(this.volumes.markExtended(ID, 20, NOW)).thenReturn(true);

		this.manager.extendVolume(RequestContext.admin(), ID, 5000);

		assertThat(this.driver.volumes()).containsEntry(ID, 20);
		verify(this.volumes).markExtended(ID, 20, NOW);
		verify(this.volumes, never()).markExtended(ID, 5000, NOW);
	}

	/** An extending row without an accepted size (not put there by the api) is left alone. */
	@Test
	void extendWithoutAcceptedSizeDoesNothing() {
		this.driver.createVolume(DriverVolume.of(ID, 10, "fake"));
		row("extending", 10, false);

		this.manager.extendVolume(RequestContext.admin(), ID, 20);

		assertThat(this.driver.volumes()).containsEntry(ID, 10);
		verify(this.volumes, never()).markExtended(any(), any(Integer.class), any());
		verify(this.volumes, never()).markExtendFailed(any(), any(), any(), any(Integer.class), any(), any());
	}

	/** Extend beyond the pool's room, or of a volume the driver lacks, ends in error_extending. */
	@Test
	void extendFailureIsErrorExtending() {
		this.driver.createVolume(DriverVolume.of(ID, 10, "fake"));
		row("extending", 10, false);
		when(this.volumes.extendTarget(ID)).thenReturn(OptionalInt.of(200));

		RequestContext context = RequestContext.admin();
		this.manager.extendVolume(context, ID, 200);

		// error_extending, and the 190 GiB of quota the api took for the extend given back
		verify(this.volumes).markExtendFailed(eq(ID), eq(HOST), anyString(), eq(190),
				eq(context.requestId()), eq(NOW));
		verify(this.volumes, never()).markExtended(any(), any(Integer.class), any());
		assertThat(this.driver.volumes()).containsEntry(ID, 10);
	}

	/** Extend of a row that is not extending does nothing. */
	@Test
	void extendOfAvailableRowDoesNothing() {
		row("available", 10, false);

		this.manager.extendVolume(RequestContext.admin(), ID, 20);

		verify(this.volumes, never()).markExtended(any(), any(Integer.class), any());
		verify(this.volumes, never()).markFailed(any(), any(), any(), any(), any(), any());
	}

	/** A snapshot of a volume on this backend is created and marked available, then deleted. */
	@Test
	void snapshotLifecycle() {
		this.driver.createVolume(DriverVolume.of(ID, 10, "fake"));
		VolumeRecord volume = new VolumeRecord(ID, 10, "available", HOST, null, false);
		when(this.snapshots.find(SNAP)).thenReturn(Optional.of(new SnapshotRecord(SNAP, "creating", false, volume)));
		when(this.snapshots.markAvailable(SNAP, NOW)).thenReturn(true);

		this.manager.createSnapshot(RequestContext.admin(), SNAP);

		assertThat(this.driver.snapshots()).containsEntry(SNAP, ID);
		verify(this.snapshots).markAvailable(SNAP, NOW);

		when(this.snapshots.find(SNAP)).thenReturn(Optional.of(new SnapshotRecord(SNAP, "deleting", false, volume)));
		when(this.snapshots.markDeleted(SNAP, NOW)).thenReturn(true);
		this.manager.deleteSnapshot(RequestContext.admin(), SNAP);

		assertThat(this.driver.snapshots()).isEmpty();
		verify(this.snapshots).markDeleted(SNAP, NOW);
	}

	/** A cascading delete removes the volume's deleting snapshots (each soft-deleted) before the volume. */
	@Test
	void deleteRemovesDeletingSnapshotsFirst() {
		this.driver.createVolume(DriverVolume.of(ID, 10, "fake"));
		VolumeRecord volume = new VolumeRecord(ID, 10, "deleting", HOST, null, false);
		this.driver.createSnapshot(new io.basalt.volume.driver.DriverSnapshot(SNAP, DriverVolume.of(ID, 10, "fake")));
		row("deleting", 10, false);
		when(this.snapshots.deletingOf(ID)).thenReturn(java.util.List.of(SNAP));
		when(this.snapshots.find(SNAP)).thenReturn(Optional.of(new SnapshotRecord(SNAP, "deleting", false, volume)));
		when(this.snapshots.markDeleted(SNAP, NOW)).thenReturn(true);
		when(this.volumes.markDeleted(ID, NOW)).thenReturn(true);

		this.manager.deleteVolume(RequestContext.admin(), ID);

		assertThat(this.driver.snapshots()).isEmpty();
		assertThat(this.driver.volumes()).isEmpty();
		var order = org.mockito.Mockito.inOrder(this.snapshots, this.volumes);
		order.verify(this.snapshots).markDeleted(SNAP, NOW);
		order.verify(this.volumes).markDeleted(ID, NOW);
	}

	/** A snapshot that cannot be deleted leaves the volume in error_deleting, not deleted. */
	@Test
	void deleteStopsAtASnapshotThatFails() {
		row("deleting", 10, false);
		VolumeRecord volume = new VolumeRecord(ID, 10, "deleting", HOST, null, false);
		when(this.snapshots.deletingOf(ID)).thenReturn(java.util.List.of(SNAP));
		when(this.snapshots.find(SNAP)).thenReturn(Optional.of(new SnapshotRecord(SNAP, "deleting", false, volume)));
		when(this.snapshots.markFailed(SNAP, "deleting", "error_deleting", NOW)).thenReturn(true);
		when(this.volumes.markFailed(any(), any(), any(), any(), any(), any())).thenReturn(true);
		FakeDriver broken = mock(FakeDriver.class);
		org.mockito.Mockito.doThrow(new io.basalt.volume.driver.DriverException("snapshot busy"))
			.when(broken)
			.deleteSnapshot(any());
		BackendContext backend = new BackendContext("node1@fake", broken, this.volumes, this.snapshots,
				this.notifier, Clock.fixed(NOW, ZoneOffset.UTC));
		VolumeManager manager = new VolumeManager(backend, null, new CapacityGuard(),
				new OperationMetrics(this.meters, "node1@fake"));

		manager.deleteVolume(RequestContext.admin(), ID);

		verify(this.volumes).markFailed(eq(ID), eq("deleting"), eq(HOST), eq("error_deleting"), anyString(), eq(NOW));
		verify(broken, never()).deleteVolume(any());
		verify(this.volumes, never()).markDeleted(any(), any());
	}

	/** A snapshot whose volume the driver lacks ends in error. */
	@Test
	void snapshotFailureIsError() {
		VolumeRecord volume = new VolumeRecord(ID, 10, "available", HOST, null, false);
		when(this.snapshots.find(SNAP)).thenReturn(Optional.of(new SnapshotRecord(SNAP, "creating", false, volume)));

		this.manager.createSnapshot(RequestContext.admin(), SNAP);

		verify(this.snapshots).markFailed(SNAP, "creating", "error", NOW);
	}

	/** publish_service_capabilities asks the reporter for a report now. */
	@Test
	void publishReportsNow() {
		this.manager.publishServiceCapabilities(RequestContext.admin());

		verify(this.notifier).publishNow();
	}

}
