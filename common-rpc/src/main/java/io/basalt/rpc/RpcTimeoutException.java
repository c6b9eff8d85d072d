package io.basalt.rpc;

/** A call got no reply within its timeout (oslo's {@code MessagingTimeout}). */
public class RpcTimeoutException extends RpcException {

	public RpcTimeoutException(String message) {
		super(message);
	}

}
