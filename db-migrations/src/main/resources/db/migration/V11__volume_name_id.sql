-- Basalt schema, part 11: Cinder's volumes._name_id.
-- After a migration the volume keeps its id, but its data lives on the destination backend under the id of the
-- volume the destination created: name_id records that id (null = the volume's own id), so drivers name the
-- volume's storage by COALESCE(name_id, id). Shown to admins as os-vol-mig-status-attr:name_id.
ALTER TABLE volumes ADD COLUMN name_id uuid;
COMMENT ON COLUMN volumes.name_id IS 'Cinder''s _name_id: the id the backend stores the volume under after a migration, null = id.';
