/**
 * The one owner of the statuses Basalt stores: {@link io.basalt.common.state.VolumeStatus} and
 * {@link io.basalt.common.state.SnapshotStatus} with their transition tables, the named
 * {@link io.basalt.common.state.Transition}s the services' guarded {@code UPDATE}s are built from, and the wire
 * values of the other status columns ({@link io.basalt.common.state.GroupStatus},
 * {@link io.basalt.common.state.AttachStatus}, {@link io.basalt.common.state.MigrationStatus}). No SQL text in
 * any module names a status: each statement binds the wire values these types give it.
 */
package io.basalt.common.state;
