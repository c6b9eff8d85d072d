-- Basalt schema, part 2: volumes and snapshots with their metadata.

-- volumes: one row per volume over its whole life (soft-deleted at the end). `version` is the optimistic
-- lock: every update bumps it, so concurrent state changes (API vs. volume manager) cannot overwrite each other.
CREATE TABLE volumes (
	id                  uuid PRIMARY KEY,
	project_id          varchar(255) NOT NULL,
	user_id             varchar(255) NOT NULL,
	display_name        varchar(255),
	display_description varchar(255),
	size                integer NOT NULL CHECK (size > 0),
	status              varchar(255) NOT NULL,
	previous_status     varchar(255),
	attach_status       varchar(255) NOT NULL DEFAULT 'detached',
	migration_status    varchar(255),
	replication_status  varchar(255),
	availability_zone   varchar(255),
	host                varchar(255),
	cluster_name        varchar(255),
	volume_type_id      uuid NOT NULL REFERENCES volume_types (id),
	snapshot_id         uuid,
	source_volid        uuid,
	group_id            uuid,
	bootable            boolean NOT NULL DEFAULT false,
	multiattach         boolean NOT NULL DEFAULT false,
	use_quota           boolean NOT NULL DEFAULT true,
	provider_location   varchar(1024),
	provider_id         varchar(255),
	scheduled_at        timestamp with time zone,
	launched_at         timestamp with time zone,
	terminated_at       timestamp with time zone,
	created_at          timestamp with time zone NOT NULL DEFAULT now(),
	updated_at          timestamp with time zone,
	deleted             boolean NOT NULL DEFAULT false,
	deleted_at          timestamp with time zone,
	version             bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE volumes IS 'Volumes; host is host@backend#pool once scheduled; version is the optimistic-lock counter.';
COMMENT ON COLUMN volumes.host IS 'host@backend#pool of the volume service owning the volume, null until scheduled.';
-- The default listing: a project''s live volumes, newest first (created_at desc, id desc as tie-break).
CREATE INDEX volumes_project_created_idx ON volumes (project_id, created_at DESC, id DESC) WHERE NOT deleted;
CREATE INDEX volumes_status_idx ON volumes (status) WHERE NOT deleted;
CREATE INDEX volumes_host_idx ON volumes (host) WHERE NOT deleted;
CREATE INDEX volumes_availability_zone_idx ON volumes (availability_zone) WHERE NOT deleted;
CREATE INDEX volumes_display_name_idx ON volumes (display_name) WHERE NOT deleted;
CREATE INDEX volumes_deleted_idx ON volumes (deleted, deleted_at);
CREATE INDEX volumes_created_idx ON volumes (created_at DESC, id DESC) WHERE NOT deleted;
CREATE INDEX volumes_volume_type_idx ON volumes (volume_type_id) WHERE NOT deleted;
CREATE INDEX volumes_snapshot_idx ON volumes (snapshot_id) WHERE snapshot_id IS NOT NULL;
CREATE INDEX volumes_source_volid_idx ON volumes (source_volid) WHERE source_volid IS NOT NULL;

-- volume_metadata: user key/value metadata of a volume, one row per key.
CREATE TABLE volume_metadata (
	volume_id uuid NOT NULL REFERENCES volumes (id) ON DELETE CASCADE,
	key       varchar(255) NOT NULL,
	value     varchar(255),
	PRIMARY KEY (volume_id, key)
);
COMMENT ON TABLE volume_metadata IS 'User metadata of volumes (unique key per volume); filterable by key/value.';
CREATE INDEX volume_metadata_key_value_idx ON volume_metadata (key, value);

-- snapshots: point-in-time copies of a volume, owned by the volume's backend.
CREATE TABLE snapshots (
	id                  uuid PRIMARY KEY,
	volume_id           uuid NOT NULL REFERENCES volumes (id),
	project_id          varchar(255) NOT NULL,
	user_id             varchar(255) NOT NULL,
	display_name        varchar(255),
	display_description varchar(255),
	status              varchar(255) NOT NULL,
	progress            varchar(255),
	volume_size         integer NOT NULL CHECK (volume_size >= 0),
	volume_type_id      uuid REFERENCES volume_types (id),
	group_snapshot_id   uuid,
	use_quota           boolean NOT NULL DEFAULT true,
	provider_location   varchar(1024),
	provider_id         varchar(255),
	created_at          timestamp with time zone NOT NULL DEFAULT now(),
	updated_at          timestamp with time zone,
	deleted             boolean NOT NULL DEFAULT false,
	deleted_at          timestamp with time zone,
	version             bigint NOT NULL DEFAULT 0
);
COMMENT ON TABLE snapshots IS 'Snapshots of volumes; version is the optimistic-lock counter.';
CREATE INDEX snapshots_volume_idx ON snapshots (volume_id) WHERE NOT deleted;
CREATE INDEX snapshots_project_created_idx ON snapshots (project_id, created_at DESC, id DESC) WHERE NOT deleted;
CREATE INDEX snapshots_status_idx ON snapshots (status) WHERE NOT deleted;
CREATE INDEX snapshots_display_name_idx ON snapshots (display_name) WHERE NOT deleted;
CREATE INDEX snapshots_deleted_idx ON snapshots (deleted, deleted_at);

-- snapshot_metadata: user key/value metadata of a snapshot, one row per key.
CREATE TABLE snapshot_metadata (
	snapshot_id uuid NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
	key         varchar(255) NOT NULL,
	value       varchar(255),
	PRIMARY KEY (snapshot_id, key)
);
COMMENT ON TABLE snapshot_metadata IS 'User metadata of snapshots (unique key per snapshot).';
CREATE INDEX snapshot_metadata_key_value_idx ON snapshot_metadata (key, value);
