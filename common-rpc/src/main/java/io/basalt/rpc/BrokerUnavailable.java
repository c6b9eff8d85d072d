package io.basalt.rpc;

/**
 * The broker could not be reached (or refused the operation) within the transport's bound: the RPC layer's
 * own "connection" error, so that callers never see the broker client's exceptions. Retrying later may succeed;
 * an HTTP front end answers it with 503 and {@code Retry-After}.
 */
public class BrokerUnavailable extends RpcException {

	public BrokerUnavailable(String message, Throwable cause) {
		super(message, cause);
	}

}
