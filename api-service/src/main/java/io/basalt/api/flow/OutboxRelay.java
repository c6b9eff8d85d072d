package io.basalt.api.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.basalt.api.ApiProperties;
import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.service.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sends again the {@code create_volume} casts that stayed unsent in the {@code outbox} for longer than
 * {@code basalt.api.outbox.stale-after} (the broker was away when the request committed, or the process died
 * between commit and send), every {@code basalt.api.outbox.relay-interval}. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several API replicas relay without sending a row twice at once.
 * <p>
 * A failed send is retried with an exponential back-off capped at five minutes, forever: a cast is never
 * dropped, and an operator sees the stuck rows ({@code attempts}, {@code last_error}) in the table. The
 * scheduler is idempotent about a duplicate (sent, but the process died before marking the row). Rows that ended
 * (sent or cancelled) are deleted once older than {@code basalt.api.outbox.retention}, so the table does not grow
 * with every volume ever created.
 */
@Component
class OutboxRelay extends PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

	/** The most ended rows deleted per run: 2,000 a second at the default interval, above any create rate. */
	static final int PURGE_BATCH = 10_000;

	private final OutboxStore outbox;

	private final SchedulerRpcApi scheduler;

	private final JsonMapper json;

	private final TransactionOperations transactions;

	private final ApiProperties.Outbox settings;

	private final Clock clock;

	OutboxRelay(OutboxStore outbox, SchedulerRpcApi scheduler, JsonMapper json,
			TransactionOperations transactions, TaskScheduler taskScheduler, ApiProperties properties, Clock clock) {
		super(taskScheduler, properties.outbox().relayInterval(), properties.outbox().relayInterval());
		this.outbox = outbox;
		this.scheduler = scheduler;
		this.json = json;
		this.transactions = transactions;
		this.settings = properties.outbox();
		this.clock = clock;
	}

	/** One relay pass; returns how many casts were sent. */
	int relay() {
		Integer sent = this.transactions.execute(status -> {
			Instant now = this.clock.instant();
			List<OutboxStore.Pending> due = this.outbox.claimDue(VolumeCast.METHOD,
					now.minus(this.settings.staleAfter()), now, this.settings.batchSize());
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
			CreateVolumeCast message = this.json.readValue(pending.payload(), CreateVolumeCast.class);
			this.scheduler.createVolume(message.context(), message.requestSpec(), FilterProperties.FIRST_ATTEMPT);
			this.outbox.markSent(pending.id(), this.clock.instant());
			log.info("Relayed create_volume of {} (outbox row {})", message.requestSpec().volumeId(), pending.id());
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
