package io.basalt.volume.manager;

import java.util.Locale;

/** How one manager operation ended, the {@code outcome} tag of {@code basalt.volume.operations}. */
public enum Outcome {

	/** The operation was carried out. */
	SUCCESS,
	/** The driver failed and the row went to an error status. */
	FAILURE,
	/** A create failed here and was sent back to the scheduler. */
	RESCHEDULED,
	/** Nothing to do: a redelivered message, or a row no longer in the expected state or on this backend. */
	SKIPPED;

	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
