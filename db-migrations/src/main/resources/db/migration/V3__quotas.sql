-- Basalt schema, part 3: quotas. Limit lookup order: quotas (project) -> quota_classes ('default') -> config.

-- quotas: per-project hard limits overriding the class defaults (-1 = unlimited).
CREATE TABLE quotas (
	id         bigserial PRIMARY KEY,
	project_id varchar(255) NOT NULL,
	resource   varchar(255) NOT NULL,
	hard_limit integer NOT NULL CHECK (hard_limit >= -1),
	created_at timestamp with time zone NOT NULL DEFAULT now(),
	updated_at timestamp with time zone
);
COMMENT ON TABLE quotas IS 'Per-project quota limits (os-quota-sets); -1 means unlimited.';
CREATE UNIQUE INDEX quotas_project_resource_uq ON quotas (project_id, resource);

-- quota_classes: named default limits; class ''default'' supplies every project''s defaults.
CREATE TABLE quota_classes (
	id         bigserial PRIMARY KEY,
	class_name varchar(255) NOT NULL,
	resource   varchar(255) NOT NULL,
	hard_limit integer NOT NULL CHECK (hard_limit >= -1),
	created_at timestamp with time zone NOT NULL DEFAULT now(),
	updated_at timestamp with time zone
);
COMMENT ON TABLE quota_classes IS 'Quota class limits (os-quota-class-sets); class default gives the defaults.';
CREATE UNIQUE INDEX quota_classes_class_resource_uq ON quota_classes (class_name, resource);

-- quota_usages: what a project consumes (in_use) and holds in open reservations (reserved). Rows are locked
-- FOR UPDATE while a reservation is checked and taken, so concurrent creates cannot both pass the limit.
CREATE TABLE quota_usages (
	id            bigserial PRIMARY KEY,
	project_id    varchar(255) NOT NULL,
	resource      varchar(255) NOT NULL,
	in_use        integer NOT NULL DEFAULT 0,
	reserved      integer NOT NULL DEFAULT 0,
	until_refresh integer,
	created_at    timestamp with time zone NOT NULL DEFAULT now(),
	updated_at    timestamp with time zone
);
COMMENT ON TABLE quota_usages IS 'Per-project usage counters, locked FOR UPDATE during reserve/commit/rollback.';
CREATE UNIQUE INDEX quota_usages_project_resource_uq ON quota_usages (project_id, resource);

-- reservations: uncommitted quota deltas; committed (added to in_use) or rolled back, else expired by a sweeper.
CREATE TABLE reservations (
	id         uuid PRIMARY KEY,
	usage_id   bigint NOT NULL REFERENCES quota_usages (id) ON DELETE CASCADE,
	project_id varchar(255) NOT NULL,
	resource   varchar(255) NOT NULL,
	delta      integer NOT NULL,
	expire     timestamp with time zone NOT NULL,
	created_at timestamp with time zone NOT NULL DEFAULT now(),
	updated_at timestamp with time zone
);
COMMENT ON TABLE reservations IS 'Open quota reservations; rows are deleted on commit, rollback or expiry.';
CREATE INDEX reservations_usage_idx ON reservations (usage_id);
CREATE INDEX reservations_project_idx ON reservations (project_id);
CREATE INDEX reservations_expire_idx ON reservations (expire);
