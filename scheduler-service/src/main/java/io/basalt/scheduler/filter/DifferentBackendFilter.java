package io.basalt.scheduler.filter;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * Hint {@code different_host}: passes pools of backends holding none of the named volumes (already resolved to
 * backends by the API); every pool without the hint. Stateless and thread-safe.
 */
public final class DifferentBackendFilter implements HostFilter {

	@Override
	public boolean passes(PoolState pool, RequestSpec request, FilterProperties properties) {
		for (String backend : request.hints().differentBackendFrom()) {
			if (PoolState.backendOf(backend).equals(pool.backend())) {
				return false;
			}
		}
		return true;
	}

	@Override
	public HostFilter forRequest(RequestSpec request, FilterProperties properties) {
		return (request.hints().differentBackendFrom().isEmpty()) ? PASS_ALL : this;
	}

	@Override
	public String reason(PoolState pool, RequestSpec request, FilterProperties properties) {
		return "backend " + pool.backend() + " holds a volume it must differ from";
	}

}
