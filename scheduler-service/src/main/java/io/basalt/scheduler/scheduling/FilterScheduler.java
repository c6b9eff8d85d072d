package io.basalt.scheduler.scheduling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.RetryInfo;
import io.basalt.scheduler.filter.CapacityFilter;
import io.basalt.scheduler.filter.FilterChain;
import io.basalt.scheduler.filter.FilterResult;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.PoolState;
import io.basalt.scheduler.host.VirtualCapacity;
import io.basalt.scheduler.scheduling.DecisionListener.Outcome;
import io.basalt.scheduler.weigher.WeighedPool;
import io.basalt.scheduler.weigher.WeighingHandler;

/**
 * Places volumes (Cinder's {@code FilterScheduler}): the usable pools of the {@link HostManager} → the enabled
 * filters → the weighers → the choice → {@link HostManager#consume} at once, so that the next request sees the
 * placement. Also checks room for an extend. No I/O: everything comes from the in-memory table.
 * <p>
 * Thread-safe: any number of threads may schedule at once. Two concurrent decisions may pick the same pool from
 * the same snapshot; both consumptions are applied, and the volume side re-checks capacity (and asks for a
 * reschedule) if the pool turns out to be over-filled.
 */
public class FilterScheduler {

	private static final Logger log = LoggerFactory.getLogger(FilterScheduler.class);

	private final HostManager hostManager;

	private final FilterChain filters;

	private final WeighingHandler weighing;

	private final int maxAttempts;

	private final DecisionListener listener;

	/**
	 * @param maxAttempts Cinder's {@code scheduler_max_attempts}: a request whose attempt number exceeds it fails
	 */
	public FilterScheduler(HostManager hostManager, FilterChain filters, WeighingHandler weighing, int maxAttempts,
			DecisionListener listener) {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
		}
		this.hostManager = hostManager;
		this.filters = filters;
		this.weighing = weighing;
		this.maxAttempts = maxAttempts;
		this.listener = listener;
	}

	/** Chooses a pool for {@code request} and consumes its size there. */
	public ScheduleResult schedule(RequestSpec request, FilterProperties properties) {
		long start = System.nanoTime();
		FilterProperties props = (properties != null) ? properties : FilterProperties.FIRST_ATTEMPT;
		ScheduleResult result = decide(request, props);
		Outcome outcome = switch (result) {
			case ScheduleResult.Chosen c -> (props.retry().numAttempts() > 1) ? Outcome.RESCHEDULED : Outcome.CHOSEN;
			case ScheduleResult.NoValidBackend n -> Outcome.NO_VALID_BACKEND;
		};
		FilterResult filtered = switch (result) {
			case ScheduleResult.Chosen c -> c.filtered();
			case ScheduleResult.NoValidBackend n -> n.filtered();
		};
		this.listener.decided(outcome, filtered, Duration.ofNanos(System.nanoTime() - start));
		return result;
	}

	private ScheduleResult decide(RequestSpec request, FilterProperties props) {
		RetryInfo retry = props.retry();
		if (retry.numAttempts() > this.maxAttempts) {
			String last = (retry.lastError() != null) ? "; last error: " + retry.lastError() : "";
			return new ScheduleResult.NoValidBackend("Exceeded max scheduling attempts " + this.maxAttempts
					+ " for volume " + request.volumeId() + last, null);
		}
		FilterResult filtered = this.filters.apply(this.hostManager.usablePools(), request, props);
		if (filtered.isEmpty()) {
			String reason = "No valid backend was found. " + filtered.describe();
			if (retry.lastError() != null) {
				reason += "; last error: " + retry.lastError();
			}
			return new ScheduleResult.NoValidBackend(reason, filtered);
		}
		WeighedPool chosen = this.weighing.choose(filtered.passed(), request);
		this.hostManager.consume(chosen.pool().name(), request.size());
		log.debug("Volume {} ({} GiB) placed on {} (weight {}, {} of {} pools passed)", request.volumeId(),
				request.size(), chosen.pool().name(), chosen.weight(), filtered.passed().size(),
				filtered.candidates());
		return new ScheduleResult.Chosen(chosen.pool(), chosen.weight(), tried(props, chosen.pool().name()),
				filtered);
	}

	private static FilterProperties tried(FilterProperties props, String pool) {
		RetryInfo retry = props.retry();
		List<String> backends = new ArrayList<>(retry.backends());
		if (!backends.contains(pool)) {
			backends.add(pool);
		}
		return new FilterProperties(new RetryInfo(retry.numAttempts(), backends, retry.lastError()));
	}

	/** Gives back what {@link #schedule} consumed when the placement did not happen after all. */
	public void release(ScheduleResult.Chosen chosen, int sizeGb) {
		this.hostManager.revert(chosen.host(), sizeGb);
	}

	/**
	 * Checks that the pool of a volume has room to grow it from {@code currentSize} to {@code newSize}, with the
	 * capacity filter's arithmetic on the delta, and consumes the delta if so.
	 * @param volumeHost the volume's {@code host@backend#pool} (or {@code host@backend}: any of its pools)
	 */
	public ExtendDecision checkExtend(String volumeHost, int currentSize, int newSize, RequestSpec request) {
		List<PoolState> pools = (volumeHost.indexOf('#') >= 0)
				? this.hostManager.usablePool(volumeHost).map(List::of).orElse(List.of())
				: this.hostManager.usablePoolsOf(volumeHost);
		if (pools.isEmpty()) {
			return ExtendDecision.deny("Backend " + volumeHost
					+ " is not usable (service down or disabled, or no fresh capability report)");
		}
		int delta = newSize - currentSize;
		boolean thick = VirtualCapacity.isThick(request.volumeType().extraSpecs());
		for (PoolState pool : pools) {
			if (CapacityFilter.hasRoom(pool, delta, thick)) {
				if (delta > 0) {
					this.hostManager.consume(pool.name(), delta);
				}
				return ExtendDecision.allow(pool.name());
			}
		}
		return ExtendDecision.deny("Insufficient free space for volume extension on " + volumeHost + ": "
				+ delta + " GiB more requested");
	}

}
