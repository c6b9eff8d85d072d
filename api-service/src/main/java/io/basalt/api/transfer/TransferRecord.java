package io.basalt.api.transfer;

import java.time.Instant;

/**
 * A {@code transfers} row.
 *
 * @param id the transfer id
 * @param volumeId the volume offered
 * @param name the display name, or null
 * @param salt the salt of the key's hash
 * @param cryptHash {@code HMAC-SHA256(salt, auth key)}
 * @param noSnapshots whether the volume's snapshots stay behind (3.55)
 * @param sourceProjectId the project offering the volume
 * @param destinationProjectId the project that accepted it, or null
 * @param accepted whether it was accepted
 * @param createdAt creation time
 */
record TransferRecord(String id, String volumeId, String name, String salt, String cryptHash, boolean noSnapshots,
		String sourceProjectId, String destinationProjectId, boolean accepted, Instant createdAt) {
}
