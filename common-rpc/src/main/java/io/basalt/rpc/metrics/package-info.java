/** Micrometer meters of the RPC layer ({@code basalt.rpc.*}). */
package io.basalt.rpc.metrics;
