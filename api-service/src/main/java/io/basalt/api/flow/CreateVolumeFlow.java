package io.basalt.api.flow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.basalt.api.volume.VolumeCreation;
import io.basalt.api.volume.VolumeRecord;
import io.basalt.api.web.ApiException;
import io.basalt.api.web.ApiRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The {@code volume_create_api} flow of seed 003: ExtractVolumeRequest → QuotaReserve → EntryCreate →
 * QuotaCommit → VolumeCast, each with a revert run in reverse order when a later task fails.
 * <p>
 * For speed, QuotaReserve, EntryCreate, QuotaCommit and VolumeCast (which writes the cast to the {@code outbox})
 * run in <em>one</em> database transaction: a failure inside it rolls all of them back at once (the database is
 * their revert, and nothing is left behind by a rejected request). The outbox sends the cast after the commit, and
 * its relay later if the broker refused it: nothing after the commit can fail the request. (The reverts of the
 * transactional tasks, in a new transaction, would run only if a task were added after the segment.) Metrics: {@code basalt.api.create.flow} (timer, tag {@code outcome}) and
 * {@code basalt.api.volumes.created}. Thread-safe; one flow per request thread.
 */
@Component
public class CreateVolumeFlow implements VolumeCreation {

	private static final Logger log = LoggerFactory.getLogger(CreateVolumeFlow.class);

	private final ExtractVolumeRequest extract;

	private final QuotaReserve reserve;

	private final EntryCreate entry;

	private final QuotaCommit commit;

	/** The transactional tasks in the flow's logical order (their reverts run in reverse). */
	private final List<FlowTask> transactional;

	private final VolumeCast cast;

	private final TransactionOperations transactions;

	private final MeterRegistry meters;

	private final Counter created;

	CreateVolumeFlow(ExtractVolumeRequest extract, QuotaReserve reserve, EntryCreate entry, QuotaCommit commit,
			VolumeCast cast, TransactionOperations transactions, MeterRegistry meters) {
		this.extract = extract;
		this.reserve = reserve;
		this.entry = entry;
		this.commit = commit;
		this.transactional = List.of(reserve, entry, commit);
		this.cast = cast;
		this.transactions = transactions;
		this.meters = meters;
		this.created = Counter.builder("basalt.api.volumes.created").description("Volumes accepted for creation")
			.register(meters);
	}

	/** Runs the flow; returns the new volume (status {@code creating}). */
	@Override
	public VolumeRecord create(ApiRequest request, Map<String, Object> body) {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "error";
		try {
			VolumeRecord volume = run(new CreateVolumeContext(request, body));
			outcome = "success";
			this.created.increment();
			return volume;
		}
		catch (ApiException ex) {
			outcome = (ex.status().value() == 413) ? "over_quota" : "rejected";
			throw ex;
		}
		finally {
			sample.stop(Timer.builder("basalt.api.create.flow").description("The create-volume flow")
				.tag("outcome", outcome).register(this.meters));
		}
	}

	VolumeRecord run(CreateVolumeContext context) {
		Deque<FlowTask> done = new ArrayDeque<>();
		try {
			execute(this.extract, context, done);
			execute(new TransactionalSegment(), context, done);
			return context.volume;
		}
		catch (RuntimeException ex) {
			revert(done, context, ex);
			throw ex;
		}
	}

	private static void execute(FlowTask task, CreateVolumeContext context, Deque<FlowTask> done) {
		task.execute(context);
		done.push(task);
	}

	private static void revert(Deque<FlowTask> done, CreateVolumeContext context, RuntimeException cause) {
		while (!done.isEmpty()) {
			FlowTask task = done.pop();
			try {
				task.revert(context, cause);
			}
			catch (RuntimeException ex) {
				log.error("Revert of {} failed", task.name(), ex);
			}
		}
	}

	/**
	 * QuotaReserve + EntryCreate + QuotaCommit + the outboxed cast, in one transaction. The statements run
	 * entry and outbox row first, quota last: QuotaReserve locks the project's usage rows until the commit, and
	 * every create of the project waits for that lock, so it is held for one {@code UPDATE} and the commit only.
	 * A rejected reservation (413) rolls the entry and the outbox row back with it, so the result is the same as
	 * in the flow's logical order.
	 */
	private final class TransactionalSegment implements FlowTask {

		@Override
		public String name() {
			return "QuotaReserve+EntryCreate+QuotaCommit";
		}

		@Override
		public void execute(CreateVolumeContext context) {
			CreateVolumeFlow.this.transactions.executeWithoutResult(status -> {
				CreateVolumeFlow.this.entry.execute(context);
				CreateVolumeFlow.this.cast.stage(context);
				CreateVolumeFlow.this.reserve.execute(context);
				CreateVolumeFlow.this.commit.execute(context);
			});
		}

		@Override
		public void revert(CreateVolumeContext context, Throwable cause) {
			CreateVolumeFlow.this.transactions.executeWithoutResult(status -> {
				List<FlowTask> tasks = CreateVolumeFlow.this.transactional;
				for (int i = tasks.size() - 1; i >= 0; i--) {
					tasks.get(i).revert(context, cause);
				}
			});
		}

	}

}
