-- Basalt schema, part 5: seed rows every deployment needs.

-- The default volume type (Cinder's default_volume_type); it cannot be deleted through the API.
INSERT INTO volume_types (name, description, is_public) VALUES ('__DEFAULT__', 'Default Volume Type', true);

-- Default quota class: the limits of every project without its own quotas rows.
INSERT INTO quota_classes (class_name, resource, hard_limit) VALUES
	('default', 'volumes', 10),
	('default', 'snapshots', 10),
	('default', 'gigabytes', 1000),
	('default', 'backups', 10),
	('default', 'backup_gigabytes', 1000),
	('default', 'groups', 10),
	('default', 'per_volume_gigabytes', -1);
