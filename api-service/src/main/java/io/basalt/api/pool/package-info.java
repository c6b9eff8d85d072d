/**
 * {@code GET /scheduler-stats/get_pools} and {@code GET /capabilities/{host}}: the pools and backends the scheduler
 * knows, through a {@code get_pools} call.
 */
package io.basalt.api.pool;
