package io.basalt.scheduler.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.PoolCapabilities;

/**
 * The scheduler's in-memory host table (Cinder's {@code HostManager}): one {@link BackendState} per backend
 * ({@code host@backend}), fed by {@code update_service_capabilities} reports, plus the last read
 * {@link ServiceStatus} of every volume service, fed by {@link ServiceStatusRefresher}. Scheduling reads only this
 * table, never the database.
 * <p>
 * A backend is <em>usable</em> when its service row exists, is enabled and up (heartbeat no older than
 * {@code serviceDownTime}) and its last report is no older than {@code serviceDownTime}; only usable backends'
 * pools are candidates.
 * <p>
 * Thread-safe: backends live in a {@link ConcurrentHashMap} of immutable values, replaced atomically per key
 * (so a report and a consumption on the same backend never lose each other's effect); the service statuses are
 * one immutable map swapped as a whole. Readers see a consistent value per backend, not a global snapshot.
 */
public class HostManager {

	private static final Logger log = LoggerFactory.getLogger(HostManager.class);

	private final Clock clock;

	private final Duration serviceDownTime;

	private final ConcurrentHashMap<String, BackendState> backends = new ConcurrentHashMap<>();

	private volatile Map<String, ServiceStatus> services = Map.of();

	private final LongAdder unknownReports = new LongAdder();

	private final LongAdder clampedReports = new LongAdder();

	/**
	 * The last report of each backend that had no services row yet (a volume service reports as soon as it
	 * starts, and its row may be read by this scheduler only at the next refresh): taken when the row appears.
	 * Bounded by {@link #MAX_HELD}, so a flood of reports naming made-up backends costs at most that much.
	 */
	private final ConcurrentHashMap<String, HeldReport> held = new ConcurrentHashMap<>();

	/** The most reports held for backends without a services row. */
	static final int MAX_HELD = 1024;

	private record HeldReport(BackendCapabilities capabilities, Instant timestamp) {
	}

	private void hold(String backend, BackendCapabilities capabilities, Instant timestamp) {
		if (this.held.size() < MAX_HELD || this.held.containsKey(backend)) {
			this.held.put(backend, new HeldReport(capabilities, timestamp));
		}
	}

	/** The size of the last {@link #usablePools()} list, to size the next one (only a hint, racy by design). */
	private volatile int usablePoolsHint = 16;

	public HostManager(Clock clock, Duration serviceDownTime) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.serviceDownTime = Objects.requireNonNull(serviceDownTime, "serviceDownTime");
	}

	/**
	 * Stores a backend's capability report, unless the stored one is newer. The broker is not trusted blindly
	 * (a report is a fanout anyone with access to the vhost can send): a report of a backend without a
	 * {@code services} row (as last read by {@link #updateServiceStatuses}) is not used (it is held, and taken once
	 * a read of the rows shows the backend registered), and a timestamp ahead of
	 * this scheduler's clock is clamped to the receive time, so that a report dated in the future can neither
	 * pin a backend "fresh" for ever nor shadow the real reports that follow it.
	 * @param timestamp when the backend took the report; null means now
	 * @return whether the report was accepted
	 */
	public boolean updateCapabilities(String backend, BackendCapabilities capabilities, Instant timestamp) {
		Objects.requireNonNull(backend, "backend");
		Objects.requireNonNull(capabilities, "capabilities");
		if (!this.services.containsKey(backend)) {
			this.unknownReports.increment();
			hold(backend, capabilities, timestamp);
			log.warn("Ignored a capability report of {}: no volume service of that name is registered (held until "
					+ "its services row appears)", backend);
			return false;
		}
		Instant now = this.clock.instant();
		Instant at = (timestamp != null) ? timestamp : now;
		if (at.isAfter(now)) {
			this.clampedReports.increment();
			log.warn("Capability report of {} is dated {}, ahead of this scheduler's clock; taken as received at {}",
					backend, at, now);
			at = now;
		}
		Instant taken = at;
		boolean[] accepted = { false };
		this.backends.compute(backend, (key, old) -> {
			if (old != null && old.reportedAt().isAfter(taken)) {
				return old;
			}
			accepted[0] = true;
			return build(backend, capabilities, taken, old);
		});
		if (!accepted[0]) {
			log.debug("Ignored a capability report of {} taken at {}: a newer one is stored", backend, taken);
		}
		return accepted[0];
	}

	/** How many capability reports were ignored because their backend has no {@code services} row. */
	public long unknownBackendReports() {
		return this.unknownReports.sum();
	}

	/** How many capability reports had a timestamp ahead of the clock (and were clamped to the receive time). */
	public long clampedReports() {
		return this.clampedReports.sum();
	}

	private BackendState build(String backend, BackendCapabilities caps, Instant at, BackendState old) {
		String zone = zoneOf(caps, this.services.get(backend));
		List<PoolState> pools = new ArrayList<>(caps.pools().size());
		for (PoolCapabilities pool : caps.pools()) {
			String name = backend + "#" + pool.poolName();
			PoolState kept = (old != null) ? old.pool(name) : null;
			if (kept != null && kept.updatedAt().isAfter(at)) {
				// This scheduler placed a volume after the backend took the report: the report does not show it yet.
				pools.add(kept.withAvailabilityZone(zone));
			}
			else {
				pools.add(new PoolState(name, backend, caps.volumeBackendName(), caps.storageProtocol(),
						caps.vendorName(), caps.driverVersion(), zone, pool, at));
			}
		}
		return new BackendState(backend, caps, at, pools);
	}

	private static String zoneOf(BackendCapabilities caps, ServiceStatus status) {
		if (caps != null && caps.availabilityZone() != null) {
			return caps.availabilityZone();
		}
		return (status != null) ? status.availabilityZone() : null;
	}

	/** Replaces the known service statuses (rows of the volume binary, keyed by {@code host@backend}). */
	public void updateServiceStatuses(Collection<ServiceStatus> statuses) {
		Map<String, ServiceStatus> byHost = new HashMap<>();
		for (ServiceStatus s : statuses) {
			byHost.put(s.host(), s);
		}
		this.services = Map.copyOf(byHost);
		// reports that came before their backend's services row: taken now that the row is there
		for (String backend : List.copyOf(this.held.keySet())) {
			if (byHost.containsKey(backend)) {
				HeldReport report = this.held.remove(backend);
				if (report != null && updateCapabilities(backend, report.capabilities(), report.timestamp())) {
					log.info("Took the held capability report of {}: its services row appeared", backend);
				}
			}
		}
		// A backend that does not report its zone takes its service's; keep that in step with the row.
		for (String backend : this.backends.keySet()) {
			this.backends.computeIfPresent(backend, (key, state) -> {
				String zone = zoneOf(state.capabilities(), byHost.get(key));
				boolean same = state.pools().stream().allMatch(p -> Objects.equals(p.availabilityZone(), zone));
				return same ? state : new BackendState(key, state.capabilities(), state.reportedAt(),
						state.pools().stream().map(p -> p.withAvailabilityZone(zone)).toList());
			});
		}
	}

	/** The pools of every usable backend: the scheduling candidates. */
	public List<PoolState> usablePools() {
		Instant now = this.clock.instant();
		Map<String, ServiceStatus> statuses = this.services;
		List<PoolState> pools = new ArrayList<>(this.usablePoolsHint);
		Instant oldest = now.minus(this.serviceDownTime);
		for (BackendState state : this.backends.values()) {
			if (isUsableSince(state, statuses.get(state.backend()), oldest)) {
				pools.addAll(state.pools());
			}
		}
		this.usablePoolsHint = Math.max(16, pools.size());
		return pools;
	}

	/** The usable pool called {@code name} ({@code host@backend#pool}). */
	public Optional<PoolState> usablePool(String name) {
		String backend = backendOf(name);
		BackendState state = this.backends.get(backend);
		if (state == null || !isUsable(state, this.services.get(backend), this.clock.instant())) {
			return Optional.empty();
		}
		return Optional.ofNullable(state.pool(name));
	}

	/** The pools of {@code backend} if it is usable, else an empty list. */
	public List<PoolState> usablePoolsOf(String backend) {
		BackendState state = this.backends.get(backend);
		if (state == null || !isUsable(state, this.services.get(backend), this.clock.instant())) {
			return List.of();
		}
		return state.pools();
	}

	/**
	 * {@link #isUsable} with {@code oldest = now − serviceDownTime} computed once for many backends: the same
	 * tests as {@link ServiceStatus#isUp} and {@link BackendState#isFresh}.
	 */
	private static boolean isUsableSince(BackendState state, ServiceStatus status, Instant oldest) {
		return status != null && !status.disabled() && status.updatedAt() != null
				&& !status.updatedAt().isBefore(oldest) && !state.reportedAt().isBefore(oldest);
	}

	private boolean isUsable(BackendState state, ServiceStatus status, Instant now) {
		return status != null && !status.disabled() && status.isUp(now, this.serviceDownTime)
				&& state.isFresh(now, this.serviceDownTime);
	}

	/**
	 * Places {@code sizeGb} on a pool at once, so that the next request sees it (Cinder's
	 * {@code consume_from_volume}); the pool's {@code updatedAt} becomes now, so a report taken before is not
	 * allowed to undo it.
	 * @return whether the pool is known
	 */
	public boolean consume(String poolName, double sizeGb) {
		return apply(poolName, sizeGb, this.clock.instant());
	}

	/** Undoes a {@link #consume} (a placement that did not happen), leaving {@code updatedAt} alone. */
	public boolean revert(String poolName, double sizeGb) {
		return apply(poolName, -sizeGb, null);
	}

	private boolean apply(String poolName, double sizeGb, Instant at) {
		boolean[] found = { false };
		this.backends.computeIfPresent(backendOf(poolName), (key, state) -> {
			PoolState pool = state.pool(poolName);
			if (pool == null) {
				return state;
			}
			found[0] = true;
			return state.withPool(pool.consume(sizeGb, at));
		});
		return found[0];
	}

	/** Every backend that ever reported, usable or not. */
	public List<BackendState> backends() {
		return List.copyOf(this.backends.values());
	}

	/** How many backends have reported. */
	public int knownBackends() {
		return this.backends.size();
	}

	/** How many reported backends are not usable now (stale report, service down, disabled or unknown). */
	public int unusableBackends() {
		Instant now = this.clock.instant();
		Map<String, ServiceStatus> statuses = this.services;
		int count = 0;
		for (BackendState state : this.backends.values()) {
			if (!isUsable(state, statuses.get(state.backend()), now)) {
				count++;
			}
		}
		return count;
	}

	/** The status of a backend's service as last read, if any. */
	public Optional<ServiceStatus> serviceStatus(String backend) {
		return Optional.ofNullable(this.services.get(backend));
	}

	/** The backend part of a pool name: {@code host@backend#pool} → {@code host@backend}. */
	public static String backendOf(String poolName) {
		return PoolState.backendOf(poolName);
	}

}
