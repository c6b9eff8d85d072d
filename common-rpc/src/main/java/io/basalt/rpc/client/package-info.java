/** The client side: encoding calls and casts, version caps, waiting for and routing replies. */
package io.basalt.rpc.client;
