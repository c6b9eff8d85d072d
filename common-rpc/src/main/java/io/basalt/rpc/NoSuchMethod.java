package io.basalt.rpc;

/** An endpoint matched the message's namespace and version but has no such method. */
public class NoSuchMethod extends RpcException {

	public NoSuchMethod(String message) {
		super(message);
	}

}
