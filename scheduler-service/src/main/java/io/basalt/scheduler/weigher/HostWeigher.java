package io.basalt.scheduler.weigher;

import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * A scheduling weigher (Cinder's {@code BaseHostWeigher}): a raw weight per pool, higher = better before the
 * multiplier. {@link WeighingHandler} normalises each weigher's raw weights to [0, 1] across the candidates and
 * multiplies them by {@link #multiplier()}.
 * <p>
 * Contract: pure (no database, network or clock) and thread-safe. {@link Double#POSITIVE_INFINITY} means "above
 * every finite weight" and is replaced as Cinder does before normalising. Enabled by {@link #name()} in
 * {@code basalt.scheduler.weighers}.
 */
public interface HostWeigher {

	/** The name operators enable it by; the simple class name by default. */
	default String name() {
		return getClass().getSimpleName();
	}

	/** The factor applied to the normalised weight: positive prefers high raw weights, negative low ones. */
	double multiplier();

	/** The raw weight of {@code pool} for {@code request}. */
	double weigh(PoolState pool, RequestSpec request);

	/**
	 * This weigher specialised for one request, called once per decision before the pools are weighed, so that
	 * a weigher can read the request once rather than per pool. The default returns this weigher.
	 */
	default HostWeigher forRequest(RequestSpec request) {
		return this;
	}

}
