package io.basalt.scheduler.weigher;

import io.basalt.scheduler.host.PoolState;

/**
 * A pool with its combined weight (sum over weighers of multiplier × normalised weight).
 *
 * @param pool the pool
 * @param weight the combined weight
 */
public record WeighedPool(PoolState pool, double weight) {
}
