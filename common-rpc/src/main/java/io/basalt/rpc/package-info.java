/** The RPC API: targets, versions, context, client and server contracts, errors. */
package io.basalt.rpc;
