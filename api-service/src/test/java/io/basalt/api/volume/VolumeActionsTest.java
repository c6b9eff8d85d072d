package io.basalt.api.volume;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import io.basalt.api.web.ApiException;
import io.basalt.common.state.VolumeStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The volume actions' preconditions and messages over mocked stores (the guarded SQL is ApiServiceIT's). */
class VolumeActionsTest {

	static final String ID = "1f76c9ec-c5e6-493f-9182-4cc3e7a4d8eb";

	final VolumeStore volumes = mock(VolumeStore.class);

	final VolumeActionStore store = mock(VolumeActionStore.class);

	final Clock clock = Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC);

	final VolumeActions actions = new VolumeActions(this.volumes, this.store, this.clock);

	static VolumeRecord volume(String status, boolean multiattach, String migration) {
		return new VolumeRecord(ID, "p", "u", null, null, 1, status, "detached", migration, null, "nova", "h@b#p", null,
				"59849b0c-be0e-47b2-badc-449b4ce2cf6b", "__DEFAULT__", null, null, null, false, multiattach, true, null,
				Instant.EPOCH, null, Map.of());
	}

	@Test
	void reserveOfAMultiattachVolumeAcceptsInUse() {
		when(this.volumes.transition(eq(ID), any(), any())).thenReturn(false);
		when(this.volumes.find(ID, null)).thenReturn(Optional.of(volume("error", true, null)));
		assertThatThrownBy(() -> this.actions.reserve(volume("error", true, null))).isInstanceOf(ApiException.class)
			.hasMessage("Invalid volume: Volume status must be available or in-use to reserve, but the status is "
					+ "error.");
		verify(this.volumes).transition(eq(ID), eq(VolumeStatus.ATTACH_MULTI), any());
	}

	@Test
	void beginDetachingOfAMigratingVolumeIsNoError() {
		when(this.store.beginDetaching(eq(ID), any())).thenReturn(false);
		this.actions.beginDetaching(volume("in-use", false, "migrating"));
		assertThatThrownBy(() -> this.actions.beginDetaching(volume("in-use", false, "success")))
			.hasMessageStartingWith("Invalid volume: Unable to detach volume.");
	}

	@Test
	void readonlyIsStoredAsPythonsStrOfABool() {
		when(this.store.setAdminMetadataIfStatus(anyString(), anyString(), anyString(), anyString())).thenReturn(true);
		this.actions.updateReadonlyFlag(volume("available", false, null), Map.of("readonly", "yes"));
		verify(this.store).setAdminMetadataIfStatus(ID, "available", "readonly", "True");
		this.actions.updateReadonlyFlag(volume("available", false, null), Map.of("readonly", false));
		verify(this.store).setAdminMetadataIfStatus(ID, "available", "readonly", "False");
	}

	@Test
	void setBootableNeedsItsField() {
		assertThatThrownBy(() -> this.actions.setBootable(volume("available", false, null), Map.of()))
			.hasMessageContaining("'bootable' is a required property");
		verify(this.store, never()).setBootable(any(), anyBoolean(), any());
	}

}
