package io.basalt.api.outbox;

import java.time.Clock;

import io.basalt.api.ApiProperties;
import io.basalt.common.rpc.CastSender;
import io.basalt.rpc.EncodedCast;
import io.basalt.rpc.Rpc;
import io.basalt.rpc.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The api's one path for a cast that follows a database change: every cast of the typed stubs
 * ({@link io.basalt.common.volume.VolumeRpcApi}, {@link io.basalt.common.scheduler.SchedulerRpcApi}) comes here
 * (this bean is the process's {@link CastSender}). The cast, already encoded byte for byte as common-rpc would
 * publish it, is written to the {@code outbox} inside the caller's transaction, so it exists exactly when the
 * change it announces commits; after the commit it is published and its row marked sent (in a batch, by
 * {@link SentMarks}). If the broker is away (any {@link RpcException}, after at most
 * {@code basalt.api.outbox.send-retry-bound}), the request still succeeds: the row stays unsent and
 * {@link OutboxRelay} publishes the very same bytes later. Nothing is undone because the broker refused.
 * <p>
 * A cast outside a transaction is refused ({@link IllegalStateException}): it would announce a change that may not
 * be committed, or be lost if the process died before sending it. Calls (which need a reply) do not come here.
 * Why hand-written: Spring has no transactional outbox, and this is one insert and one after-commit hook. The
 * send runs in {@code afterCommit}, while the transaction's connection is still held: that is why the request's
 * retry bound is short. Thread-safe.
 */
@Component
public class CastOutbox implements CastSender {

	private static final Logger log = LoggerFactory.getLogger(CastOutbox.class);

	private final OutboxStore outbox;

	private final SentMarks marks;

	private final Rpc rpc;

	private final ApiProperties.Outbox settings;

	private final Clock clock;

	CastOutbox(OutboxStore outbox, SentMarks marks, Rpc rpc, ApiProperties properties, Clock clock) {
		this.outbox = outbox;
		this.marks = marks;
		this.rpc = rpc;
		this.settings = properties.outbox();
		this.clock = clock;
	}

	/**
	 * Writes {@code cast} to the outbox in the current transaction and sends it once that commits (nothing is sent
	 * if it rolls back).
	 * @throws IllegalStateException outside a transaction
	 */
	@Override
	public void send(EncodedCast cast) {
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("The cast " + cast.method() + " must be written in the transaction of "
					+ "the change it announces");
		}
		long id = this.outbox.stage(cast, this.clock.instant());
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				deliver(id, cast);
			}
		});
	}

	private void deliver(long id, EncodedCast cast) {
		try {
			this.rpc.sendCast(cast, this.settings.sendRetryBound());
		}
		catch (RpcException ex) {
			log.warn("Cast {} to {} failed, the outbox relay will send it (row {}): {}", cast.method(),
					cast.target().topic(), id, ex.toString());
			return;
		}
		// Sent: the row is marked in the next batch (if the process dies first, the relay sends it once more and
		// the receiver drops the duplicate).
		this.marks.sent(id);
	}

}
