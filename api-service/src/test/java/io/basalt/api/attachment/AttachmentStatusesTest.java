package io.basalt.api.attachment;

import java.util.List;
import java.util.stream.Stream;

import io.basalt.api.attachment.AttachmentStatuses.VolumeState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Cinder's attachment state rules: what a volume's attachments make of its status. */
class AttachmentStatusesTest {

	static Stream<Arguments> volumeStates() {
		return Stream.of(Arguments.of(List.of(), "available", "detached"),
				Arguments.of(List.of("reserved"), "reserved", "reserved"),
				Arguments.of(List.of("attaching"), "attaching", "attaching"),
				Arguments.of(List.of("attached"), "in-use", "attached"),
				Arguments.of(List.of("reserved", "attached"), "in-use", "attached"),
				Arguments.of(List.of("reserved", "attaching"), "attaching", "attaching"),
				Arguments.of(List.of("detaching", "reserved"), "detaching", "detaching"),
				// error_* attachments are ignored: a volume with only failed ones is available
				Arguments.of(List.of("error_attaching"), "available", "detached"),
				Arguments.of(List.of("error_attaching", "reserved"), "reserved", "reserved"),
				Arguments.of(List.of("error_detaching", "attached"), "in-use", "attached"));
	}

	@ParameterizedTest
	@MethodSource
	void volumeStates(List<String> attachments, String status, String attachStatus) {
		assertThat(AttachmentStatuses.volumeState(attachments)).isEqualTo(new VolumeState(status, attachStatus));
	}

	@Test
	void onlyMultiattachVolumesMayBeReservedInUse() {
		assertThat(AttachmentStatuses.reservable(false)).containsExactly("available", "downloading");
		assertThat(AttachmentStatuses.reservable(true)).containsExactly("available", "in-use", "downloading");
		assertThat(AttachmentStatuses.orList(AttachmentStatuses.reservable(false)))
			.isEqualTo("available or downloading");
	}

	@Test
	void theModeComesFromTheRequestThenTheConnector() {
		assertThat(AttachmentApi.mode("ro", java.util.Map.of("mode", "rw"))).isEqualTo("ro");
		assertThat(AttachmentApi.mode(null, java.util.Map.of("mode", "ro"))).isEqualTo("ro");
		assertThat(AttachmentApi.mode(null, java.util.Map.of("mode", "bad"))).isEqualTo("rw");
		assertThat(AttachmentApi.mode(null, java.util.Map.of())).isEqualTo("rw");
	}

}
