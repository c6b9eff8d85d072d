package io.basalt.scheduler.sweep;

/**
 * A volume claimed by the sweeper in {@code extending}.
 * @param id the volume id
 * @param host {@code host@backend#pool}, or null if never placed
 * @param size the size it has
 * @param extendToSize the size the api-service accepted the extend for ({@code extend_to_size}), or null for a row
 * written before that column
 */
public record StuckExtend(String id, String host, int size, Integer extendToSize) {
}
