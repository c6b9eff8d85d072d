-- Basalt schema, part 8: volume transfers and user messages.

-- transfers: a volume offered to another project (os-volume-transfer, volume-transfers). The auth key is shown
-- once, at create, and never stored: only a random salt and HMAC-SHA256(salt, key) in hex. Accepting or deleting
-- a transfer soft-deletes its row (accepted says which), so the history stays readable (3.57).
CREATE TABLE transfers (
	id                     uuid PRIMARY KEY,
	volume_id              uuid NOT NULL REFERENCES volumes (id),
	display_name           varchar(255),
	salt                   varchar(255) NOT NULL,
	crypt_hash             varchar(255) NOT NULL,
	expires_at             timestamp with time zone,
	no_snapshots           boolean NOT NULL DEFAULT false,
	source_project_id      varchar(255) NOT NULL,
	destination_project_id varchar(255),
	accepted               boolean NOT NULL DEFAULT false,
	created_at             timestamp with time zone NOT NULL DEFAULT now(),
	updated_at             timestamp with time zone,
	deleted                boolean NOT NULL DEFAULT false,
	deleted_at             timestamp with time zone
);
COMMENT ON TABLE transfers IS 'Volume transfers; crypt_hash = HMAC-SHA256(salt, auth key), the key itself is never stored.';
-- At most one open transfer per volume (the volume is awaiting-transfer while it is open).
CREATE UNIQUE INDEX transfers_open_volume_uq ON transfers (volume_id) WHERE NOT deleted;
CREATE INDEX transfers_source_project_idx ON transfers (source_project_id, created_at DESC, id DESC) WHERE NOT deleted;

-- messages: user messages (3.3), e.g. why a create ended in error. The text is not stored: it is derived from
-- action_id and detail_id (Cinder's message_field), as Cinder does. Rows are deleted once past expires_at.
CREATE TABLE messages (
	id            uuid PRIMARY KEY,
	project_id    varchar(255) NOT NULL,
	request_id    varchar(255),
	resource_type varchar(255),
	resource_uuid varchar(255),
	event_id      varchar(255) NOT NULL,
	action_id     varchar(10),
	detail_id     varchar(10),
	message_level varchar(255) NOT NULL,
	created_at    timestamp with time zone NOT NULL DEFAULT now(),
	expires_at    timestamp with time zone NOT NULL
);
COMMENT ON TABLE messages IS 'User messages (GET /messages); event_id VOLUME_<resource>_<action>_<detail>; deleted after expires_at.';
CREATE INDEX messages_project_created_idx ON messages (project_id, created_at DESC, id DESC);
CREATE INDEX messages_expires_idx ON messages (expires_at);
