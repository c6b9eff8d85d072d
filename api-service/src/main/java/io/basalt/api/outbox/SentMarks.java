package io.basalt.api.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.basalt.api.ApiProperties;
import io.basalt.common.service.PeriodicTask;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Marks sent {@code outbox} rows in batches: the request thread only queues the id of a cast the broker
 * confirmed, and every {@code basalt.api.outbox.mark-interval} (default 100 ms) one {@code UPDATE … WHERE id =
 * ANY(…)} marks all of them. That takes a statement and a commit (an fsync) off every create's request path.
 * <p>
 * Why hand-written: Spring has no write-behind batching for JDBC, and this is a queue and one statement. Nothing
 * is lost if the process dies before a flush: the rows stay unsent, {@link OutboxRelay} sends them again after
 * {@code stale-after} (seconds, far longer than a flush interval) and the receiver drops the duplicate cast.
 * The queue is flushed once more when the context stops. Thread-safe.
 */
@Component
class SentMarks extends PeriodicTask {

	/** The most ids marked by one statement. */
	static final int MAX_BATCH = 1000;

	private final ConcurrentLinkedQueue<Long> pending = new ConcurrentLinkedQueue<>();

	private final OutboxStore outbox;

	private final Clock clock;

	@Autowired
	SentMarks(OutboxStore outbox, TaskScheduler scheduler, ApiProperties properties, Clock clock) {
		this(outbox, scheduler, properties.outbox().markInterval(), clock);
	}

	SentMarks(OutboxStore outbox, TaskScheduler scheduler, Duration interval, Clock clock) {
		super(scheduler, interval, interval);
		this.outbox = outbox;
		this.clock = clock;
	}

	/** Queues a row whose cast the broker took. */
	void sent(long outboxId) {
		this.pending.add(outboxId);
	}

	/** Marks every queued row; returns how many. A failed statement puts its ids back for the next run. */
	int flush() {
		int marked = 0;
		List<Long> batch = new ArrayList<>();
		Long id;
		while (true) {
			batch.clear();
			while (batch.size() < MAX_BATCH && (id = this.pending.poll()) != null) {
				batch.add(id);
			}
			if (batch.isEmpty()) {
				return marked;
			}
			try {
				this.outbox.markSent(batch, this.clock.instant());
			}
			catch (RuntimeException ex) {
				this.pending.addAll(batch);
				throw ex;
			}
			marked += batch.size();
		}
	}

	@Override
	protected void runOnce() {
		flush();
	}

	@Override
	public void stop() {
		super.stop();
		try {
			flush();
		}
		catch (RuntimeException ex) {
			// the relay sends the unmarked rows again after stale-after; the receivers drop the duplicates
		}
	}

}
