package io.basalt.scheduler.sweep;

/**
 * A volume whose migration stayed in {@code starting} past the sweeper's deadline.
 *
 * @param id the volume
 * @param host its {@code host@backend#pool} (the migration's source)
 * @param newTypeId a retype's target type, or null for a plain migration
 */
public record StuckMigration(String id, String host, String newTypeId) {
}
