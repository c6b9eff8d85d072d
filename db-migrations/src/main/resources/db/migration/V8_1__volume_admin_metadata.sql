-- Basalt schema, part 8.1: admin metadata of volumes (Cinder's volume_admin_metadata).

-- Key/value pairs only the service and admins write: `readonly` (os-update_readonly_flag, "True"/"False") and,
-- with attachments, `attached_mode`. Those two keys are shown to every reader inside the volume's `metadata`, as
-- Cinder's add_visible_admin_metadata does; the others stay internal.
CREATE TABLE volume_admin_metadata (
	volume_id uuid NOT NULL REFERENCES volumes (id) ON DELETE CASCADE,
	key       varchar(255) NOT NULL,
	value     varchar(255),
	PRIMARY KEY (volume_id, key)
);
COMMENT ON TABLE volume_admin_metadata IS 'Admin metadata of volumes (readonly, attached_mode): written by actions, never by users.';
