package io.basalt.api.service;

import java.util.Map;

import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.volume.VolumeRpcApi;

/**
 * Binary names as the API shows them: Cinder's ({@code cinder-volume}, {@code cinder-scheduler}), which Tempest,
 * the clients and operators' scripts look for, while the {@code services} table and the metrics keep Basalt's
 * ({@code basalt-volume}, ...). A filter may use either name.
 */
public final class ServiceBinaries {

	/** Cinder's name of the volume service (its binary and its topic). */
	public static final String CINDER_VOLUME = "cinder-volume";

	private static final Map<String, String> TO_CINDER = Map.of(VolumeRpcApi.BINARY, CINDER_VOLUME,
			SchedulerRpcApi.BINARY, "cinder-scheduler", "basalt-api", "cinder-api", "basalt-backup", "cinder-backup");

	private static final Map<String, String> TO_BASALT = Map.of(CINDER_VOLUME, VolumeRpcApi.BINARY,
			"cinder-scheduler", SchedulerRpcApi.BINARY, "cinder-api", "basalt-api", "cinder-backup", "basalt-backup");

	private ServiceBinaries() {
	}

	/** The name shown for a stored binary (unknown names as they are). */
	public static String shown(String stored) {
		return TO_CINDER.getOrDefault(stored, stored);
	}

	/** The stored name of a binary given by either name (unknown names as they are). */
	public static String stored(String given) {
		return (given != null) ? TO_BASALT.getOrDefault(given, given) : null;
	}

}
