package io.basalt.common.scheduler;

import java.util.List;

/**
 * The retry state of a create that failed on a backend and is scheduled again (Cinder's
 * {@code filter_properties['retry']}).
 *
 * @param numAttempts attempts made so far, this one included
 * @param backends backends already tried ({@code host@backend#pool})
 * @param lastError the last failure's message, or null
 */
public record RetryInfo(int numAttempts, List<String> backends, String lastError) {

	public static final RetryInfo FIRST = new RetryInfo(1, List.of(), null);

	public RetryInfo {
		backends = (backends != null) ? List.copyOf(backends) : List.of();
	}

	/** The info for the next attempt after a failure on {@code backend}. */
	public RetryInfo next(String backend, String error) {
		var tried = new java.util.ArrayList<>(this.backends);
		if (backend != null && !tried.contains(backend)) {
			tried.add(backend);
		}
		return new RetryInfo(this.numAttempts + 1, tried, error);
	}

}
