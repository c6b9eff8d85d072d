package io.basalt.api.attachment;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.basalt.common.state.AttachStatus;
import io.basalt.common.state.VolumeStatus;

/**
 * The attachment state rules, Cinder Zed's (one owner for them in Basalt):
 * <ul>
 * <li>which volume statuses a new attachment may reserve ({@code _attachment_reserve}): {@code available} or
 * {@code downloading}, and {@code in-use} too for a multi-attachable volume;</li>
 * <li>the volume's status and attach_status from its live attachments ({@code _get_statuses_from_attachments}):
 * the attachments in an {@code error_*} status are ignored, the first of the others in alphabetical order wins
 * ({@code attached} &gt; {@code attaching} &gt; {@code detaching} &gt; {@code reserved}); none means
 * {@code detached}; the volume status is the same word except {@code attached} → {@code in-use} and
 * {@code detached} → {@code available}.</li>
 * </ul>
 * The status words themselves are common-service's ({@link AttachStatus}, {@link VolumeStatus}). Stateless.
 */
public final class AttachmentStatuses {

	public static final String RESERVED = AttachStatus.RESERVED.wire();

	public static final String ATTACHING = AttachStatus.ATTACHING.wire();

	public static final String ATTACHED = AttachStatus.ATTACHED.wire();

	public static final String DETACHING = AttachStatus.DETACHING.wire();

	public static final String DETACHED = AttachStatus.DETACHED.wire();

	public static final String ERROR_ATTACHING = AttachStatus.ERROR_ATTACHING.wire();

	/** The attach modes ({@code mode} of os-attach, 3.54's attachment-create, a connector's {@code mode}). */
	public static final Set<String> MODES = Set.of("rw", "ro");

	private AttachmentStatuses() {
	}

	/** A volume's status and attach_status. */
	public record VolumeState(String status, String attachStatus) {
	}

	/** The statuses a volume may be reserved from for a new attachment. */
	public static List<String> reservable(boolean multiattach) {
		return multiattach
				? List.of(VolumeStatus.AVAILABLE.wire(), VolumeStatus.IN_USE.wire(), VolumeStatus.DOWNLOADING.wire())
				: List.of(VolumeStatus.AVAILABLE.wire(), VolumeStatus.DOWNLOADING.wire());
	}

	/** Cinder's {@code build_or_str}: {@code "a or b or c"}. */
	public static String orList(List<String> statuses) {
		return String.join(" or ", statuses);
	}

	/** The volume's state given the attach statuses of its live (not deleted) attachments. */
	public static VolumeState volumeState(Collection<String> liveAttachStatuses) {
		String winner = liveAttachStatuses.stream()
			.filter(s -> s != null && !s.startsWith("error_"))
			.sorted()
			.findFirst()
			.orElse(DETACHED);
		String status = winner.equals(ATTACHED) ? VolumeStatus.IN_USE.wire()
				: winner.equals(DETACHED) ? VolumeStatus.AVAILABLE.wire() : winner;
		return new VolumeState(status, winner);
	}

}
