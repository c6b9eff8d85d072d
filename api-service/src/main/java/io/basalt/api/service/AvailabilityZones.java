package io.basalt.api.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import io.basalt.api.ApiProperties;
import io.basalt.common.service.BasaltServiceProperties;
import io.basalt.common.volume.VolumeRpcApi;

import org.springframework.stereotype.Component;

/**
 * The availability zones a volume may be created in: those of the registered volume services plus the default
 * zone ({@code basalt.service.availability-zone}). Cached for {@code basalt.api.cache-ttl}, so the create path
 * does not query {@code services} per request. Thread-safe.
 */
@Component
public class AvailabilityZones {

	private final ServiceStore services;

	private final String defaultZone;

	private final Clock clock;

	private final ApiProperties properties;

	private volatile Snapshot cached;

	public AvailabilityZones(ServiceStore services, BasaltServiceProperties serviceProperties,
			ApiProperties properties, Clock clock) {
		this.services = services;
		this.defaultZone = serviceProperties.availabilityZone();
		this.properties = properties;
		this.clock = clock;
	}

	/** The zone of a volume created without one. */
	public String defaultZone() {
		return this.defaultZone;
	}

	/** Whether volumes may be created in {@code zone}. */
	public boolean isKnown(String zone) {
		if (this.defaultZone.equals(zone)) {
			return true;
		}
		Snapshot s = this.cached;
		Instant now = this.clock.instant();
		if (s == null || !now.isBefore(s.expires()) || !s.zones().contains(zone)) {
			// A miss re-reads at once: a backend that just registered in a new zone must be usable.
			s = new Snapshot(new TreeSet<>(this.services.zonesOf(VolumeRpcApi.BINARY)),
					now.plus(this.properties.cacheTtl()));
			this.cached = s;
		}
		return s.zones().contains(zone);
	}

	private record Snapshot(Set<String> zones, Instant expires) {
	}

}
