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

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database every {@code basalt.api.metrics.refresh-interval} (default 10 s) on Spring's
 * scheduler, never on a request thread:
 * <ul>
 * <li>{@code basalt.volumes} (tag {@code status}): live volumes by status, from one {@code GROUP BY} query; the
 * common statuses are always present (0 when none);</li>
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

	private final Map<String, AtomicLong> volumes = new ConcurrentHashMap<>();

	private final Map<ServiceKey, Tracked> services = new ConcurrentHashMap<>();

	public OperationalGauges(OperationalQueries queries, MeterRegistry registry, Clock clock,
			BasaltServiceProperties properties) {
		this.queries = queries;
		this.registry = registry;
		this.clock = clock;
		this.downTime = properties.serviceDownTime();
		COMMON_STATUSES.forEach(this::volumeGauge);
	}

	/** Reads the database and updates the gauges. */
	@Scheduled(initialDelayString = "${basalt.api.metrics.initial-delay:1s}",
			fixedDelayString = "${basalt.api.metrics.refresh-interval:10s}")
	public void refresh() {
		try {
			refreshVolumes(this.queries.volumesByStatus());
			refreshServices(this.queries.services());
		}
		catch (RuntimeException ex) {
			log.warn("Refreshing the operational gauges failed (keeping the last values): {}", ex.toString());
		}
	}

	void refreshVolumes(Map<String, Long> byStatus) {
		this.volumes.forEach((status, value) -> value.set(byStatus.getOrDefault(status, 0L)));
		byStatus.forEach((status, count) -> volumeGauge(status).set(count));
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
