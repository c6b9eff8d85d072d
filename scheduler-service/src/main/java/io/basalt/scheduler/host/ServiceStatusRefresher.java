package io.basalt.scheduler.host;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;

/**
 * Reads the volume services' rows ({@code services}, binary {@code basalt-volume}) every
 * {@code basalt.scheduler.status-refresh-interval} and hands them to the {@link HostManager}. This is the
 * scheduler's only database read, and it runs on Spring's task scheduler, off the scheduling path.
 * <p>
 * Thread-safe: {@link #refresh()} may run from the timer and from start-up at once; each run swaps the whole
 * status map. A failed read is logged and the previous statuses stay until the next run.
 */
public class ServiceStatusRefresher {

	private static final Logger log = LoggerFactory.getLogger(ServiceStatusRefresher.class);

	private static final String QUERY = """
			SELECT host, availability_zone, disabled, disabled_reason, updated_at
			FROM services WHERE "binary" = ? AND NOT deleted""";

	private final JdbcTemplate jdbc;

	private final HostManager hostManager;

	private final String volumeBinary;

	private final List<Consumer<HostManager>> afterRefresh;

	/** Fewest milliseconds between two {@link #refreshForUnknownBackend()} reads. */
	static final long ON_DEMAND_MIN_INTERVAL_MILLIS = 1000;

	private final AtomicLong lastOnDemand = new AtomicLong();

	public ServiceStatusRefresher(JdbcTemplate jdbc, HostManager hostManager, String volumeBinary,
			List<Consumer<HostManager>> afterRefresh) {
		this.jdbc = jdbc;
		this.hostManager = hostManager;
		this.volumeBinary = volumeBinary;
		this.afterRefresh = List.copyOf(afterRefresh);
	}

	/** Reads the rows once. */
	public void refresh() {
		try {
			List<ServiceStatus> statuses = this.jdbc.query(QUERY, (rs, row) -> {
				Timestamp updated = rs.getTimestamp("updated_at");
				return new ServiceStatus(rs.getString("host"), rs.getString("availability_zone"),
						rs.getBoolean("disabled"), rs.getString("disabled_reason"),
						(updated != null) ? updated.toInstant() : null);
			}, this.volumeBinary);
			this.hostManager.updateServiceStatuses(statuses);
		}
		catch (RuntimeException ex) {
			log.warn("Could not read the volume services' status; keeping the previous one: {}", ex.toString());
		}
		this.afterRefresh.forEach(listener -> listener.accept(this.hostManager));
	}

	/**
	 * Reads the rows now on behalf of a capability report from a backend not yet known (a volume service that
	 * registered after the last periodic read), unless such an on-demand read ran less than
	 * {@value #ON_DEMAND_MIN_INTERVAL_MILLIS} ms ago: reports that anyone on the broker can send must not turn
	 * into a flood of database reads.
	 * @return whether a read ran
	 */
	public boolean refreshForUnknownBackend() {
		long now = System.nanoTime();
		long last = this.lastOnDemand.get();
		if (last != 0 && now - last < TimeUnit.MILLISECONDS.toNanos(ON_DEMAND_MIN_INTERVAL_MILLIS)) {
			return false;
		}
		if (!this.lastOnDemand.compareAndSet(last, now)) {
			return false;
		}
		refresh();
		return true;
	}

	/** Runs {@link #refresh()} every {@code interval} from now on; cancel the returned future to stop. */
	public ScheduledFuture<?> schedule(TaskScheduler scheduler, Duration interval) {
		return scheduler.scheduleWithFixedDelay(this::refresh, interval);
	}

}
