/** {@code GET /scheduler-stats/get_pools}: the pools the scheduler knows, through a {@code get_pools} call. */
package io.basalt.api.pool;
