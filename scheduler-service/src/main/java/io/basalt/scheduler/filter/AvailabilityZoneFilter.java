package io.basalt.scheduler.filter;

import java.util.List;

import io.basalt.common.scheduler.FilterProperties;
import io.basalt.common.scheduler.RequestSpec;
import io.basalt.common.scheduler.TypeAvailabilityZones;
import io.basalt.scheduler.host.PoolState;

/**
 * Passes pools whose backend's service is in the requested availability zone; when none was asked for, those in
 * one of the zones the volume type names in {@code RESKEY:availability_zones} (the api then leaves the choice to
 * the scheduler, as Cinder's request spec {@code availability_zones}); every pool when neither applies. Stateless
 * and thread-safe.
 */
public final class AvailabilityZoneFilter implements HostFilter {

	@Override
	public boolean passes(PoolState pool, RequestSpec request, FilterProperties properties) {
		String wanted = request.availabilityZone();
		if (wanted != null) {
			return wanted.equals(pool.availabilityZone());
		}
		List<String> typeZones = typeZones(request);
		return typeZones == null || typeZones.contains(pool.availabilityZone());
	}

	@Override
	public HostFilter forRequest(RequestSpec request, FilterProperties properties) {
		return (request.availabilityZone() == null && typeZones(request) == null) ? PASS_ALL : this;
	}

	@Override
	public String reason(PoolState pool, RequestSpec request, FilterProperties properties) {
		return (request.availabilityZone() != null) ? "zone " + pool.availabilityZone() + " is not "
				+ request.availabilityZone()
				: "zone " + pool.availabilityZone() + " is not one of the volume type's " + typeZones(request);
	}

	private static List<String> typeZones(RequestSpec request) {
		return (request.volumeType() != null) ? TypeAvailabilityZones.of(request.volumeType().extraSpecs()) : null;
	}

}
