package io.basalt.volume.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.basalt.rpc.RequestContext;
import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.fake.FakeDriver;
import io.basalt.volume.driver.fake.FakeDriverSettings;

/** The generic group operations: per-volume work, then the group's guarded status change. */
@Timeout(10)
class GroupHandlerTest {

	static final String GROUP = "9a9a9a9a-0000-4000-8000-000000000001";

	static final String GSNAP = "9a9a9a9a-0000-4000-8000-000000000002";

	static final Instant NOW = VolumeCreatorTest.NOW;

	static final String BACKEND = "node1@fake";

	final GroupStore store = mock(GroupStore.class);

	final VolumeManager manager = mock(VolumeManager.class);

	final SnapshotHandler snapshots = mock(SnapshotHandler.class);

	final GroupHandler handler;

	GroupHandlerTest() {
		FakeDriver driver = new FakeDriver(new DriverIdentity("fake", "nova", Map.of()), FakeDriverSettings.thick(100),
				d -> {
				}, RandomGenerator.getDefault());
		BackendContext backend = new BackendContext(BACKEND, driver, mock(VolumeStore.class),
				mock(SnapshotStore.class), null, Clock.fixed(NOW, ZoneOffset.UTC));
		this.handler = new GroupHandler(backend, this.store);
	}

	/** create_group moves a creating group of this backend to available. */
	@Test
	void createMakesTheGroupAvailable() {
		when(this.store.isGroup(GROUP, "creating", BACKEND)).thenReturn(true);
		when(this.store.moveGroup(GROUP, "creating", "available", NOW)).thenReturn(true);

		assertThat(this.handler.create(GROUP)).isEqualTo(Outcome.SUCCESS);
	}

	/** A redelivered create_group (the group moved on, or lives elsewhere) does nothing. */
	@Test
	void createOfAGroupNotCreatingHereIsSkipped() {
		assertThat(this.handler.create(GROUP)).isEqualTo(Outcome.SKIPPED);
		verify(this.store, never()).moveGroup(anyString(), anyString(), anyString(), any());
	}

	/** delete_group deletes each deleting volume, then the group (its quota given back by the store). */
	@Test
	void deleteDeletesEveryVolumeThenTheGroup() {
		when(this.store.isGroup(GROUP, "deleting", BACKEND)).thenReturn(true);
		when(this.store.volumesOf(GROUP, "deleting")).thenReturn(List.of("v1", "v2"));
		when(this.manager.delete(anyString())).thenReturn(Outcome.SUCCESS);
		when(this.store.markGroupDeleted(GROUP, NOW)).thenReturn(true);

		assertThat(this.handler.delete(this.manager, GROUP)).isEqualTo(Outcome.SUCCESS);
		verify(this.manager).delete("v1");
		verify(this.manager).delete("v2");
	}

	/** A volume that fails to delete leaves the group error_deleting, not deleted. */
	@Test
	void aFailedVolumeDeleteStopsTheGroupDelete() {
		when(this.store.isGroup(GROUP, "deleting", BACKEND)).thenReturn(true);
		when(this.store.volumesOf(GROUP, "deleting")).thenReturn(List.of("v1", "v2"));
		when(this.manager.delete("v1")).thenReturn(Outcome.FAILURE);

		assertThat(this.handler.delete(this.manager, GROUP)).isEqualTo(Outcome.FAILURE);
		verify(this.store).moveGroup(GROUP, "deleting", "error_deleting", NOW);
		verify(this.store, never()).markGroupDeleted(anyString(), any());
		verify(this.manager, never()).delete("v2");
	}

	/** update_group applies the additions and removals with the status change. */
	@Test
	void updateAppliesTheMembership() {
		when(this.store.isGroup(GROUP, "updating", BACKEND)).thenReturn(true);
		when(this.store.applyUpdate(GROUP, List.of("a"), List.of(), NOW)).thenReturn(true);

		assertThat(this.handler.update(GROUP, List.of("a"), null)).isEqualTo(Outcome.SUCCESS);
	}

	/** create_group_snapshot snaps every member; one failure makes the group snapshot error. */
	@Test
	void groupSnapshotIsAvailableOnlyWhenEverySnapshotIs() {
		when(this.store.isGroupSnapshot(GSNAP, "creating", BACKEND)).thenReturn(true);
		when(this.store.snapshotsOf(GSNAP, "creating")).thenReturn(List.of("s1", "s2"));
		when(this.snapshots.create("s1")).thenReturn(Outcome.SUCCESS);
		when(this.snapshots.create("s2")).thenReturn(Outcome.FAILURE);
		when(this.store.moveGroupSnapshot(GSNAP, "creating", "error", NOW)).thenReturn(true);

		assertThat(this.handler.createSnapshot(this.snapshots, GSNAP)).isEqualTo(Outcome.FAILURE);
		verify(this.snapshots).create("s2");
		verify(this.store, never()).moveGroupSnapshot(GSNAP, "creating", "available", NOW);
	}

	/** delete_group_snapshot deletes the member snapshots, then the group snapshot. */
	@Test
	void groupSnapshotDelete() {
		when(this.store.isGroupSnapshot(GSNAP, "deleting", BACKEND)).thenReturn(true);
		when(this.store.snapshotsOf(GSNAP, "deleting")).thenReturn(List.of("s1"));
		when(this.snapshots.delete("s1")).thenReturn(Outcome.SUCCESS);
		when(this.store.moveGroupSnapshot(GSNAP, "deleting", "deleted", NOW)).thenReturn(true);

		assertThat(this.handler.deleteSnapshot(this.snapshots, GSNAP)).isEqualTo(Outcome.SUCCESS);
	}

	/** A group made from a source creates its creating volumes (no reschedule), then becomes available. */
	@Test
	void fromSourceCreatesTheVolumesThenTheGroup() {
		VolumeCreator creator = mock(VolumeCreator.class);
		RequestContext context = RequestContext.admin();
		when(this.store.isGroup(GROUP, "creating", BACKEND)).thenReturn(true);
		when(this.store.volumesOf(GROUP, "creating")).thenReturn(List.of("v1"));
		when(creator.create(context, "v1", null, null)).thenReturn(Outcome.SUCCESS);
		when(this.store.moveGroup(GROUP, "creating", "available", NOW)).thenReturn(true);

		assertThat(this.handler.createFromSource(context, creator, GROUP)).isEqualTo(Outcome.SUCCESS);
	}

}
