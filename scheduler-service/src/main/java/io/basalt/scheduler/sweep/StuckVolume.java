package io.basalt.scheduler.sweep;

import io.basalt.common.scheduler.RequestSpec;

/**
 * A volume the sweeper claimed: where it is (null when not placed), its status, and the request spec rebuilt
 * from the database (placement hints are not stored, so a re-sent create carries none).
 *
 * @param id the volume id
 * @param status {@code creating} or {@code deleting}
 * @param host {@code host@backend#pool}, or null
 * @param requestSpec the rebuilt request spec
 */
public record StuckVolume(String id, String status, String host, RequestSpec requestSpec) {
}
