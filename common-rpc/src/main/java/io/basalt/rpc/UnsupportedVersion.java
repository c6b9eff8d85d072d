package io.basalt.rpc;

/** No endpoint of the server accepts the message's namespace and version. */
public class UnsupportedVersion extends RpcException {

	public UnsupportedVersion(String message) {
		super(message);
	}

}
