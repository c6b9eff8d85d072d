package io.basalt.scheduler.filter;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * Hint {@code same_host}: passes pools of a backend that holds at least one of the named volumes (already
 * resolved to backends by the API); every pool without the hint. Stateless and thread-safe.
 */
public final class SameBackendFilter implements HostFilter {

	@Override
	public boolean passes(PoolState pool, RequestSpec request, FilterProperties properties) {
		var wanted = request.hints().sameBackendAs();
		if (wanted.isEmpty()) {
			return true;
		}
		for (String backend : wanted) {
			if (PoolState.backendOf(backend).equals(pool.backend())) {
				return true;
			}
		}
		return false;
	}

	@Override
	public HostFilter forRequest(RequestSpec request, FilterProperties properties) {
		return (request.hints().sameBackendAs().isEmpty()) ? PASS_ALL : this;
	}

	@Override
	public String reason(PoolState pool, RequestSpec request, FilterProperties properties) {
		return "backend is not one of " + request.hints().sameBackendAs();
	}

}
