/** An in-memory transport for unit tests that still encodes every message with the wire codec (oslo's impl_fake). */
package io.basalt.rpc.testing;
