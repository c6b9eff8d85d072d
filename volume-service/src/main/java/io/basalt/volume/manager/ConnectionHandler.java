package io.basalt.volume.manager;

import java.util.Map;

import io.basalt.common.volume.ConnectionInfo;
import io.basalt.volume.driver.DriverException;
import io.basalt.volume.driver.DriverVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection side of attachments on one backend, as Cinder's manager does it in
 * {@code initialize_connection}, {@code terminate_connection}, {@code attachment_update} and
 * {@code attachment_delete}: find the volume on this backend, ask the driver. These are RPC calls: the caller
 * waits for the answer and owns the attachment rows and the volume status (a failure or a timeout is its to
 * record), so nothing here writes the database. Repeating a call is harmless (the driver's idempotency rules).
 * Thread-safe.
 */
final class ConnectionHandler {

	private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);

	private final BackendContext backend;

	ConnectionHandler(BackendContext backend) {
		this.backend = backend;
	}

	/** The driver's connection info for {@code connector}; fails if the volume is not live on this backend. */
	ConnectionInfo initialize(String volumeId, Map<String, Object> connector) {
		DriverVolume volume = volume(volumeId);
		try {
			ConnectionInfo info = this.backend.driver().initializeConnection(volume, connector);
			log.info("initialize_connection {}: {} for {}", volumeId, info.driverVolumeType(), hostOf(connector));
			return info;
		}
		catch (RuntimeException ex) {
			log.warn("initialize_connection {} failed: {}", volumeId, ex.toString());
			throw new DriverException("Bad or unexpected response from the storage volume backend API: "
					+ "Unable to fetch connection information from backend: " + ex.getMessage());
		}
	}

	/** Removes the connector's export; {@code connector} null (a forced detach) removes every export. */
	void terminate(String volumeId, Map<String, Object> connector) {
		DriverVolume volume = volume(volumeId);
		this.backend.driver().terminateConnection(volume, connector);
		log.info("terminate_connection {} for {}", volumeId, hostOf(connector));
	}

	private DriverVolume volume(String volumeId) {
		VolumeRecord row = this.backend.volumes().find(volumeId).orElse(null);
		if (row == null || row.deleted() || !this.backend.owns(row)) {
			throw new DriverException("Volume " + volumeId + " could not be found on " + this.backend.backend() + ".");
		}
		return this.backend.driverVolume(row);
	}

	private static Object hostOf(Map<String, Object> connector) {
		return (connector != null) ? connector.get("host") : null;
	}

}
