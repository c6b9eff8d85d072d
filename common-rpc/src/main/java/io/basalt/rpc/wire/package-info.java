/** The oslo.messaging wire format: envelope 2.0, request and reply messages, context and failure encoding. */
package io.basalt.rpc.wire;
