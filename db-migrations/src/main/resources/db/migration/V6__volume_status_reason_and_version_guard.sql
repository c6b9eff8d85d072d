-- Basalt schema, part 6: why a volume is in its status, and a guard that keeps the optimistic lock honest.

-- status_reason: the human-readable cause of the last status change that needs one, e.g. the scheduler's
-- "No valid backend was found. CapabilitiesFilter removed 2 of 2 pools" or a driver error.
ALTER TABLE volumes ADD COLUMN status_reason text;
COMMENT ON COLUMN volumes.status_reason IS 'Why the volume is in its status (no valid backend, driver error), or null.';

-- The services update volume rows with single guarded statements (JDBC) while the api-service uses JPA with
-- @Version on `version`. Every UPDATE must bump `version`, or a JPA write could overwrite a status change it
-- never saw. Writers that bump it themselves (Hibernate) keep their value; the others get it bumped here.
CREATE FUNCTION basalt_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.version IS NOT DISTINCT FROM OLD.version THEN
		NEW.version := OLD.version + 1;
	END IF;
	RETURN NEW;
END;
$$;

CREATE TRIGGER volumes_bump_version BEFORE UPDATE ON volumes
	FOR EACH ROW EXECUTE FUNCTION basalt_bump_version();

CREATE TRIGGER snapshots_bump_version BEFORE UPDATE ON snapshots
	FOR EACH ROW EXECUTE FUNCTION basalt_bump_version();
