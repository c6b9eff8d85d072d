-- Basalt schema, part 9: QoS specs (Cinder's quality_of_service_specs) and volume type encryption.

-- qos_specs: named sets of QoS keys; consumer front-end (the hypervisor applies them), back-end (the driver
-- does) or both. A volume type names at most one through volume_types.qos_specs_id.
CREATE TABLE qos_specs (
	id         uuid PRIMARY KEY,
	name       varchar(255) NOT NULL,
	consumer   varchar(255) NOT NULL DEFAULT 'back-end' CHECK (consumer IN ('front-end', 'back-end', 'both')),
	created_at timestamp with time zone NOT NULL DEFAULT now(),
	updated_at timestamp with time zone,
	deleted    boolean NOT NULL DEFAULT false,
	deleted_at timestamp with time zone
);
COMMENT ON TABLE qos_specs IS 'QoS specs (qos-specs API); name unique among non-deleted rows.';
CREATE UNIQUE INDEX qos_specs_name_uq ON qos_specs (name) WHERE NOT deleted;

-- qos_spec_keys: the key/value pairs of a QoS specs (e.g. read_iops_sec = 2000).
CREATE TABLE qos_spec_keys (
	qos_specs_id uuid NOT NULL REFERENCES qos_specs (id) ON DELETE CASCADE,
	key          varchar(255) NOT NULL,
	value        varchar(255) NOT NULL,
	PRIMARY KEY (qos_specs_id, key)
);
COMMENT ON TABLE qos_spec_keys IS 'Keys of QoS specs, one row per key.';

ALTER TABLE volume_types ADD CONSTRAINT volume_types_qos_specs_fk FOREIGN KEY (qos_specs_id) REFERENCES qos_specs (id);
CREATE INDEX volume_types_qos_specs_idx ON volume_types (qos_specs_id) WHERE qos_specs_id IS NOT NULL;

-- volume_type_encryption: how volumes of a type are encrypted (Cinder's encryption table); at most one live
-- row per type. Writes are refused while volumes use the type.
CREATE TABLE volume_type_encryption (
	encryption_id    uuid PRIMARY KEY,
	volume_type_id   uuid NOT NULL REFERENCES volume_types (id) ON DELETE CASCADE,
	provider         varchar(255) NOT NULL,
	cipher           varchar(255),
	key_size         integer CHECK (key_size >= 0),
	control_location varchar(255) NOT NULL CHECK (control_location IN ('front-end', 'back-end')),
	created_at       timestamp with time zone NOT NULL DEFAULT now(),
	updated_at       timestamp with time zone,
	deleted          boolean NOT NULL DEFAULT false,
	deleted_at       timestamp with time zone
);
COMMENT ON TABLE volume_type_encryption IS 'Encryption of volume types (types/{id}/encryption); one live row per type.';
CREATE UNIQUE INDEX volume_type_encryption_type_uq ON volume_type_encryption (volume_type_id) WHERE NOT deleted;
