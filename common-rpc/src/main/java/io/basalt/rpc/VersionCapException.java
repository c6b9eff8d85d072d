package io.basalt.rpc;

/** The client was asked to send a version above its version cap (oslo's {@code RPCVersionCapError}). */
public class VersionCapException extends RpcException {

	public VersionCapException(String message) {
		super(message);
	}

}
