/** The AMQP 0-9-1 transport on Spring AMQP, laid out like oslo.messaging's rabbit driver; the only package that sees AMQP. */
package io.basalt.rpc.transport.amqp;
