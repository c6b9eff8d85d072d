package io.basalt.volume.driver;

import java.util.Objects;

/**
 * A snapshot as a driver sees it.
 *
 * @param id the snapshot id
 * @param volume the volume it copies
 */
public record DriverSnapshot(String id, DriverVolume volume) {

	public DriverSnapshot {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(volume, "volume");
	}

}
