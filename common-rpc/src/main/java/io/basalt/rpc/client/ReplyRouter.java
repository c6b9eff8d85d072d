package io.basalt.rpc.client;

import java.util.concurrent.ConcurrentHashMap;

import io.basalt.rpc.transport.MessageHandler;
import io.basalt.rpc.wire.MalformedMessageException;
import io.basalt.rpc.wire.ReplyMessage;
import io.basalt.rpc.wire.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes replies arriving on the process's reply queue to the waiting calls by {@code _msg_id}, as oslo's
 * {@code ReplyWaiter}. Replies for unknown ids (a call that already timed out) are dropped with a debug line;
 * malformed replies are logged and dropped. Called on the transport's single reply thread; registration
 * happens on caller threads. Thread-safe.
 */
public final class ReplyRouter implements MessageHandler {

	private static final Logger log = LoggerFactory.getLogger(ReplyRouter.class);

	private final WireCodec codec;

	private final ConcurrentHashMap<String, PendingCall> pending = new ConcurrentHashMap<>();

	public ReplyRouter(WireCodec codec) {
		this.codec = codec;
	}

	PendingCall register(String msgId) {
		PendingCall call = new PendingCall(msgId);
		this.pending.put(msgId, call);
		return call;
	}

	void remove(String msgId) {
		this.pending.remove(msgId);
	}

	/** How many calls are waiting (for tests and gauges). */
	public int waiting() {
		return this.pending.size();
	}

	@Override
	public void onMessage(byte[] body) {
		ReplyMessage reply;
		try {
			reply = this.codec.decodeReply(body);
		}
		catch (MalformedMessageException ex) {
			log.warn("Dropping malformed RPC reply: {} (body: {})", ex.getMessage(), WireCodec.preview(body));
			return;
		}
		PendingCall call = this.pending.get(reply.msgId());
		if (call == null) {
			log.debug("Dropping reply for unknown or timed-out msg_id {}", reply.msgId());
			return;
		}
		call.accept(reply);
	}

}
