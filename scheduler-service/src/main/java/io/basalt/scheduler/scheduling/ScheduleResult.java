package io.basalt.scheduler.scheduling;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.scheduler.filter.FilterResult;
import io.basalt.scheduler.host.PoolState;

/** The outcome of scheduling one request: a chosen pool, or no valid backend with the reason. */
public sealed interface ScheduleResult permits ScheduleResult.Chosen, ScheduleResult.NoValidBackend {

	/**
	 * A pool was chosen and its capacity already consumed in memory.
	 * @param pool the pool as it was when chosen
	 * @param weight its combined weight
	 * @param nextProperties the filter properties to send on, with the pool added to the tried backends
	 * @param filtered what the filters did
	 */
	record Chosen(PoolState pool, double weight, FilterProperties nextProperties, FilterResult filtered)
			implements ScheduleResult {

		/** The value for {@code volumes.host}: {@code host@backend#pool}. */
		public String host() {
			return this.pool.name();
		}

	}

	/**
	 * No pool can take the request (Cinder's {@code NoValidBackend}).
	 * @param reason the message for the volume's {@code status_reason} and the logs
	 * @param filtered what the filters did, or null if scheduling stopped before filtering
	 */
	record NoValidBackend(String reason, FilterResult filtered) implements ScheduleResult {
	}

}
