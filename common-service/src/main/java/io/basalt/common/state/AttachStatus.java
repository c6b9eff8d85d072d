package io.basalt.common.state;

/**
 * A volume's {@code attach_status} and an attachment's (Cinder Zed's {@code VolumeAttachStatus}): the wire values bound to the SQL that writes or guards the column, so that no SQL text names one. Its
 * rules live with the code that owns that resource; {@link #mayGoTo} allows every change.
 */
public enum AttachStatus implements WireStatus<AttachStatus> {

	RESERVED("reserved"), ATTACHING("attaching"), ATTACHED("attached"), DETACHING("detaching"), DETACHED("detached"), ERROR_ATTACHING("error_attaching"), ERROR_DETACHING("error_detaching"), DELETED("deleted");

	private final String wire;

	AttachStatus(String wire) {
		this.wire = wire;
	}

	@Override
	public String wire() {
		return this.wire;
	}

	@Override
	public String toString() {
		return this.wire;
	}

	@Override
	public boolean mayGoTo(AttachStatus to) {
		return true;
	}

	/** The status whose wire value is {@code wire}; IllegalArgumentException naming it if none is. */
	public static AttachStatus from(String wire) {
		return WireStatus.from(AttachStatus.class, wire);
	}

}
