package io.basalt.rpc;

/**
 * Sends RPC messages to a {@link Target}, as oslo.messaging's {@code RPCClient}. Thread-safe and immutable:
 * {@link #prepare(Prepare)} returns a new view and leaves this one unchanged.
 * <p>
 * {@code args} is a record (or a {@code Map<String, ?>}) whose components become the message's keyword
 * arguments, names in snake_case. Every send checks the version cap first ({@link VersionCapException}).
 */
public interface RpcClient {

	/** The target this client sends to. */
	Target target();

	/** A new client view with the given overrides. */
	RpcClient prepare(Prepare overrides);

	/**
	 * Sends and waits for the reply.
	 * @return the result converted to {@code resultType} ({@code Void.class} for none)
	 * @throws InvalidTarget if the target is a fanout target
	 * @throws RpcTimeoutException if no reply arrives in time
	 * @throws RpcException the remote failure, re-created as its own type when known, else {@link RemoteError}
	 */
	<T> T call(RequestContext context, String method, Object args, Class<T> resultType);

	/**
	 * Sends without waiting for a result. Returns once the broker has accepted the message (publisher
	 * confirm); while the broker is away it retries within the transport's bound, then throws
	 * {@link DeliveryFailure}. Never drops a message silently.
	 */
	void cast(RequestContext context, String method, Object args);

	/**
	 * Encodes the cast {@link #cast} would send (version cap checked, a fresh {@code _unique_id}) without sending
	 * it; {@link Rpc#sendCast} sends it later. {@code cast} is exactly {@code encodeCast} then {@code sendCast}.
	 * @throws VersionCapException if the target's version is above this client's cap
	 */
	EncodedCast encodeCast(RequestContext context, String method, Object args);

	/** Whether a message of version {@code version} is within this client's version cap (true with no cap). */
	boolean canSendVersion(RpcVersion version);

}
