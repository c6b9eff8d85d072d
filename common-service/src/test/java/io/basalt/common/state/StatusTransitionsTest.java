package io.basalt.common.state;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status types' wire values, their {@code from} and the transition tables. */
class StatusTransitionsTest {

	/** cinder-api-v3.md §4, as the api-service listed them before this type owned them. */
	private static final Set<String> CINDER_VOLUME_STATUSES = Set.of("creating", "available", "deleting", "error",
			"error_deleting", "error_managing", "managing", "attaching", "in-use", "detaching", "maintenance",
			"restoring-backup", "error_restoring", "reserved", "awaiting-transfer", "backing-up", "error_backing-up",
			"error_extending", "downloading", "uploading", "retyping", "extending");

	@Test
	void volumeStatusesAreCindersPlusRevertingAndDeleted() {
		assertThat(Arrays.stream(VolumeStatus.values()).map(VolumeStatus::wire).collect(Collectors.toSet()))
			.containsAll(CINDER_VOLUME_STATUSES)
			.contains("reverting", "deleted")
			.hasSize(CINDER_VOLUME_STATUSES.size() + 2);
		assertThat(VolumeStatus.API.stream().map(VolumeStatus::wire).collect(Collectors.toSet()))
			.isEqualTo(CINDER_VOLUME_STATUSES);
		assertThat(VolumeStatus.isApiStatus("in-use")).isTrue();
		assertThat(VolumeStatus.isApiStatus("reverting")).isFalse();
	}

	@Test
	void snapshotStatusesAreCinders() {
		assertThat(Arrays.stream(SnapshotStatus.values()).map(SnapshotStatus::wire))
			.containsExactlyInAnyOrder("creating", "available", "deleting", "error", "error_deleting", "restoring",
					"backing-up", "unmanaging", "updating", "deleted");
	}

	@Test
	void fromReadsEveryWireValueBack() {
		for (VolumeStatus s : VolumeStatus.values()) {
			assertThat(VolumeStatus.from(s.wire())).isSameAs(s);
		}
		for (SnapshotStatus s : SnapshotStatus.values()) {
			assertThat(SnapshotStatus.from(s.wire())).isSameAs(s);
		}
		assertThat(VolumeStatus.from("in-use")).isEqualTo(VolumeStatus.IN_USE);
		assertThat(AttachStatus.from("attached")).isEqualTo(AttachStatus.ATTACHED);
		assertThat(MigrationStatus.from("starting")).isEqualTo(MigrationStatus.STARTING);
		assertThat(GroupStatus.from("error_deleting")).isEqualTo(GroupStatus.ERROR_DELETING);
	}

	@Test
	void fromFailsNamingTheUnknownValueAndTheKnownOnes() {
		assertThatThrownBy(() -> VolumeStatus.from("in_use")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("unknown VolumeStatus 'in_use'")
			.hasMessageContaining("in-use");
		assertThatThrownBy(() -> SnapshotStatus.from("IN-USE")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("unknown SnapshotStatus 'IN-USE'");
		assertThatThrownBy(() -> VolumeStatus.from(null)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void theVolumeLifecycle() {
		assertThat(VolumeStatus.CREATING.mayGoTo(VolumeStatus.AVAILABLE)).isTrue();
		assertThat(VolumeStatus.CREATING.mayGoTo(VolumeStatus.ERROR)).isTrue();
		assertThat(VolumeStatus.CREATING.mayGoTo(VolumeStatus.IN_USE)).isFalse();
		assertThat(VolumeStatus.AVAILABLE.mayGoTo(VolumeStatus.CREATING)).isFalse();
		assertThat(VolumeStatus.AVAILABLE.mayGoTo(VolumeStatus.EXTENDING)).isTrue();
		assertThat(VolumeStatus.EXTENDING.mayGoTo(VolumeStatus.ERROR_EXTENDING)).isTrue();
		assertThat(VolumeStatus.EXTENDING.mayGoTo(VolumeStatus.ERROR)).isFalse();
		assertThat(VolumeStatus.DELETING.mayGoTo(VolumeStatus.DELETED)).isTrue();
		assertThat(VolumeStatus.DELETING.mayGoTo(VolumeStatus.AVAILABLE)).isFalse();
		assertThat(VolumeStatus.AVAILABLE.mayGoTo(VolumeStatus.DELETED)).isFalse();
		assertThat(VolumeStatus.AWAITING_TRANSFER.mayGoTo(VolumeStatus.AVAILABLE)).isTrue();
		assertThat(VolumeStatus.AWAITING_TRANSFER.mayGoTo(VolumeStatus.IN_USE)).isFalse();
	}

	@Test
	void aForcedDeleteMayStartFromAnyLiveStatusAndNothingLeavesDeleted() {
		for (VolumeStatus s : EnumSet.complementOf(EnumSet.of(VolumeStatus.DELETED, VolumeStatus.DELETING))) {
			assertThat(s.mayGoTo(VolumeStatus.DELETING)).as(s.wire()).isTrue();
		}
		for (VolumeStatus s : VolumeStatus.values()) {
			assertThat(VolumeStatus.DELETED.mayGoTo(s)).as(s.wire()).isFalse();
		}
		for (SnapshotStatus s : SnapshotStatus.values()) {
			assertThat(SnapshotStatus.DELETED.mayGoTo(s)).as(s.wire()).isFalse();
		}
	}

	@Test
	void theSnapshotLifecycle() {
		assertThat(SnapshotStatus.CREATING.mayGoTo(SnapshotStatus.AVAILABLE)).isTrue();
		assertThat(SnapshotStatus.AVAILABLE.mayGoTo(SnapshotStatus.RESTORING)).isTrue();
		assertThat(SnapshotStatus.RESTORING.mayGoTo(SnapshotStatus.AVAILABLE)).isTrue();
		assertThat(SnapshotStatus.AVAILABLE.mayGoTo(SnapshotStatus.CREATING)).isFalse();
		assertThat(SnapshotStatus.DELETING.mayGoTo(SnapshotStatus.DELETED)).isTrue();
		assertThat(SnapshotStatus.ERROR.mayGoTo(SnapshotStatus.DELETED)).isFalse();
	}

	@Test
	void aTransitionTheTableForbidsCannotBeNamed() {
		assertThatThrownBy(() -> Transition.of(VolumeStatus.CREATING, VolumeStatus.AVAILABLE))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("available may not go to creating");
		assertThatThrownBy(() -> Transition.of(VolumeStatus.DELETED, VolumeStatus.AVAILABLE, VolumeStatus.DELETING))
			.hasMessageContaining("available may not go to deleted");
		assertThatThrownBy(() -> Transition.of(EnumSet.noneOf(VolumeStatus.class), VolumeStatus.ERROR))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aTransitionGivesItsBindValues() {
		Transition<VolumeStatus> t = Transition.of(VolumeStatus.DELETING, VolumeStatus.ERROR, VolumeStatus.AVAILABLE);
		assertThat(t.toWire()).isEqualTo("deleting");
		assertThat(t.fromWires()).containsExactly("available", "error");
		assertThat(t.accepts("error")).isTrue();
		assertThat(t.accepts("in-use")).isFalse();
		assertThatThrownBy(t::fromWire).isInstanceOf(IllegalStateException.class);
		assertThat(VolumeStatus.CREATE_FAILED.fromWire()).isEqualTo("creating");
		assertThat(VolumeStatus.CREATE_FAILED.toWire()).isEqualTo("error");
		assertThat(VolumeStatus.wires(VolumeStatus.DELETABLE)).containsExactly("available", "error",
				"error_extending", "error_managing", "error_restoring");
	}

	@Test
	void everyNamedTransitionIsInTheTable() {
		for (Transition<VolumeStatus> t : List.of(VolumeStatus.CREATED, VolumeStatus.CREATE_FAILED,
				VolumeStatus.DELETED_BY_BACKEND, VolumeStatus.DELETE_FAILED, VolumeStatus.EXTENDED,
				VolumeStatus.EXTEND_REFUSED, VolumeStatus.EXTEND_FAILED, VolumeStatus.REVERT, VolumeStatus.REVERTED,
				VolumeStatus.REVERT_FAILED, VolumeStatus.TRANSFERRED, VolumeStatus.BEGIN_DETACHING)) {
			assertThat(t.from()).allMatch(f -> f.mayGoTo(t.to()));
		}
		for (Transition<SnapshotStatus> t : List.of(SnapshotStatus.CREATED, SnapshotStatus.CREATE_FAILED,
				SnapshotStatus.DELETED_BY_BACKEND, SnapshotStatus.DELETE_FAILED, SnapshotStatus.DELETE,
				SnapshotStatus.RESTORE, SnapshotStatus.RESTORED)) {
			assertThat(t.from()).allMatch(f -> f.mayGoTo(t.to()));
		}
	}

	@Test
	void allWiresCoversEveryStatusType() {
		assertThat(WireStatus.allWires()).contains("in-use", "attached", "starting", "unmanaging", "error_extending");
	}

	@Test
	void theResetListsAreCindersAsTheApiWroteThemBefore() {
		assertThat(WireStatus.wires(SnapshotStatus.RESETTABLE)).containsExactlyInAnyOrder("error", "available",
				"creating", "deleting", "deleted", "updating", "error_deleting", "unmanaging", "backing-up",
				"restoring");
		assertThat(WireStatus.wires(GroupStatus.RESETTABLE)).containsExactlyInAnyOrder("error", "available",
				"creating", "deleting", "deleted", "updating", "in-use", "error_deleting");
		assertThat(WireStatus.wires(GroupStatus.SNAPSHOT_RESETTABLE)).containsExactlyInAnyOrder("error",
				"available", "creating", "deleting", "deleted", "updating", "error_deleting");
		assertThat(WireStatus.wires(MigrationStatus.RESETTABLE)).containsExactlyInAnyOrder("migrating", "error",
				"success", "completing", "starting");
		assertThat(WireStatus.wires(VolumeStatus.MIGRATABLE)).containsExactly("available", "in-use");
		assertThat(WireStatus.wires(VolumeStatus.CLONABLE)).containsExactly("available", "in-use");
		assertThat(WireStatus.wires(VolumeStatus.GROUP_ADDABLE)).containsExactly("available", "in-use");
	}

	@Test
	void theApisTransitionsAreTheOnesItTookByHand() {
		assertThat(VolumeStatus.ATTACH.fromWires()).containsExactly("available");
		assertThat(VolumeStatus.ATTACH_MULTI.fromWires()).containsExactly("available", "in-use");
		assertThat(VolumeStatus.ATTACH.toWire()).isEqualTo("attaching");
		assertThat(VolumeStatus.ROLL_DETACHING).isEqualTo(Transition.of(VolumeStatus.IN_USE, VolumeStatus.DETACHING));
		assertThat(VolumeStatus.OFFER_TRANSFER)
			.isEqualTo(Transition.of(VolumeStatus.AWAITING_TRANSFER, VolumeStatus.AVAILABLE));
		assertThat(VolumeStatus.WITHDRAW_TRANSFER)
			.isEqualTo(Transition.of(VolumeStatus.AVAILABLE, VolumeStatus.AWAITING_TRANSFER));
		assertThat(SnapshotStatus.USER_DELETE.fromWires()).containsExactly("available", "error");
		assertThat(SnapshotStatus.USER_DELETE.toWire()).isEqualTo("deleting");
	}

	@Test
	void isAndIsInCompareWireValuesAndTakeNullOrUnknownWords() {
		assertThat(VolumeStatus.IN_USE.is("in-use")).isTrue();
		assertThat(VolumeStatus.IN_USE.is(null)).isFalse();
		assertThat(WireStatus.isIn("in-use", VolumeStatus.MIGRATABLE)).isTrue();
		assertThat(WireStatus.isIn("error_managing_deleting", VolumeStatus.API)).isFalse();
		assertThat(WireStatus.isIn(null, VolumeStatus.API)).isFalse();
		assertThat(WireStatus.wireList(VolumeStatus.MIGRATABLE)).containsExactly("available", "in-use");
	}

}
