package io.basalt.scheduler.filter;

import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;
import io.basalt.scheduler.host.VirtualCapacity;

/**
 * Passes pools with room for the requested size (Cinder's {@code CapacityFilter}, cinder-scheduler.md §5):
 * <ol>
 * <li>nothing requested → pass; free infinite or unknown → pass; total infinite or unknown → pass iff nothing is
 * reserved; total ≤ 0 → fail;</li>
 * <li>thin unless the type says {@code provisioning:type=thick}; on a thin-capable pool with ratio ≥ 1, fail if
 * {@code (provisioned + requested) / total_available > ratio}, else pass iff {@code virtual_free ≥ requested};
 * ratio &lt; 1 → fail;</li>
 * <li>otherwise pass iff {@code virtual_free ≥ requested} (see {@link VirtualCapacity}).</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class CapacityFilter implements HostFilter {

	@Override
	public boolean passes(PoolState pool, RequestSpec request, FilterProperties properties) {
		return hasRoom(pool, request.size(), VirtualCapacity.isThick(request.volumeType().extraSpecs()));
	}

	@Override
	public HostFilter forRequest(RequestSpec request, FilterProperties properties) {
		boolean thick = VirtualCapacity.isThick(request.volumeType().extraSpecs());
		int size = request.size();
		CapacityFilter self = this;
		return new HostFilter() {

			@Override
			public String name() {
				return self.name();
			}

			@Override
			public boolean passes(PoolState pool, RequestSpec r, FilterProperties p) {
				return hasRoom(pool, size, thick);
			}

			@Override
			public String reason(PoolState pool, RequestSpec r, FilterProperties p) {
				return self.reason(pool, r, p);
			}
		};
	}

	/** Whether {@code pool} can take {@code requestedGb} more (also used for the extend delta). */
	public static boolean hasRoom(PoolCapabilities pool, double requestedGb, boolean thick) {
		if (requestedGb <= 0) {
			return true;
		}
		boolean freeKnown = pool.freeCapacityGb() instanceof Capacity.Known;
		boolean totalKnown = pool.totalCapacityGb() instanceof Capacity.Known;
		double total = (pool.totalCapacityGb() instanceof Capacity.Known k) ? k.gb() : Double.NaN;
		VirtualCapacity v = (freeKnown && totalKnown && !(total <= 0)) ? VirtualCapacity.of(pool, !thick) : null;
		return hasRoom(pool, requestedGb, freeKnown, totalKnown, total, v);
	}

	/**
	 * {@link #hasRoom(PoolCapabilities, double, boolean)} on the figures the pool computed when it was built
	 * (the scheduling path: no arithmetic or allocation per pool and request beyond the comparisons).
	 */
	public static boolean hasRoom(PoolState pool, double requestedGb, boolean thick) {
		if (requestedGb <= 0) {
			return true;
		}
		if (!pool.freeKnown()) {
			return true;
		}
		if (!pool.totalKnown()) {
			return pool.reservedPercentage() == 0;
		}
		if (pool.totalGb() <= 0) {
			return false;
		}
		// Both known here, so the figures below are those of VirtualCapacity.of(capabilities, !thick).
		if (!thick && pool.thinProvisioningSupport()) {
			double ratio = pool.thinRatio();
			if (ratio < 1) {
				return false;
			}
			double provisionedRatio = (pool.provisionedCapacityGb() + requestedGb) / pool.thinTotalAvailable();
			return provisionedRatio <= ratio && pool.virtualFree(true) >= requestedGb;
		}
		return pool.virtualFree(!thick) >= requestedGb;
	}

	/** The rule itself; {@code v} is the virtual capacity when both capacities are known and the total is > 0. */
	private static boolean hasRoom(PoolCapabilities pool, double requestedGb, boolean freeKnown, boolean totalKnown,
			double total, VirtualCapacity v) {
		if (!freeKnown) {
			return true;
		}
		if (!totalKnown) {
			return pool.reservedPercentage() == 0;
		}
		if (total <= 0) {
			return false;
		}
		if (v.thin() && pool.thinProvisioningSupport()) {
			if (v.ratio() < 1) {
				return false;
			}
			double provisionedRatio = (pool.provisionedCapacityGb() + requestedGb) / v.totalAvailable();
			return provisionedRatio <= v.ratio() && v.virtualFree() >= requestedGb;
		}
		return v.virtualFree() >= requestedGb;
	}

	@Override
	public String reason(PoolState pool, RequestSpec request, FilterProperties properties) {
		PoolCapabilities c = pool.capabilities();
		boolean thick = VirtualCapacity.isThick(request.volumeType().extraSpecs());
		if (!(c.totalCapacityGb() instanceof Capacity.Known total)) {
			return "total capacity " + c.totalCapacityGb().toWire() + " with " + c.reservedPercentage() + "% reserved";
		}
		if (total.gb() <= 0) {
			return "total capacity is " + total.gb() + " GiB";
		}
		VirtualCapacity v = VirtualCapacity.of(c, !thick);
		return String.format(java.util.Locale.ROOT, "needs %d GiB, virtual free %.2f GiB (%s, ratio %.1f)",
				request.size(), v.virtualFree(), thick ? "thick" : "thin", v.ratio());
	}

}
