package io.basalt.api.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.basalt.api.ApiProperties;
import io.basalt.common.service.PeriodicTask;
import io.basalt.rpc.EncodedCast;
import io.basalt.rpc.Rpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sends again every cast, whatever its method, that stayed unsent in the {@code outbox} for longer than
 * {@code basalt.api.outbox.stale-after} (the broker was away when the request committed, or the process died
 * between commit and send), every {@code basalt.api.outbox.relay-interval}, to the row's own target and byte for
 * byte as {@link CastOutbox} encoded it. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several API
 * replicas relay without sending a row twice at once.
 * <p>
 * A failed send is retried with an exponential back-off capped at five minutes, forever: a cast is never
 * dropped, and an operator sees the stuck rows ({@code attempts}, {@code last_error}) in the table. A duplicate
 * (sent, but the process died before marking the row) carries the first copy's {@code _unique_id}, and the
 * receivers' status guards tolerate it too. Rows that were sent are deleted once older than
 * {@code basalt.api.outbox.retention}, so the table does not grow with every change ever made.
 */
@Component
class OutboxRelay extends PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

	/** The most ended rows deleted per run: 2,000 a second at the default interval, above any create rate. */
	static final int PURGE_BATCH = 10_000;

	private final OutboxStore outbox;

	private final Rpc rpc;

	private final TransactionOperations transactions;

	private final ApiProperties.Outbox settings;

	private final Clock clock;

	OutboxRelay(OutboxStore outbox, Rpc rpc, TransactionOperations transactions, TaskScheduler taskScheduler, ApiProperties properties, Clock clock) {
		super(taskScheduler, properties.outbox().relayInterval(), properties.outbox().relayInterval());
		this.outbox = outbox;
		this.rpc = rpc;
		this.transactions = transactions;
		this.settings = properties.outbox();
		this.clock = clock;
	}

	/** One relay pass; returns how many casts were sent. */
	int relay() {
		Integer sent = this.transactions.execute(status -> {
			Instant now = this.clock.instant();
			List<OutboxStore.Pending> due = this.outbox.claimDue(now.minus(this.settings.staleAfter()), now, this.settings.batchSize());
			int ok = 0;
			for (OutboxStore.Pending p : due) {
				if (send(p)) {
					ok++;
				}
			}
			return ok;
		});
		return (sent != null) ? sent : 0;
	}

	private boolean send(OutboxStore.Pending pending) {
		try {
			EncodedCast cast = pending.cast();
			this.rpc.sendCast(cast, this.settings.sendRetryBound());
			this.outbox.markSent(pending.id(), this.clock.instant());
			log.info("Relayed {} to {}{} (outbox row {})", cast.method(), cast.target().topic(),
					(cast.target().server() != null) ? "." + cast.target().server() : "", pending.id());
			return true;
		}
		catch (RuntimeException ex) {
			long factor = 1L << Math.min(pending.attempts(), 10);
			Duration backoff = this.settings.relayInterval().multipliedBy(factor);
			if (backoff.compareTo(MAX_BACKOFF) > 0) {
				backoff = MAX_BACKOFF;
			}
			this.outbox.failed(pending.id(), ex.toString(), this.clock.instant().plus(backoff));
			log.warn("Relay of outbox row {} failed (attempt {}), next in {}: {}", pending.id(),
					pending.attempts() + 1, backoff, ex.toString());
			return false;
		}
	}

	/** Deletes rows that ended longer than {@code retention} ago (a bounded batch per run); returns how many. */
	int purge() {
		return this.outbox.purgeEnded(this.clock.instant().minus(this.settings.retention()), PURGE_BATCH);
	}

	@Override
	protected void runOnce() {
		relay();
		purge();
	}

}
