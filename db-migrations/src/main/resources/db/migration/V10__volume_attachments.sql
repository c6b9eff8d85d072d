-- Basalt schema, part 10: volume attachments (Cinder's volume_attachment table).

-- One row per attachment of a volume to a consumer (an instance, or a host), over its whole life: created
-- `reserved` (attachment-create without a connector, os-reserve), `attaching` once the backend made the
-- connection (attachment-update, os-initialize_connection), `attached` when completed (os-complete, os-attach),
-- soft-deleted `detached` at the end; `error_attaching` when the backend failed. The volume's own status and
-- attach_status are derived from its live, non-error attachments (attached > attaching > detaching > reserved),
-- as Cinder's _get_statuses_from_attachments.
CREATE TABLE volume_attachments (
	id              uuid PRIMARY KEY,
	volume_id       uuid NOT NULL REFERENCES volumes (id) ON DELETE CASCADE,
	instance_uuid   varchar(36),
	attached_host   varchar(255),
	mountpoint      varchar(255),
	attach_status   varchar(255) NOT NULL,
	attach_mode     varchar(36),
	connector       jsonb,
	connection_info jsonb,
	volume_host     varchar(255),
	attach_time     timestamp with time zone,
	detach_time     timestamp with time zone,
	created_at      timestamp with time zone NOT NULL DEFAULT now(),
	updated_at      timestamp with time zone,
	deleted         boolean NOT NULL DEFAULT false,
	deleted_at      timestamp with time zone
);
COMMENT ON TABLE volume_attachments IS 'Attachments of volumes (reserved/attaching/attached/detaching/error_attaching, detached when deleted).';
COMMENT ON COLUMN volume_attachments.connection_info IS 'What the backend driver returned for the connector (flattened data + driver_volume_type).';
-- The live attachments of a volume (view, status recount, multiattach check).
CREATE INDEX volume_attachments_volume_idx ON volume_attachments (volume_id) WHERE NOT deleted;
-- Listing by instance (attachment-list --instance-id), newest first.
CREATE INDEX volume_attachments_instance_idx ON volume_attachments (instance_uuid, created_at DESC) WHERE NOT deleted;
