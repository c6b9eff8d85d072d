package io.basalt.rpc;

/**
 * Base of every error the RPC layer raises. Subclasses thrown by an endpoint travel back to the caller as an
 * oslo {@code failure} and, when the caller's registry knows the type, are re-created as the same class.
 */
public class RpcException extends RuntimeException {

	public RpcException(String message) {
		super(message);
	}

	public RpcException(String message, Throwable cause) {
		super(message, cause);
	}

}
