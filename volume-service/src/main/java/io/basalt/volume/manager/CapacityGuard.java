package io.basalt.volume.manager;

import java.util.HashMap;
import java.util.Map;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.volume.driver.InsufficientCapacityException;

/**
 * The volume side's own capacity check before a create or extend. Several schedulers each keep their own view of
 * the pools, so two of them may place volumes on the same nearly full pool at once; this check, against the
 * driver's current stats plus what is being created right now, turns the loser into a reschedule instead of an
 * over-filled pool. The rules are those of the scheduler's capacity filter: thick pools need the size in free
 * space above the reserved percentage; thin pools must stay within the over-subscription ratio and need some
 * free space left. Infinite or unknown capacity always passes.
 * <p>
 * Thread-safe: checks and reservations of in-flight sizes happen under this object's lock.
 */
public class CapacityGuard {

	private final Map<String, Long> inFlightGb = new HashMap<>();

	/**
	 * Checks that {@code pool} can hold {@code sizeGb} more and, if so, counts it as in flight until the returned
	 * reservation is closed.
	 * @throws InsufficientCapacityException if the pool is unknown or has no room
	 */
	public synchronized Reservation reserve(BackendCapabilities stats, String pool, int sizeGb) {
		PoolCapabilities caps = stats.pools()
			.stream()
			.filter(p -> pool.equals(p.poolName()))
			.findFirst()
			.orElseThrow(() -> new InsufficientCapacityException("backend has no pool " + pool));
		long pending = this.inFlightGb.getOrDefault(pool, 0L);
		String refusal = refusal(caps, sizeGb, pending);
		if (refusal != null) {
			throw new InsufficientCapacityException("pool " + pool + " cannot hold " + sizeGb + " GiB: " + refusal);
		}
		this.inFlightGb.merge(pool, (long) sizeGb, Long::sum);
		return new Reservation(this, pool, sizeGb);
	}

	/** GiB currently reserved on {@code pool}. */
	public synchronized long inFlight(String pool) {
		return this.inFlightGb.getOrDefault(pool, 0L);
	}

	private synchronized void release(String pool, int sizeGb) {
		this.inFlightGb.computeIfPresent(pool, (k, v) -> (v - sizeGb > 0) ? v - sizeGb : null);
	}

	/** Why the pool cannot take {@code sizeGb} more, or null if it can. */
	static String refusal(PoolCapabilities caps, int sizeGb, long pendingGb) {
		if (!(caps.totalCapacityGb() instanceof Capacity.Known total)
				|| !(caps.freeCapacityGb() instanceof Capacity.Known free)) {
			return null;
		}
		double reserved = total.gb() * caps.reservedPercentage() / 100.0;
		if (caps.thinProvisioningSupport() && caps.maxOverSubscriptionRatio() > 1.0) {
			double provisioned = caps.provisionedCapacityGb() + pendingGb + sizeGb;
			double limit = total.gb() * caps.maxOverSubscriptionRatio();
			if (provisioned > limit) {
				return "provisioned would be " + provisioned + " GiB, over the limit of " + limit + " GiB";
			}
			if (free.gb() - reserved <= 0) {
				return "no free space above the reserved " + caps.reservedPercentage() + "%";
			}
			return null;
		}
		// Thick pools: a thin pool that may not over-subscribe is the same.
		double available = free.gb() - reserved - pendingGb;
		if (caps.thinProvisioningSupport()) {
			available = Math.min(available, total.gb() - reserved - caps.provisionedCapacityGb() - pendingGb);
		}
		return (sizeGb > available) ? "only " + Math.max(0, available) + " GiB available" : null;
	}

	/** Capacity counted as in flight until closed. Closing twice is harmless. */
	public static final class Reservation implements AutoCloseable {

		private final CapacityGuard guard;

		private final String pool;

		private final int sizeGb;

		private boolean closed;

		private Reservation(CapacityGuard guard, String pool, int sizeGb) {
			this.guard = guard;
			this.pool = pool;
			this.sizeGb = sizeGb;
		}

		@Override
		public void close() {
			synchronized (this.guard) {
				if (!this.closed) {
					this.closed = true;
					this.guard.release(this.pool, this.sizeGb);
				}
			}
		}

	}

}
