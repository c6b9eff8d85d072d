-- Basalt schema, part 16: the outbox holds any cast, exactly as it goes on the wire; a retype's target type.
-- Every cast the api sends after a database change (create, delete, extend, snapshots, groups, migration,
-- revert) is written here in the change's transaction: its target (exchange, topic, server, fanout), method,
-- version and namespace, and body, the oslo envelope as UTF-8 JSON text byte for byte as common-rpc publishes it
-- (same _unique_id when the relay sends it again, so a receiver drops the second copy).
ALTER TABLE outbox ADD COLUMN namespace varchar(255);
ALTER TABLE outbox ADD COLUMN body text;
COMMENT ON COLUMN outbox.body IS 'The oslo envelope (UTF-8 JSON) to publish unchanged to exchange/topic[.server].';

-- Rows of the old format (a create_volume payload re-encoded by the relay) cannot be sent by the new relay. Ended
-- rows are history only; one still unsent announced a volume left in creating, which the scheduler's sweeper
-- re-sends after its deadline. Both are dropped.
DELETE FROM outbox WHERE body IS NULL;
ALTER TABLE outbox ALTER COLUMN body SET NOT NULL;
ALTER TABLE outbox DROP COLUMN payload;

-- The type a retype with migration moves the volume to, set with migration_status = 'starting' and cleared when
-- the migration ends: a migration that never starts is ended by the scheduler's sweeper, which needs it to move the
-- per-type quota the retype took back to the volume's type.
ALTER TABLE volumes ADD COLUMN migration_new_type_id uuid;
COMMENT ON COLUMN volumes.migration_new_type_id IS 'Target type of a retype with migration in progress, else null.';
