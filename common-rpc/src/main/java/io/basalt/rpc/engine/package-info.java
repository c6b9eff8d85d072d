/** Binds clients, servers, the reply router and metrics over one {@link io.basalt.rpc.transport.Transport}. */
package io.basalt.rpc.engine;
