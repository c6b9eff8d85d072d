/** The server side: receiving requests, dropping duplicates, dispatching, replying and heartbeats. */
package io.basalt.rpc.server;
