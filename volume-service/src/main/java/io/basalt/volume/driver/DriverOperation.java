package io.basalt.volume.driver;

import java.util.Locale;

/** The operations of {@link VolumeDriver}, named as their RPC methods (used for latency settings and metrics). */
public enum DriverOperation {

	CREATE_VOLUME, DELETE_VOLUME, EXTEND_VOLUME, CREATE_SNAPSHOT, DELETE_SNAPSHOT, REVERT_TO_SNAPSHOT, MIGRATE_VOLUME;

	/** The snake_case name, e.g. {@code create_volume}. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
