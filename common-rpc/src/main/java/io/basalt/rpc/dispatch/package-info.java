/** Server-side dispatch: endpoint matching by namespace and version, argument binding, exception mapping. */
package io.basalt.rpc.dispatch;
