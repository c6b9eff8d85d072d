-- Per-type quota resources are named "<resource>_<volume type name>" (e.g. gigabytes_<name>), and a type name
-- may have 255 characters: the resource columns are widened to Cinder's String(300) so that a type with a long
-- name can be created, used and quota'd without a "value too long" error (a 500). Widening a varchar is a
-- catalog-only change in PostgreSQL (no table rewrite, no long lock).
ALTER TABLE quotas ALTER COLUMN resource TYPE varchar(300);
ALTER TABLE quota_classes ALTER COLUMN resource TYPE varchar(300);
ALTER TABLE quota_usages ALTER COLUMN resource TYPE varchar(300);
ALTER TABLE reservations ALTER COLUMN resource TYPE varchar(300);

-- The size an extend was accepted for, written by the api-service in the statement that moves the volume to
-- 'extending'. The volume service extends to this value, not to the new_size of the extend_volume message: the
-- broker is not trusted to carry sizes that quota was taken for. Nullable, no default: a catalog-only change.
ALTER TABLE volumes ADD COLUMN extend_to_size integer;
COMMENT ON COLUMN volumes.extend_to_size IS 'Size (GiB) of the accepted extend while extending; the volume service extends to it.';
