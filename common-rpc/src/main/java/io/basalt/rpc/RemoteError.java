package io.basalt.rpc;

/**
 * A remote failure whose type the caller does not know: carries the remote class, module, message and
 * traceback as sent (oslo's {@code RemoteError}).
 */
public class RemoteError extends RpcException {

	private final String excType;

	private final String module;

	private final String remoteMessage;

	private final String traceback;

	public RemoteError(String module, String excType, String remoteMessage, String traceback) {
		super("Remote error: " + excType + " " + remoteMessage);
		this.module = module;
		this.excType = excType;
		this.remoteMessage = remoteMessage;
		this.traceback = traceback;
	}

	public String excType() {
		return this.excType;
	}

	public String module() {
		return this.module;
	}

	public String remoteMessage() {
		return this.remoteMessage;
	}

	public String traceback() {
		return this.traceback;
	}

}
