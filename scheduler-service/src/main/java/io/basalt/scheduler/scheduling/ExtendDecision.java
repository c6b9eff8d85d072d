package io.basalt.scheduler.scheduling;

/**
 * Whether a volume may grow on its pool.
 *
 * @param allowed whether there is room (and it was consumed in memory)
 * @param pool the pool that takes the extra size, or null
 * @param reason why not, or null
 */
public record ExtendDecision(boolean allowed, String pool, String reason) {

	static ExtendDecision allow(String pool) {
		return new ExtendDecision(true, pool, null);
	}

	static ExtendDecision deny(String reason) {
		return new ExtendDecision(false, null, reason);
	}

}
