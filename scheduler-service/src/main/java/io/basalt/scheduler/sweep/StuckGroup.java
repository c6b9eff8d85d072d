package io.basalt.scheduler.sweep;

/**
 * A group, or a group snapshot, stuck in {@code creating} or {@code deleting}, claimed by the sweeper.
 *
 * @param id the group or group snapshot
 * @param status its status
 * @param host the group's {@code host@backend}, or null while it is not placed
 * @param fromSource for a group: whether it is made from a group or a group snapshot
 * ({@code create_group_from_src}); always false for a group snapshot
 */
public record StuckGroup(String id, String status, String host, boolean fromSource) {
}
