package io.basalt.api.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.basalt.common.service.BasaltServiceProperties;
import io.basalt.common.state.VolumeStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database every {@code basalt.api.metrics.refresh-interval} (default 10 s) on Spring's
 * scheduler, never on a request thread:
 * <ul>
 * <li>{@code basalt.volumes} (tag {@code status}): live volumes by status; the common statuses are always present
 * (0 when none). The statuses other than {@code available} and {@code in-use} are counted at every refresh from
 * the partial index {@code volumes_unsettled_idx} (V15: the cost grows with those volumes, not with the table);
 * the two settled statuses, the bulk of the table, need a count of every live row and are recounted only every
 * {@code basalt.api.metrics.settled-refresh-interval} (default 5 min; 0 = at every refresh), keeping their last
 * values in between. Measured with {@code bin/bench scale} (docs/benchmarks.md).</li>
 * <li>{@code basalt.service.heartbeat.age} (seconds, tags {@code binary}, {@code host}): time since the service's
 * last heartbeat, computed at scrape time from the last heartbeat read;</li>
 * <li>{@code basalt.service.up} (tags {@code binary}, {@code host}): 1 when that heartbeat is at most
 * {@code basalt.service.service-down-time} old (as {@code os-services} says {@code up}), else 0.</li>
 * </ul>
 * A failed refresh (database away) is logged and keeps the last values; a service whose row is gone loses its
 * gauges. Every api replica exports the same values: aggregate with {@code max by (...)}. Thread-safe.
 */
@Component
public class OperationalGauges {

	private static final Logger log = LoggerFactory.getLogger(OperationalGauges.class);

	/** Statuses exported even at 0, so that dashboards always have their series. */
	static final List<String> COMMON_STATUSES = java.util.stream.Stream
		.of(VolumeStatus.CREATING, VolumeStatus.AVAILABLE, VolumeStatus.IN_USE, VolumeStatus.DELETING,
				VolumeStatus.EXTENDING, VolumeStatus.ERROR, VolumeStatus.ERROR_DELETING, VolumeStatus.ERROR_EXTENDING)
		.map(VolumeStatus::wire)
		.toList();

	private final OperationalQueries queries;

	private final MeterRegistry registry;

	private final Clock clock;

	private final Duration downTime;

	private final Duration settledInterval;

	/** When the settled statuses were last counted; null before the first count. Written by refresh only. */
	private volatile Instant lastFullCount;

	private final Map<String, AtomicLong> volumes = new ConcurrentHashMap<>();

	private final Map<ServiceKey, Tracked> services = new ConcurrentHashMap<>();

	public OperationalGauges(OperationalQueries queries, MeterRegistry registry, Clock clock,
			BasaltServiceProperties properties,
			@Value("${basalt.api.metrics.settled-refresh-interval:5m}") Duration settledInterval) {
		this.queries = queries;
		this.registry = registry;
		this.clock = clock;
		this.downTime = properties.serviceDownTime();
		this.settledInterval = settledInterval;
		COMMON_STATUSES.forEach(this::volumeGauge);
	}

	/** Reads the database and updates the gauges. */
	@Scheduled(initialDelayString = "${basalt.api.metrics.initial-delay:1s}",
			fixedDelayString = "${basalt.api.metrics.refresh-interval:10s}")
	public void refresh() {
		try {
			refreshVolumes();
			refreshServices(this.queries.services());
		}
		catch (RuntimeException ex) {
			log.warn("Refreshing the operational gauges failed (keeping the last values): {}", ex.toString());
		}
	}

	private void refreshVolumes() {
		Instant now = now();
		Instant last = this.lastFullCount;
		if (last == null || !now.isBefore(last.plus(this.settledInterval))) {
			Map<String, Long> byStatus = this.queries.volumesByStatus();
			this.volumes.forEach((status, value) -> value.set(byStatus.getOrDefault(status, 0L)));
			byStatus.forEach((status, count) -> volumeGauge(status).set(count));
			this.lastFullCount = now;
			return;
		}
		Map<String, Long> unsettled = this.queries.unsettledVolumesByStatus();
		this.volumes.forEach((status, value) -> {
			if (!OperationalQueries.SETTLED_STATUSES.contains(status)) {
				value.set(unsettled.getOrDefault(status, 0L));
			}
		});
		unsettled.forEach((status, count) -> volumeGauge(status).set(count));
	}

	synchronized void refreshServices(List<ServiceBeat> beats) {
		Set<ServiceKey> seen = new HashSet<>();
		for (ServiceBeat beat : beats) {
			ServiceKey key = new ServiceKey(beat.binary(), beat.host());
			seen.add(key);
			this.services.computeIfAbsent(key, k -> register(k, beat)).beat = beat;
		}
		this.services.entrySet().removeIf(e -> {
			if (seen.contains(e.getKey())) {
				return false;
			}
			e.getValue().meters.forEach(this.registry::remove);
			return true;
		});
	}

	private AtomicLong volumeGauge(String status) {
		return this.volumes.computeIfAbsent(status, s -> {
			AtomicLong value = new AtomicLong();
			Gauge.builder("basalt.volumes", value, AtomicLong::get)
				.description("Live volumes by status (refreshed from the database)")
				.tag("status", s)
				.register(this.registry);
			return value;
		});
	}

	private Tracked register(ServiceKey key, ServiceBeat first) {
		Tracked tracked = new Tracked(first);
		Meter.Id age = Gauge.builder("basalt.service.heartbeat.age", tracked, t -> t.beat.ageSeconds(now()))
			.description("Seconds since the service's last heartbeat in the services table")
			.baseUnit("seconds")
			.tag("binary", key.binary())
			.tag("host", key.host())
			.register(this.registry)
			.getId();
		Meter.Id up = Gauge.builder("basalt.service.up", tracked, t -> t.beat.up(now(), this.downTime) ? 1 : 0)
			.description("1 when the service's heartbeat is within service-down-time, else 0")
			.tag("binary", key.binary())
			.tag("host", key.host())
			.register(this.registry)
			.getId();
		tracked.meters = List.of(age, up);
		return tracked;
	}

	private Instant now() {
		return this.clock.instant();
	}

	private record ServiceKey(String binary, String host) {
	}

	private static final class Tracked {

		volatile ServiceBeat beat;

		Tracked(ServiceBeat beat) {
			this.beat = beat;
		}

		volatile List<Meter.Id> meters = List.of();

	}

}
