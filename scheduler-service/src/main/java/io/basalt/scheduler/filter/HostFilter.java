package io.basalt.scheduler.filter;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * A scheduling filter (Cinder's {@code BaseBackendFilter}): decides whether one pool can take one request.
 * <p>
 * Contract: a pure function of its arguments — no database, network or clock, no mutable state shared between
 * calls — and thread-safe. A filter is enabled by its {@link #name()} in {@code basalt.scheduler.filters}.
 */
public interface HostFilter {

	/**
	 * What {@link #forRequest} returns when a filter passes every pool for that request (no zone asked, no hint,
	 * first attempt), so that the chain can skip it.
	 */
	HostFilter PASS_ALL = (pool, request, properties) -> true;

	/** The name operators enable it by; the simple class name by default. */
	default String name() {
		return getClass().getSimpleName();
	}

	/** Whether {@code pool} can take the request. */
	boolean passes(PoolState pool, RequestSpec request, FilterProperties properties);

	/** Why {@code pool} did not pass (asked only for a few rejected pools, for the scheduling error). */
	default String reason(PoolState pool, RequestSpec request, FilterProperties properties) {
		return "rejected";
	}

	/**
	 * This filter specialised for one request, called once per scheduling run before the pools are checked, so
	 * that a filter can parse the request once rather than per pool; {@link #PASS_ALL} if it would pass every
	 * pool. The default returns this filter.
	 */
	default HostFilter forRequest(RequestSpec request, FilterProperties properties) {
		return this;
	}

}
