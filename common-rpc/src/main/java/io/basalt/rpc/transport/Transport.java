package io.basalt.rpc.transport;

import java.time.Duration;

import io.basalt.rpc.DeliveryFailure;
import io.basalt.rpc.Target;

/**
 * Moves encoded message bodies (oslo envelope bytes, see {@code io.basalt.rpc.wire}) between clients, servers
 * and the process's reply queue. The RPC semantics (correlation, dispatch, duplicates, metrics) live above it,
 * so every implementation, the AMQP one and the in-memory one, carries exactly the same bytes. Implementations
 * are thread-safe; one instance serves a whole process.
 *
 * <h2>Contract</h2>
 * <ul>
 * <li><b>Blocking.</b> {@link #send} and {@link #reply} block until the broker has accepted the message (AMQP:
 * publisher confirm), or fail. They never return having dropped a message.</li>
 * <li><b>Retry.</b> While the broker is unreachable, {@link #send} retries with backoff for at most
 * {@code retryBound}, then throws {@link DeliveryFailure}. A retried message is re-sent with the same body, so
 * it may arrive twice (the broker may have taken the first copy before the connection broke).</li>
 * <li><b>Timeout.</b> A non-null {@code expiration} is set as the message's time-to-live: a call request that
 * nobody takes within its timeout dies in the queue. Casts carry none. Waiting for replies is not the
 * transport's business: replies are pushed to the {@link #startReplies} handler.</li>
 * <li><b>Routing.</b> A target with {@code fanout} goes to every listener of the topic; one with a
 * {@code server} to that server's queue {@code topic.server}; otherwise to the shared {@code topic} queue,
 * from which each message goes to one listener. A message to a topic nobody ever listened on is dropped by
 * the broker, as in oslo (a call then times out).</li>
 * <li><b>Acknowledgement and duplicates.</b> A listener's message is acknowledged after its
 * {@link MessageHandler} returns, so a message being handled when its consumer's connection dies is delivered
 * again (at-least-once); the handler must tolerate that. The transport does not drop duplicates itself: the
 * server does, by {@code _unique_id}. A handler that throws {@link io.basalt.rpc.wire.MalformedMessageException}
 * or anything else gets its message rejected without requeue; the listener keeps serving. (The server above
 * does not throw: it parks what it cannot handle with {@link #deadLetter}.)</li>
 * <li><b>Dead letters.</b> {@link #deadLetter} parks a message in its topic's dead-letter queue
 * {@code <topic>_dead_letter} (durable, on the default exchange; nothing consumes it: it is for an operator to
 * look at and, once the cause is fixed, to move back), with the reason as the header
 * {@code x-basalt-dead-letter-reason}.</li>
 * <li><b>Errors.</b> Nothing of the broker client's own exception types leaves an implementation: a broker that
 * cannot be reached surfaces as {@link io.basalt.rpc.BrokerUnavailable} (or its kind {@link DeliveryFailure}).</li>
 * <li><b>Recovery.</b> Listeners and the reply consumer survive connection loss on their own: they reconnect
 * and redeclare their queues without the caller's help.</li>
 * </ul>
 */
public interface Transport extends AutoCloseable {

	/**
	 * Publishes a request (call or cast) to {@code target}.
	 * @param expiration the per-message time-to-live, or null for none
	 * @param retryBound how long to keep retrying while the broker is away
	 * @throws DeliveryFailure if the message could not be handed over within {@code retryBound}
	 */
	void send(Target target, byte[] body, Duration expiration, Duration retryBound);

	/**
	 * Publishes a reply to a caller's reply queue. A reply to a queue that no longer exists is logged and
	 * dropped (its caller is gone).
	 * @throws DeliveryFailure if the broker could not be reached within the transport's retry bound
	 */
	void reply(String replyQueue, byte[] body);

	/**
	 * Parks a message nobody can handle in {@code <topic>_dead_letter} (see the class), declaring that queue on
	 * first use.
	 * @throws DeliveryFailure if the broker could not be reached within the transport's retry bound
	 */
	void deadLetter(String topic, byte[] body, String reason);

	/** The name of a topic's dead-letter queue. */
	static String deadLetterQueue(String topic) {
		return topic + "_dead_letter";
	}

	/**
	 * Starts the process's one reply consumer (idempotent: later calls return the same queue) and hands every
	 * reply body to {@code handler}, on one thread, in arrival order.
	 * @return the reply queue name, to put in {@code _reply_q}
	 */
	String startReplies(MessageHandler handler);

	/**
	 * Starts listening as {@code target} (topic and server must be set): the shared topic queue, the server's
	 * own queue and a fanout queue of its own.
	 * @param concurrency how many messages may be handled at once
	 * @return a handle that stops the listener
	 */
	Listener listen(Target target, int concurrency, MessageHandler handler);

	/** Stops listeners and the reply consumer and releases connections it owns. */
	@Override
	void close();

}
