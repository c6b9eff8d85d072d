package io.basalt.scheduler.filter;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * Passes pools whose backend's service is in the requested availability zone; every pool when none was asked
 * for. Stateless and thread-safe.
 */
public final class AvailabilityZoneFilter implements HostFilter {

	@Override
	public boolean passes(PoolState pool, RequestSpec request, FilterProperties properties) {
		String wanted = request.availabilityZone();
		return wanted == null || wanted.equals(pool.availabilityZone());
	}

	@Override
	public HostFilter forRequest(RequestSpec request, FilterProperties properties) {
		return (request.availabilityZone() == null) ? PASS_ALL : this;
	}

	@Override
	public String reason(PoolState pool, RequestSpec request, FilterProperties properties) {
		return "zone " + pool.availabilityZone() + " is not " + request.availabilityZone();
	}

}
