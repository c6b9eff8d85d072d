package io.basalt.scheduler.host;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.basalt.common.capability.BackendCapabilities;

/**
 * One backend ({@code host@backend}) in the host table: its last accepted capability report and its pools
 * (Cinder's {@code BackendState}). Immutable; {@link HostManager} swaps whole values.
 *
 * @param backend {@code host@backend}
 * @param capabilities the last accepted report
 * @param reportedAt the report's timestamp (staleness and "older report" checks use it)
 * @param pools the pools of that report, with this scheduler's consumption applied
 */
public record BackendState(String backend, BackendCapabilities capabilities, Instant reportedAt,
		List<PoolState> pools) {

	public BackendState {
		Objects.requireNonNull(backend, "backend");
		Objects.requireNonNull(reportedAt, "reportedAt");
		pools = List.copyOf(pools);
	}

	/** Whether the last report is no older than {@code maxAge} at {@code now}. */
	public boolean isFresh(Instant now, java.time.Duration maxAge) {
		return !this.reportedAt.isBefore(now.minus(maxAge));
	}

	/** A copy with {@code pool} replacing the pool of the same name. */
	BackendState withPool(PoolState pool) {
		List<PoolState> next = this.pools.stream().map(p -> p.name().equals(pool.name()) ? pool : p).toList();
		return new BackendState(this.backend, this.capabilities, this.reportedAt, next);
	}

	/** The pool called {@code name}, or null. */
	PoolState pool(String name) {
		for (PoolState p : this.pools) {
			if (p.name().equals(name)) {
				return p;
			}
		}
		return null;
	}

}
