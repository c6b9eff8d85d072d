package io.basalt.rpc;

/** The target cannot be used this way, e.g. a {@code call} to a fanout target. */
public class InvalidTarget extends RpcException {

	public InvalidTarget(String message) {
		super(message);
	}

}
