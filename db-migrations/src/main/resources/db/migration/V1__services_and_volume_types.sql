-- Basalt schema, part 1: service registry and volume types.
-- Conventions: soft-deleted rows keep `deleted = true` and `deleted_at`; uniqueness of names applies among
-- non-deleted rows only (partial unique indexes). All timestamps are `timestamp with time zone`.
-- Note: "binary" is a reserved word in PostgreSQL and must be quoted wherever it is used.

-- services: one row per running service process (host, binary), the heartbeat target. The API's os-services
-- view derives up/down from updated_at; the scheduler lists volume services by binary/topic.
CREATE TABLE services (
	id                  bigserial PRIMARY KEY,
	uuid                uuid NOT NULL DEFAULT gen_random_uuid(),
	host                varchar(255) NOT NULL,
	"binary"            varchar(255) NOT NULL,
	topic               varchar(255) NOT NULL,
	availability_zone   varchar(255) NOT NULL DEFAULT 'nova',
	disabled            boolean NOT NULL DEFAULT false,
	disabled_reason     varchar(255),
	report_count        integer NOT NULL DEFAULT 0,
	rpc_current_version varchar(36),
	cluster_name        varchar(255),
	frozen              boolean NOT NULL DEFAULT false,
	active_backend_id   varchar(255),
	replication_status  varchar(36),
	modified_at         timestamp with time zone,
	created_at          timestamp with time zone NOT NULL DEFAULT now(),
	updated_at          timestamp with time zone,
	deleted             boolean NOT NULL DEFAULT false,
	deleted_at          timestamp with time zone
);
COMMENT ON TABLE services IS 'Registry of running service processes (host, binary); heartbeat via updated_at and report_count.';
CREATE UNIQUE INDEX services_host_binary_uq ON services (host, "binary") WHERE NOT deleted;
CREATE UNIQUE INDEX services_uuid_uq ON services (uuid);
CREATE INDEX services_binary_idx ON services ("binary") WHERE NOT deleted;
CREATE INDEX services_topic_idx ON services (topic) WHERE NOT deleted;
CREATE INDEX services_host_idx ON services (host) WHERE NOT deleted;

-- volume_types: named classes of storage; volumes reference one. Extra specs steer the scheduler.
CREATE TABLE volume_types (
	id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	name         varchar(255) NOT NULL,
	description  varchar(255),
	is_public    boolean NOT NULL DEFAULT true,
	qos_specs_id uuid,
	created_at   timestamp with time zone NOT NULL DEFAULT now(),
	updated_at   timestamp with time zone,
	deleted      boolean NOT NULL DEFAULT false,
	deleted_at   timestamp with time zone
);
COMMENT ON TABLE volume_types IS 'Volume types (e.g. __DEFAULT__); name unique among non-deleted types.';
CREATE UNIQUE INDEX volume_types_name_uq ON volume_types (name) WHERE NOT deleted;
CREATE INDEX volume_types_is_public_idx ON volume_types (is_public) WHERE NOT deleted;

-- volume_type_extra_specs: key/value capabilities a type requires (e.g. volume_backend_name, multiattach).
CREATE TABLE volume_type_extra_specs (
	volume_type_id uuid NOT NULL REFERENCES volume_types (id) ON DELETE CASCADE,
	key            varchar(255) NOT NULL,
	value          varchar(255),
	PRIMARY KEY (volume_type_id, key)
);
COMMENT ON TABLE volume_type_extra_specs IS 'Extra specs of a volume type, one row per key.';
CREATE INDEX volume_type_extra_specs_key_value_idx ON volume_type_extra_specs (key, value);

-- volume_type_projects: projects allowed to use a private (is_public = false) type.
CREATE TABLE volume_type_projects (
	volume_type_id uuid NOT NULL REFERENCES volume_types (id) ON DELETE CASCADE,
	project_id     varchar(255) NOT NULL,
	created_at     timestamp with time zone NOT NULL DEFAULT now(),
	PRIMARY KEY (volume_type_id, project_id)
);
COMMENT ON TABLE volume_type_projects IS 'Access list of private volume types (os-volume-type-access).';
CREATE INDEX volume_type_projects_project_idx ON volume_type_projects (project_id);
