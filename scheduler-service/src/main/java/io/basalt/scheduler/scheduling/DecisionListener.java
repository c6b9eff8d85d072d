package io.basalt.scheduler.scheduling;

import java.time.Duration;

import io.basalt.scheduler.filter.FilterResult;

/**
 * Told about every scheduling decision (metrics, logs). Called on the scheduling thread: implementations must be
 * quick and thread-safe.
 */
public interface DecisionListener {

	/** Does nothing. */
	DecisionListener NONE = (outcome, filtered, elapsed) -> {
	};

	/**
	 * @param outcome what was decided
	 * @param filtered what the filters did, or null if they did not run
	 * @param elapsed how long the decision took
	 */
	void decided(Outcome outcome, FilterResult filtered, Duration elapsed);

	/** Decision outcomes, tagged as {@link #tag()} in metrics. */
	enum Outcome {

		/** A pool was chosen on the first attempt. */
		CHOSEN("chosen"),
		/** A pool was chosen on a later attempt, after a backend failed. */
		RESCHEDULED("rescheduled"),
		/** No pool could take the request. */
		NO_VALID_BACKEND("no_valid_backend");

		private final String tag;

		Outcome(String tag) {
			this.tag = tag;
		}

		public String tag() {
			return this.tag;
		}

	}

}
