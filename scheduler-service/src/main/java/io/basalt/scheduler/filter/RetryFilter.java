package io.basalt.scheduler.filter;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.scheduler.host.PoolState;

/**
 * Skips every pool of a backend that an earlier attempt of the same request already tried (Cinder's
 * {@code IgnoreAttemptedHostsFilter}, widened from the pool to its backend: a backend whose driver failed once is
 * not asked again for the same volume). Stateless and thread-safe.
 */
public final class RetryFilter implements HostFilter {

	@Override
	public boolean passes(PoolState pool, RequestSpec request, FilterProperties properties) {
		for (String tried : properties.retry().backends()) {
			if (PoolState.backendOf(tried).equals(pool.backend())) {
				return false;
			}
		}
		return true;
	}

	@Override
	public HostFilter forRequest(RequestSpec request, FilterProperties properties) {
		return (properties.retry().backends().isEmpty()) ? PASS_ALL : this;
	}

	@Override
	public String reason(PoolState pool, RequestSpec request, FilterProperties properties) {
		return "backend " + pool.backend() + " was already tried";
	}

}
