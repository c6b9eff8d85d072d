-- Basalt schema, part 12: generic volume groups (Cinder microversions 3.11-3.20): group types and their specs,
-- groups (a set of volumes of given volume types on one backend) and group snapshots (one snapshot per volume).
-- volumes.group_id and snapshots.group_snapshot_id exist since V2.

-- group_types: named kinds of groups (group-types API); name unique among live rows.
CREATE TABLE group_types (
	id          uuid PRIMARY KEY,
	name        varchar(255) NOT NULL,
	description varchar(255),
	is_public   boolean NOT NULL DEFAULT true,
	created_at  timestamp with time zone NOT NULL DEFAULT now(),
	updated_at  timestamp with time zone,
	deleted     boolean NOT NULL DEFAULT false,
	deleted_at  timestamp with time zone
);
COMMENT ON TABLE group_types IS 'Group types (group_types API); name unique among non-deleted rows.';
CREATE UNIQUE INDEX group_types_name_uq ON group_types (name) WHERE NOT deleted;

-- group_type_specs: key/value specs of a group type (e.g. consistent_group_snapshot_enabled = <is> True).
CREATE TABLE group_type_specs (
	group_type_id uuid NOT NULL REFERENCES group_types (id) ON DELETE CASCADE,
	key           varchar(255) NOT NULL,
	value         varchar(255) NOT NULL,
	PRIMARY KEY (group_type_id, key)
);
COMMENT ON TABLE group_type_specs IS 'Specs of group types, one row per key.';

-- groups: a group of volumes placed on one backend (host@backend) that satisfies all its volume types.
CREATE TABLE groups (
	id                uuid PRIMARY KEY,
	project_id        varchar(255) NOT NULL,
	user_id           varchar(255),
	name              varchar(255),
	description       varchar(255),
	status            varchar(255) NOT NULL,
	availability_zone varchar(255) NOT NULL,
	host              varchar(255),
	group_type_id     uuid NOT NULL REFERENCES group_types (id),
	group_snapshot_id uuid,
	source_group_id   uuid,
	created_at        timestamp with time zone NOT NULL DEFAULT now(),
	updated_at        timestamp with time zone,
	deleted           boolean NOT NULL DEFAULT false,
	deleted_at        timestamp with time zone
);
COMMENT ON TABLE groups IS 'Generic volume groups (groups API).';
CREATE INDEX groups_project_idx ON groups (project_id) WHERE NOT deleted;
CREATE INDEX groups_status_idx ON groups (status) WHERE NOT deleted;

-- group_volume_types: the volume types a group accepts, in the order they were given.
CREATE TABLE group_volume_types (
	group_id       uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
	volume_type_id uuid NOT NULL REFERENCES volume_types (id),
	position       integer NOT NULL,
	PRIMARY KEY (group_id, volume_type_id)
);
COMMENT ON TABLE group_volume_types IS 'Volume types of a group (Cinder''s group_volume_type_mapping).';

-- group_snapshots: a point-in-time copy of every volume of a group (one snapshots row per volume).
CREATE TABLE group_snapshots (
	id            uuid PRIMARY KEY,
	project_id    varchar(255) NOT NULL,
	user_id       varchar(255),
	group_id      uuid NOT NULL REFERENCES groups (id),
	group_type_id uuid NOT NULL REFERENCES group_types (id),
	name          varchar(255),
	description   varchar(255),
	status        varchar(255) NOT NULL,
	created_at    timestamp with time zone NOT NULL DEFAULT now(),
	updated_at    timestamp with time zone,
	deleted       boolean NOT NULL DEFAULT false,
	deleted_at    timestamp with time zone
);
COMMENT ON TABLE group_snapshots IS 'Group snapshots (group_snapshots API).';
CREATE INDEX group_snapshots_group_idx ON group_snapshots (group_id) WHERE NOT deleted;
CREATE INDEX group_snapshots_project_idx ON group_snapshots (project_id) WHERE NOT deleted;
CREATE INDEX volumes_group_idx ON volumes (group_id) WHERE group_id IS NOT NULL AND NOT deleted;
CREATE INDEX snapshots_group_snapshot_idx ON snapshots (group_snapshot_id) WHERE group_snapshot_id IS NOT NULL;
