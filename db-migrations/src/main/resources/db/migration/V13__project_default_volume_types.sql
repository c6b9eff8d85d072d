-- Basalt schema, part 13: per-project default volume types (Cinder's default_volume_types, API 3.62).

-- default_volume_types: the type a volume create of the project gets when it names none, before the
-- configured default_volume_type. One row per project; dropped with its type.
CREATE TABLE default_volume_types (
	project_id     varchar(255) PRIMARY KEY,
	volume_type_id uuid NOT NULL REFERENCES volume_types (id) ON DELETE CASCADE,
	created_at     timestamp with time zone NOT NULL DEFAULT now(),
	updated_at     timestamp with time zone
);
COMMENT ON TABLE default_volume_types IS 'Per-project default volume types (default-types API, 3.62).';
CREATE INDEX default_volume_types_type_idx ON default_volume_types (volume_type_id);
