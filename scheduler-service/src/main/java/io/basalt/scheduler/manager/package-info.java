/** The scheduler's RPC endpoint (the manager of the api/rpcapi/manager triad) and its volume-row updates. */
package io.basalt.scheduler.manager;
