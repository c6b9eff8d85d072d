package io.basalt.api.attachment;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.basalt.api.volume.VolumeRecord;
import io.basalt.api.web.ApiException;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.rpc.RpcTimeoutException;
import io.basalt.api.web.ApiRequest;
import io.basalt.api.web.ApiVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The legacy attach actions' preconditions and messages over a mocked store (the SQL is AttachmentsIT's). */
class LegacyAttachActionsTest {

	static final String ID = "1f76c9ec-c5e6-493f-9182-4cc3e7a4d8eb";

	final AttachmentStore store = mock(AttachmentStore.class);

	final VolumeRpcApi rpc = mock(VolumeRpcApi.class);

	final LegacyAttachActions actions = new LegacyAttachActions(this.store, this.rpc,
			Clock.fixed(Instant.parse("2026-12-02T00:00:00Z"), ZoneOffset.UTC));

	final ApiRequest req = new ApiRequest(RequestContext.admin(), ApiVersion.parse("3.0"), "p", "http://x");

	static VolumeRecord volume(String status, boolean multiattach) {
		return new VolumeRecord(ID, "p", "u", null, null, 1, status, "detached", null, null, "nova", "h@b#p", null,
				"59849b0c-be0e-47b2-badc-449b4ce2cf6b", "__DEFAULT__", null, null, null, false, multiattach, true, null,
				Instant.EPOCH, null, Map.of());
	}

	static AttachmentRecord attachment(String id) {
		return new AttachmentRecord(id, ID, "p", null, "h", "/dev/vdb", "attached", "rw", null, null, Instant.EPOCH,
				null, Instant.EPOCH);
	}

	@Test
	void detachInMaintenanceTouchesNothing() {
		assertThatThrownBy(() -> this.actions.detach(this.req, volume("maintenance", false), Map.of()))
			.hasMessage("Invalid volume: The volume cannot be detached in maintenance mode.");
		verify(this.store, never()).detached(any(), any(), any(), any());
	}

	@Test
	void detachOfSeveralAttachmentsNeedsAnId() {
		when(this.store.ofVolume(ID)).thenReturn(List.of(attachment("a1"), attachment("a2")));
		assertThatThrownBy(() -> this.actions.detach(this.req, volume("in-use", true), Map.of()))
			.hasMessage("Invalid volume: Detach volume failed: More than one attachment, but no attachment_id "
					+ "provided.");
		verify(this.store, never()).detached(any(), any(), any(), any());
	}

	@Test
	void initializeConnectionOfAVolumeWithoutHostIsTheRequestsFault() {
		VolumeRecord v = volume("error", false);
		VolumeRecord hostless = new VolumeRecord(v.id(), v.projectId(), v.userId(), null, null, 1, "error", "detached",
				null, null, "nova", null, null, "59849b0c-be0e-47b2-badc-449b4ce2cf6b", "__DEFAULT__", null, null, null,
				false, false, true, null, Instant.EPOCH, null, Map.of());
		assertThatThrownBy(() -> this.actions.initializeConnection(this.req, hostless,
				Map.of("connector", Map.of("host", "h"))))
			.isInstanceOfSatisfying(ApiException.class, ex -> org.assertj.core.api.Assertions
				.assertThat(ex.status().value()).isEqualTo(400))
			.hasMessage("Invalid volume: Volume " + ID + " is not on any backend (status error): it has no "
					+ "connection to initialize.");
		verify(this.rpc, never()).initializeConnection(any(), any(), any(), any());
	}

	@Test
	void attachNeedsExactlyOneTarget() {
		assertThatThrownBy(() -> this.actions.attach(this.req, volume("available", false),
				Map.of("instance_uuid", ID, "host_name", "h", "mountpoint", "/dev/vdb")))
			.isInstanceOf(ApiException.class)
			.hasMessageStartingWith("Invalid request to attach volume to an instance");
		assertThatThrownBy(() -> this.actions.attach(this.req, volume("available", false),
				Map.of("mountpoint", "/dev/vdb")))
			.hasMessage("Invalid request to attach volume to an invalid target");
		assertThatThrownBy(() -> this.actions.attach(this.req, volume("available", false),
				Map.of("host_name", "h", "mountpoint", "/dev/vdb", "mode", "rx")))
			.hasMessageContaining("is not one of ['rw', 'ro']");
		verify(this.store, never()).insertAttached(any(), any(), any(), any());
	}

	@Test
	void aTimedOutTerminateIsCindersFaultAndDetachesNothing() {
		org.mockito.Mockito.doThrow(new RpcTimeoutException("timed out")).when(this.rpc)
			.terminateConnection(any(), any(), any(), any(), anyBoolean());
		assertThatThrownBy(() -> this.actions.forceDetach(this.req, volume("in-use", false), Map.of()))
			.isInstanceOf(ApiException.class)
			.hasMessage("Unable to terminate volume connection from backend.");
		verify(this.store, never()).detached(any(), any(), any(), any());
	}

}
