package io.basalt.scheduler.sweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.scheduler.VolumeTypeSpec;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.ServiceStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.TaskScheduler;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** What {@link StuckVolumeSweeper} sends again for each kind of stuck volume. */
class StuckVolumeSweeperTest {

	private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

	private final StuckVolumeStore store = mock(StuckVolumeStore.class);

	private final SchedulerRpcApi schedulerRpc = mock(SchedulerRpcApi.class);

	private final VolumeRpcApi volumeRpc = mock(VolumeRpcApi.class);

	private final io.basalt.common.volume.MigrationStore migrations = mock(io.basalt.common.volume.MigrationStore.class);

	private final RequestSpec groupRequest = new RequestSpec(null, "p", 0, new VolumeTypeSpec("t", "gold", null),
			"nova", null, null, null, new io.basalt.common.scheduler.GroupSpec("g3", "gt", null,
					List.of(new VolumeTypeSpec("t", "gold", null))));

	private HostManager hostManager;

	private StuckVolumeSweeper sweeper;

	@BeforeEach
	void setUp() {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		this.hostManager = new HostManager(clock, Duration.ofSeconds(60));
		this.hostManager.updateServiceStatuses(List.of(
				new ServiceStatus("live@fake", "nova", false, null, NOW.minusSeconds(5)),
				new ServiceStatus("dead@fake", "nova", false, null, NOW.minusSeconds(600)),
				new ServiceStatus("off@fake", "nova", true, "maintenance", NOW.minusSeconds(5))));
		this.sweeper = new StuckVolumeSweeper(this.store, this.migrations, this.hostManager, this.schedulerRpc,
				this.volumeRpc,
				mock(TaskScheduler.class), clock, new SweeperProperties(true, Duration.ofSeconds(30),
						Duration.ofMinutes(2), 50, Duration.ofHours(6)),
				Duration.ofSeconds(60), new SimpleMeterRegistry());
		when(this.store.claim(anyString(), any(), any(), anyInt())).thenReturn(List.of());
		when(this.store.claimSnapshots(anyString(), any(), any(), anyInt())).thenReturn(List.of());
		when(this.store.claimExtending(any(), any(), anyInt())).thenReturn(List.of());
		when(this.store.claimReverting(any(), any(), anyInt())).thenReturn(List.of());
		when(this.store.startingMigrations(any(), anyInt())).thenReturn(List.of());
		when(this.store.migratingMigrations(any(), anyInt())).thenReturn(List.of());
		when(this.store.failUpdatingGroups(any(), any(), anyInt())).thenReturn(List.of());
		when(this.store.claimGroups(anyString(), any(), any(), anyInt())).thenReturn(List.of());
		when(this.store.claimGroupSnapshots(anyString(), any(), any(), anyInt())).thenReturn(List.of());
	}

	@Test
	void aMigrationStuckInStartingIsEndedInErrorWithItsRetypeTarget() {
		when(this.store.startingMigrations(NOW.minus(Duration.ofMinutes(2)), 50))
			.thenReturn(List.of(new StuckMigration("m1", "live@fake#pool", "t2"),
					new StuckMigration("m2", "dead@fake#pool", null)));

		this.sweeper.sweep();

		verify(this.migrations).fail(eq("m1"), eq("live@fake#pool"), eq(List.of("starting")), eq("t2"),
				org.mockito.ArgumentMatchers.startsWith("Migration did not start within 120 s"), anyString(),
				eq(io.basalt.common.message.MessageField.Action.SCHEDULE_ALLOCATE_VOLUME),
				eq(io.basalt.common.message.MessageField.Detail.UNKNOWN_ERROR), eq(NOW));
		verify(this.migrations).fail(eq("m2"), eq("dead@fake#pool"), eq(List.of("starting")), eq(null), anyString(),
				anyString(), any(), any(), eq(NOW));
	}

	@Test
	void aMigrationMigratingIsEndedPastItsOwnDeadlineOrOnADownSourceButNotWhileItsLiveSourceCopies() {
		when(this.store.migratingMigrations(NOW.minus(Duration.ofHours(6)), 50))
			.thenReturn(List.of(new StuckMigration("late", "live@fake#pool", "t2")));
		when(this.store.migratingMigrations(NOW.minus(Duration.ofMinutes(2)), 50))
			.thenReturn(List.of(new StuckMigration("copying", "live@fake#pool", null),
					new StuckMigration("orphan", "dead@fake#pool", null),
					new StuckMigration("paused", "off@fake#pool", "t3")));

		this.sweeper.sweep();

		verify(this.migrations).fail(eq("late"), eq("live@fake#pool"), eq(List.of("migrating")), eq("t2"),
				org.mockito.ArgumentMatchers.startsWith("Migration did not finish within 21600 s"), anyString(),
				eq(io.basalt.common.message.MessageField.Action.SCHEDULE_ALLOCATE_VOLUME),
				eq(io.basalt.common.message.MessageField.Detail.UNKNOWN_ERROR), eq(NOW));
		verify(this.migrations).fail(eq("orphan"), eq("dead@fake#pool"), eq(List.of("migrating")), eq(null),
				org.mockito.ArgumentMatchers.contains("dead@fake is down"), anyString(), any(), any(), eq(NOW));
		verify(this.migrations).fail(eq("paused"), eq("off@fake#pool"), eq(List.of("migrating")), eq("t3"),
				anyString(), anyString(), any(), any(), eq(NOW));
		verify(this.migrations, never()).fail(eq("copying"), anyString(), any(), any(), anyString(), anyString(),
				any(), any(), any());
	}

	@Test
	void groupsStuckInUpdatingAreMovedToErrorAfterStuckAfterAndNothingIsSent() {
		when(this.store.failUpdatingGroups(NOW.minus(Duration.ofMinutes(2)), NOW, 50))
			.thenReturn(List.of(new StuckGroup("g9", "error", "live@fake", false)));

		this.sweeper.sweep();

		verify(this.store).failUpdatingGroups(NOW.minus(Duration.ofMinutes(2)), NOW, 50);
		verifyNoInteractions(this.volumeRpc, this.schedulerRpc);
	}

	@Test
	void aStuckRevertOnALiveBackendIsSentAgainButNotOnADeadOneNorWithoutItsSnapshot() {
		when(this.store.claimReverting(eq(NOW.minus(Duration.ofMinutes(2))), eq(NOW), eq(50)))
			.thenReturn(List.of(new StuckRevert("r1", "live@fake#pool", "s1"), new StuckRevert("r2", "dead@fake#pool",
					"s2"), new StuckRevert("r3", "live@fake#pool", null)));

		this.sweeper.sweep();

		verify(this.volumeRpc).revertToSnapshot(any(), eq("live@fake#pool"), eq("r1"), eq("s1"));
		verify(this.volumeRpc, never()).revertToSnapshot(any(), anyString(), eq("r2"), any());
		verify(this.volumeRpc, never()).revertToSnapshot(any(), anyString(), eq("r3"), any());
	}

	@Test
	void stuckGroupsAndGroupSnapshotsOnALiveBackendAreSentAgain() {
		when(this.store.groupRequest("g3")).thenReturn(this.groupRequest);
		when(this.store.claimGroups(eq("creating"), eq(NOW.minus(Duration.ofMinutes(2))), eq(NOW), eq(50)))
			.thenReturn(List.of(new StuckGroup("g1", "creating", "live@fake", false),
					new StuckGroup("g2", "creating", "live@fake", true), new StuckGroup("g3", "creating", null, false),
					new StuckGroup("g4", "creating", "dead@fake", false)));
		when(this.store.claimGroups(eq("deleting"), any(), any(), anyInt()))
			.thenReturn(List.of(new StuckGroup("g5", "deleting", "live@fake", false),
					new StuckGroup("g6", "deleting", "off@fake", false)));
		when(this.store.claimGroupSnapshots(eq("creating"), any(), any(), anyInt()))
			.thenReturn(List.of(new StuckGroup("gs1", "creating", "live@fake", false)));
		when(this.store.claimGroupSnapshots(eq("deleting"), any(), any(), anyInt()))
			.thenReturn(List.of(new StuckGroup("gs2", "deleting", "live@fake", false),
					new StuckGroup("gs3", "deleting", "dead@fake", false)));

		this.sweeper.sweep();

		verify(this.volumeRpc).createGroup(any(), eq("live@fake"), eq("g1"));
		verify(this.volumeRpc).createGroupFromSrc(any(), eq("live@fake"), eq("g2"));
		verify(this.volumeRpc).deleteGroup(any(), eq("live@fake"), eq("g5"));
		verify(this.volumeRpc).createGroupSnapshot(any(), eq("live@fake"), eq("gs1"));
		verify(this.volumeRpc).deleteGroupSnapshot(any(), eq("live@fake"), eq("gs2"));
		verify(this.schedulerRpc).createGroup(any(), eq(this.groupRequest), eq(FilterProperties.FIRST_ATTEMPT));
		verify(this.volumeRpc, never()).createGroup(any(), any(), eq("g3"));
		verify(this.volumeRpc, never()).createGroup(any(), any(), eq("g4"));
		verify(this.volumeRpc, never()).deleteGroup(any(), any(), eq("g6"));
		verify(this.volumeRpc, never()).deleteGroupSnapshot(any(), any(), eq("gs3"));
	}

	@Test
	void aStuckExtendOnALiveBackendIsSentAgainToItsAcceptedSize() {
		when(this.store.claimExtending(eq(NOW.minus(Duration.ofMinutes(2))), eq(NOW), eq(50)))
			.thenReturn(List.of(new StuckExtend("e1", "live@fake#pool", 10, 25),
					new StuckExtend("e2", "dead@fake#pool", 10, 25), new StuckExtend("e3", "live@fake#pool", 10, null)));

		this.sweeper.sweep();

		verify(this.volumeRpc).extendVolume(any(), eq("live@fake#pool"), eq("e1"), eq(25));
		verify(this.volumeRpc, never()).extendVolume(any(), anyString(), eq("e2"), anyInt());
		verify(this.volumeRpc, never()).extendVolume(any(), anyString(), eq("e3"), anyInt());
	}

	@Test
	void stuckSnapshotsOnALiveBackendAreSentAgainAndOnADeadOneLeftAlone() {
		when(this.store.claimSnapshots(eq("creating"), eq(NOW.minus(Duration.ofMinutes(2))), eq(NOW), eq(50)))
			.thenReturn(List.of(new StuckSnapshot("s1", "creating", "live@fake#pool"),
					new StuckSnapshot("s2", "creating", "dead@fake#pool")));
		when(this.store.claimSnapshots(eq("deleting"), any(), any(), anyInt()))
			.thenReturn(List.of(new StuckSnapshot("s3", "deleting", "live@fake#pool"),
					new StuckSnapshot("s4", "deleting", null)));

		this.sweeper.sweep();

		verify(this.volumeRpc).createSnapshot(any(), eq("live@fake#pool"), eq("s1"));
		verify(this.volumeRpc).deleteSnapshot(any(), eq("live@fake#pool"), eq("s3"));
		verify(this.volumeRpc, never()).createSnapshot(any(), anyString(), eq("s2"));
		verify(this.volumeRpc, never()).deleteSnapshot(any(), any(), eq("s4"));
	}

	@Test
	void anUnplacedCreatingVolumeIsScheduledAgain() {
		StuckVolume v = stuck("creating", null);
		when(this.store.claim(eq("creating"), eq(NOW.minus(Duration.ofMinutes(2))), eq(NOW), eq(50)))
			.thenReturn(List.of(v));

		this.sweeper.sweep();

		verify(this.schedulerRpc).createVolume(any(), eq(v.requestSpec()), eq(FilterProperties.FIRST_ATTEMPT));
	}

	@Test
	void aCreatingVolumeOnALiveBackendIsSentToItAgain() {
		StuckVolume v = stuck("creating", "live@fake#pool");
		when(this.store.claim(eq("creating"), any(), any(), anyInt())).thenReturn(List.of(v));

		this.sweeper.sweep();

		verify(this.volumeRpc).createVolume(any(), eq("live@fake#pool"), eq(v.requestSpec()), any());
		verify(this.store, never()).release(anyString(), anyString(), anyString(), any());
	}

	@Test
	void aCreatingVolumeOnADeadOrDisabledBackendIsReleasedForRescheduling() {
		StuckVolume dead = stuck("creating", "dead@fake#pool");
		StuckVolume off = stuck("creating", "off@fake#pool");
		when(this.store.claim(eq("creating"), any(), any(), anyInt())).thenReturn(List.of(dead, off));

		this.sweeper.sweep();

		verify(this.store).release(eq(dead.id()), eq("dead@fake#pool"), anyString(), eq(NOW));
		verify(this.store).release(eq(off.id()), eq("off@fake#pool"), anyString(), eq(NOW));
		verify(this.volumeRpc, never()).createVolume(any(), anyString(), any(), any());
	}

	@Test
	void aDeletingVolumeOnALiveBackendIsDeletedAgainButNotOnADeadOne() {
		StuckVolume live = stuck("deleting", "live@fake#pool");
		StuckVolume dead = stuck("deleting", "dead@fake#pool");
		when(this.store.claim(eq("deleting"), any(), any(), anyInt())).thenReturn(List.of(live, dead));

		this.sweeper.sweep();

		verify(this.volumeRpc).deleteVolume(any(), eq("live@fake#pool"), eq(live.id()));
		verify(this.volumeRpc, never()).deleteVolume(any(), eq("dead@fake#pool"), anyString());
	}

	private static StuckVolume stuck(String status, String host) {
		String id = java.util.UUID.randomUUID().toString();
		return new StuckVolume(id, status, host,
				new RequestSpec(id, "p", 1, new VolumeTypeSpec("t", "__DEFAULT__", null), "nova", null, null, null));
	}

}
