package io.basalt.rpc;

/**
 * A request's {@code args} do not fit the endpoint method: a required argument is missing, one is unknown, or
 * a value cannot be converted to the parameter's type (Python would raise {@code TypeError}).
 */
public class InvalidArguments extends RpcException {

	public InvalidArguments(String message) {
		super(message);
	}

}
