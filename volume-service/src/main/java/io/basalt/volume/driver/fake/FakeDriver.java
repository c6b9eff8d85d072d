package io.basalt.volume.driver.fake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.volume.ConnectionInfo;
import io.basalt.common.capability.Capacity;
import io.basalt.common.capability.PoolCapabilities;
import io.basalt.volume.driver.CreatedVolume;
import io.basalt.volume.driver.DriverException;
import io.basalt.volume.driver.DriverIdentity;
import io.basalt.volume.driver.DriverOperation;
import io.basalt.volume.driver.DriverSnapshot;
import io.basalt.volume.driver.DriverVolume;
import io.basalt.volume.driver.InsufficientCapacityException;
import io.basalt.volume.driver.QosSupport;
import io.basalt.volume.driver.VolumeDriver;

/**
 * A driver that keeps its volumes in memory: one pool of a configured size (or infinite), thin or thick, with
 * simulated latency and injected create failures (always, with a probability, or the next N). For tests and
 * benchmarks of everything around the driver.
 * <p>
 * A thick pool's free space is its total minus the sizes of its volumes; a thin pool's free space stays at the
 * total (nothing is ever written) and creates are limited by {@code maxOverSubscriptionRatio}. Snapshots take no
 * space. Creates that do not fit fail with {@link InsufficientCapacityException}.
 * <p>
 * Thread-safe: the volume map is concurrent and capacity accounting is done under this object's lock; latency is
 * spent outside it, so slow operations overlap as on a real backend.
 */
public class FakeDriver implements VolumeDriver {

	private final DriverIdentity identity;

	private final FakeDriverSettings settings;

	private final Sleeper sleeper;

	private final RandomGenerator random;

	private final String poolName;

	private final Map<String, Integer> volumes = new ConcurrentHashMap<>();

	private final Map<String, String> snapshots = new ConcurrentHashMap<>();

	/** The back-end QoS keys each volume was created with (it honours every key: {@link QosSupport#ALL}). */
	private final Map<String, Map<String, String>> qosSpecs = new ConcurrentHashMap<>();

	private final List<Copy> copies = new CopyOnWriteArrayList<>();

	private final AtomicInteger failNext;

	private final AtomicInteger failNextConnections = new AtomicInteger();

	/** The connectors' hosts each volume is exported to (a connector without a host counts as ""). */
	private final Map<String, Set<String>> exports = new ConcurrentHashMap<>();

	private long provisionedGb;

	public FakeDriver(DriverIdentity identity, FakeDriverSettings settings, Sleeper sleeper, RandomGenerator random) {
		this.identity = Objects.requireNonNull(identity, "identity");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
		this.random = Objects.requireNonNull(random, "random");
		this.poolName = (settings.poolName() != null) ? settings.poolName() : identity.volumeBackendName();
		this.failNext = new AtomicInteger(settings.failNextCreates());
	}

	@Override
	public String type() {
		return "fake";
	}

	@Override
	public void setUp() {
		// Nothing to connect to.
	}

	@Override
	public void checkForSetupError() {
		// Always ready.
	}

	/** Makes the next {@code count} creates fail (added to any still pending). */
	public void failNextCreates(int count) {
		this.failNext.addAndGet(count);
	}

	/** Makes the next {@code count} connection initializations fail (added to any still pending). */
	public void failNextConnections(int count) {
		this.failNextConnections.addAndGet(count);
	}

	/** The connector hosts each volume is exported to. */
	public Map<String, Set<String>> exports() {
		Map<String, Set<String>> copy = new java.util.HashMap<>();
		this.exports.forEach((id, hosts) -> copy.put(id, Set.copyOf(hosts)));
		return Map.copyOf(copy);
	}

	/** The volumes held, id to size in GiB. */
	public Map<String, Integer> volumes() {
		return Map.copyOf(this.volumes);
	}

	/** The back-end QoS keys the volume {@code id} was created with (empty if none, or no such volume). */
	public Map<String, String> qosSpecs(String id) {
		return this.qosSpecs.getOrDefault(id, Map.of());
	}

	/** The snapshots held, id to volume id. */
	public Map<String, String> snapshots() {
		return Map.copyOf(this.snapshots);
	}

	@Override
	public CreatedVolume createVolume(DriverVolume volume) {
		delay(DriverOperation.CREATE_VOLUME);
		checkPool(volume);
		injectFailure(volume);
		synchronized (this) {
			Integer existing = this.volumes.get(volume.id());
			if (existing != null) {
				if (existing != volume.sizeGb()) {
					throw new DriverException("volume " + volume.id() + " exists with size " + existing
							+ " GiB, not " + volume.sizeGb() + " GiB");
				}
				return location(volume.id());
			}
			reserve(volume.sizeGb());
			this.volumes.put(volume.id(), volume.sizeGb());
			if (!volume.qosSpecs().isEmpty()) {
				this.qosSpecs.put(volume.id(), QosSupport.ALL.applied(volume.qosSpecs()));
			}
		}
		return location(volume.id());
	}

	@Override
	public void deleteVolume(DriverVolume volume) {
		delay(DriverOperation.DELETE_VOLUME);
		synchronized (this) {
			Integer size = this.volumes.remove(volume.id());
			this.qosSpecs.remove(volume.id());
			if (size != null) {
				this.provisionedGb -= size;
			}
		}
	}

	@Override
	public void extendVolume(DriverVolume volume, int newSizeGb) {
		delay(DriverOperation.EXTEND_VOLUME);
		synchronized (this) {
			Integer current = this.volumes.get(volume.id());
			if (current == null) {
				throw new DriverException("volume " + volume.id() + " does not exist");
			}
			if (newSizeGb < current) {
				throw new DriverException("cannot shrink volume " + volume.id() + " from " + current + " GiB to "
						+ newSizeGb + " GiB");
			}
			reserve(newSizeGb - current);
			this.volumes.put(volume.id(), newSizeGb);
		}
	}

	@Override
	public void createSnapshot(DriverSnapshot snapshot) {
		delay(DriverOperation.CREATE_SNAPSHOT);
		if (!this.volumes.containsKey(snapshot.volume().id())) {
			throw new DriverException("volume " + snapshot.volume().id() + " does not exist");
		}
		this.snapshots.putIfAbsent(snapshot.id(), snapshot.volume().id());
	}

	@Override
	public CreatedVolume createVolumeFromSnapshot(DriverVolume volume, DriverSnapshot snapshot) {
		if (!this.snapshots.containsKey(snapshot.id())) {
			throw new DriverException("snapshot " + snapshot.id() + " does not exist");
		}
		return recordCopy("create_volume_from_snapshot", volume, snapshot.id());
	}

	@Override
	public CreatedVolume createClonedVolume(DriverVolume volume, DriverVolume source) {
		if (!this.volumes.containsKey(source.id())) {
			throw new DriverException("volume " + source.id() + " does not exist");
		}
		return recordCopy("create_cloned_volume", volume, source.id());
	}

	@Override
	public CreatedVolume createVolumeFromDevice(DriverVolume volume, Path device) {
		return recordCopy("create_volume_from_device", volume, (device != null) ? device.toString() : null);
	}

	/** The fake keeps no data, so it exposes no device: a migration from it moves no data. */
	@Override
	public Optional<Path> localDevicePath(DriverVolume volume) {
		return Optional.empty();
	}

	@Override
	public void revertToSnapshot(DriverVolume volume, DriverSnapshot snapshot) {
		delay(DriverOperation.REVERT_TO_SNAPSHOT);
		if (!this.volumes.containsKey(volume.id())) {
			throw new DriverException("volume " + volume.id() + " does not exist");
		}
		if (!this.snapshots.containsKey(snapshot.id())) {
			throw new DriverException("snapshot " + snapshot.id() + " does not exist");
		}
		this.copies.add(new Copy("revert_to_snapshot", volume.id(), snapshot.id()));
	}

	/** The data copies asked for, oldest first (the fake records them instead of copying). */
	public List<Copy> copies() {
		return List.copyOf(this.copies);
	}

	private CreatedVolume recordCopy(String operation, DriverVolume volume, String source) {
		CreatedVolume created = createVolume(volume);
		this.copies.add(new Copy(operation, volume.id(), source));
		return created;
	}

	/**
	 * A data copy the fake was asked for.
	 * @param operation the driver operation ({@code create_cloned_volume}, {@code revert_to_snapshot}, ...)
	 * @param target the volume written
	 * @param source the volume, snapshot or device read (null for none)
	 */
	public record Copy(String operation, String target, String source) {
	}

	@Override
	public void deleteSnapshot(DriverSnapshot snapshot) {
		delay(DriverOperation.DELETE_SNAPSHOT);
		this.snapshots.remove(snapshot.id());
	}

	/**
	 * A fake but well-formed answer: os-brick's {@code fake} connector type with the volume's id and the
	 * connector's host as the target; fails when the volume is missing or a failure was injected.
	 */
	@Override
	public ConnectionInfo initializeConnection(DriverVolume volume, Map<String, Object> connector) {
		if (!this.volumes.containsKey(volume.id())) {
			throw new DriverException("volume " + volume.id() + " does not exist");
		}
		if (this.failNextConnections.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
			throw new DriverException("injected failure: fail-next-connections (volume " + volume.id() + ")");
		}
		String host = hostOf(connector);
		this.exports.computeIfAbsent(volume.id(), id -> ConcurrentHashMap.newKeySet()).add(host);
		Map<String, Object> data = new java.util.LinkedHashMap<>();
		data.put("volume_id", volume.id());
		data.put("target_host", host);
		data.put("device_path", "/dev/fake/" + volume.id());
		return new ConnectionInfo("fake", data);
	}

	@Override
	public void terminateConnection(DriverVolume volume, Map<String, Object> connector) {
		if (connector == null) {
			this.exports.remove(volume.id());
			return;
		}
		Set<String> hosts = this.exports.get(volume.id());
		if (hosts != null) {
			hosts.remove(hostOf(connector));
		}
	}

	private static String hostOf(Map<String, Object> connector) {
		Object host = (connector != null) ? connector.get("host") : null;
		return (host != null) ? host.toString() : "";
	}

	@Override
	public synchronized BackendCapabilities stats(boolean refresh) {
		Capacity total = this.settings.capacity();
		Capacity free = switch (total) {
			case Capacity.Known known when !this.settings.thin() ->
				Capacity.of(Math.max(0, known.gb() - this.provisionedGb));
			default -> total;
		};
		PoolCapabilities pool = new PoolCapabilities(this.poolName, total, free, this.provisionedGb,
				this.provisionedGb, this.settings.thin() ? this.settings.maxOverSubscriptionRatio() : 1.0,
				this.settings.reservedPercentage(), this.settings.thin(), !this.settings.thin(), this.volumes.size(),
				true, QosSupport.ALL.capabilities(this.identity.extraCapabilities()));
		return new BackendCapabilities(this.identity.volumeBackendName(), "Basalt", "1.0.0", "fake",
				this.identity.availabilityZone(), List.of(pool));
	}

	/** Takes {@code sizeGb} from the pool or throws; caller holds the lock. */
	private void reserve(int sizeGb) {
		if (this.settings.capacity() instanceof Capacity.Known known) {
			double limit = this.settings.thin() ? known.gb() * this.settings.maxOverSubscriptionRatio() : known.gb();
			if (this.provisionedGb + sizeGb > limit) {
				throw new InsufficientCapacityException("pool " + this.poolName + " cannot hold " + sizeGb
						+ " GiB more: " + this.provisionedGb + " of " + limit + " GiB provisioned");
			}
		}
		this.provisionedGb += sizeGb;
	}

	private void checkPool(DriverVolume volume) {
		if (!this.poolName.equals(volume.pool())) {
			throw new DriverException("no pool " + volume.pool() + " on this backend (it has " + this.poolName + ")");
		}
	}

	private void injectFailure(DriverVolume volume) {
		if (this.settings.failCreates()) {
			throw new DriverException("injected failure: every create fails (volume " + volume.id() + ")");
		}
		if (this.failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
			throw new DriverException("injected failure: fail-next-creates (volume " + volume.id() + ")");
		}
		if (this.settings.failureRate() > 0 && this.random.nextDouble() < this.settings.failureRate()) {
			throw new DriverException("injected failure: failure rate " + this.settings.failureRate() + " (volume "
					+ volume.id() + ")");
		}
	}

	private CreatedVolume location(String volumeId) {
		return new CreatedVolume("fake://" + this.identity.volumeBackendName() + "/" + this.poolName + "/volume-"
				+ volumeId);
	}

	private void delay(DriverOperation operation) {
		Duration latency = this.settings.latencyOf(operation);
		if (latency.isZero() || latency.isNegative()) {
			return;
		}
		try {
			this.sleeper.sleep(latency);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DriverException("interrupted during " + operation.wireName(), ex);
		}
	}

}
