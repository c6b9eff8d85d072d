package io.basalt.volume.report;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.rpc.RequestContext;
import io.basalt.volume.driver.VolumeDriver;
import io.basalt.volume.manager.CapabilityNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * Reports one backend's capabilities to every scheduler (fanout {@code update_service_capabilities}, Cinder's
 * {@code _report_driver_status} + {@code _publish_service_capabilities}): the driver's fresh stats with each
 * pool's allocated capacity taken from the database. It reports
 * <ul>
 * <li>every {@link ReporterSettings#interval()}, the first time after a random delay up to
 * {@link ReporterSettings#fuzzyDelay()} so that nodes started together do not report in lockstep;</li>
 * <li>{@link ReporterSettings#debounce()} after a change of capacity ({@link #capacityChanged()}), once for a
 * burst of changes;</li>
 * <li>at once when a scheduler asks ({@link #publishNow()}).</li>
 * </ul>
 * A failed report (driver, database or broker) is logged and the next one tries again.
 * <p>
 * Threading: reports run on Spring's {@link TaskScheduler}, never on the caller's thread; {@link #report()} is
 * synchronized so that reports leave in timestamp order.
 */
public class CapabilityReporter implements CapabilityNotifier, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CapabilityReporter.class);

	private final String backend;

	private final VolumeDriver driver;

	private final AllocationQuery allocations;

	private final SchedulerRpcApi scheduler;

	private final TaskScheduler taskScheduler;

	private final Clock clock;

	private final RandomGenerator random;

	private final ReporterSettings settings;

	private final PoolCapacityGauges gauges;

	private final AtomicBoolean reportPending = new AtomicBoolean();

	private volatile ScheduledFuture<?> periodic;

	private volatile BackendCapabilities last;

	public CapabilityReporter(String backend, VolumeDriver driver, AllocationQuery allocations,
			SchedulerRpcApi scheduler, TaskScheduler taskScheduler, Clock clock, RandomGenerator random,
			ReporterSettings settings, PoolCapacityGauges gauges) {
		this.backend = backend;
		this.driver = driver;
		this.allocations = allocations;
		this.scheduler = scheduler;
		this.taskScheduler = taskScheduler;
		this.clock = clock;
		this.random = random;
		this.settings = settings;
		this.gauges = gauges;
	}

	/** Starts the periodic reports. */
	public void start() {
		long fuzzMillis = this.settings.fuzzyDelay().toMillis();
		Duration initialDelay = Duration.ofMillis((fuzzMillis > 0) ? this.random.nextLong(fuzzMillis + 1) : 0);
		log.info("Reporting capabilities of {} every {} (first in {})", this.backend, this.settings.interval(),
				initialDelay);
		this.periodic = this.taskScheduler.scheduleAtFixedRate(this::report, this.clock.instant().plus(initialDelay),
				this.settings.interval());
	}

	/** Stops the periodic reports. */
	@Override
	public void close() {
		ScheduledFuture<?> p = this.periodic;
		if (p != null) {
			p.cancel(false);
		}
		this.periodic = null;
	}

	@Override
	public void capacityChanged() {
		if (this.reportPending.compareAndSet(false, true)) {
			this.taskScheduler.schedule(() -> {
				this.reportPending.set(false);
				report();
			}, this.clock.instant().plus(this.settings.debounce()));
		}
	}

	@Override
	public void publishNow() {
		this.taskScheduler.schedule(this::report, this.clock.instant());
	}

	/** The last report sent, or null before the first. */
	public BackendCapabilities lastReport() {
		return this.last;
	}

	/** Builds and sends one report; failures are logged. */
	public synchronized void report() {
		try {
			BackendCapabilities capabilities = capabilities();
			this.last = capabilities;
			this.gauges.update(capabilities);
			this.scheduler.updateServiceCapabilities(RequestContext.admin(), this.backend, capabilities,
					this.clock.instant());
			log.debug("Reported capabilities of {}: {}", this.backend, capabilities);
		}
		catch (RuntimeException ex) {
			log.warn("Capability report of {} failed: {}", this.backend, ex.toString());
		}
	}

	/** The driver's fresh stats with the allocated capacity of each pool from the database. */
	BackendCapabilities capabilities() {
		BackendCapabilities stats = this.driver.stats(true);
		String defaultPool = stats.pools().isEmpty() ? stats.volumeBackendName() : stats.pools().get(0).poolName();
		Map<String, Long> allocated = this.allocations.allocatedGb(this.backend, defaultPool);
		List<PoolCapabilities> pools = new ArrayList<>();
		for (PoolCapabilities p : stats.pools()) {
			pools.add(new PoolCapabilities(p.poolName(), p.totalCapacityGb(), p.freeCapacityGb(),
					allocated.getOrDefault(p.poolName(), 0L), p.provisionedCapacityGb(), p.maxOverSubscriptionRatio(),
					p.reservedPercentage(), p.thinProvisioningSupport(), p.thickProvisioningSupport(),
					p.totalVolumes(), p.multiattach(), p.extra()));
		}
		return new BackendCapabilities(stats.volumeBackendName(), stats.vendorName(), stats.driverVersion(),
				stats.storageProtocol(), stats.availabilityZone(), pools);
	}

	/**
	 * When reports are sent.
	 *
	 * @param interval the period of the regular report
	 * @param fuzzyDelay the largest random delay before the first one
	 * @param debounce the delay of the report after a change
	 */
	public record ReporterSettings(Duration interval, Duration fuzzyDelay, Duration debounce) {
	}

}
