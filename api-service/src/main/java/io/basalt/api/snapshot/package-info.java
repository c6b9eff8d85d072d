/**
 * Snapshots ({@code /snapshots}): create (quota, cast to the volume's backend), list (sorted, paged), show, update,
 * delete, their metadata and their actions ({@code os-reset_status}, {@code os-force_delete},
 * {@code os-update_snapshot_status}).
 */
package io.basalt.api.snapshot;
