package io.basalt.api.qos;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.basalt.api.web.Uuids;
import io.basalt.api.type.VolumeTypeStore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code qos_specs}, {@code qos_spec_keys} and the {@code volume_types.qos_specs_id} associations. Thread-safe. */
@Repository
class QosSpecsStore {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	QosSpecsStore(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Optional<QosSpecs> findById(String id) {
		UUID uuid = Uuids.parse(id);
		if (uuid == null) {
			return Optional.empty();
		}
		List<QosSpecs> found = query("id = ?", uuid);
		return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
	}

	boolean nameTaken(String name) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM qos_specs WHERE name = ? AND NOT deleted)", Boolean.class, name));
	}

	/** Live specs, newest first (Cinder's default sort). */
	List<QosSpecs> list() {
		return query("TRUE");
	}

	private List<QosSpecs> query(String condition, Object... args) {
		List<String[]> rows = this.jdbc.query("SELECT id, name, consumer FROM qos_specs WHERE NOT deleted AND "
				+ condition + " ORDER BY created_at DESC, id DESC",
				(rs, i) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }, args);
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<String, Map<String, String>> keys = new HashMap<>();
		this.jdbc.query("""
				SELECT k.qos_specs_id, k.key, k.value FROM qos_spec_keys k JOIN qos_specs q ON q.id = k.qos_specs_id
				WHERE NOT q.deleted ORDER BY k.key""", rs -> {
			keys.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
		});
		List<QosSpecs> result = new ArrayList<>();
		for (String[] r : rows) {
			result.add(new QosSpecs(r[0], r[1], r[2], keys.get(r[0])));
		}
		return result;
	}

	QosSpecs insert(String name, String consumer, Map<String, String> specs) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("INSERT INTO qos_specs (id, name, consumer, created_at) VALUES (?, ?, ?, ?)", id, name,
				consumer, now());
		upsertKeys(id.toString(), specs);
		return new QosSpecs(id.toString(), name, consumer, specs);
	}

	void updateConsumer(String id, String consumer) {
		this.jdbc.update("UPDATE qos_specs SET consumer = ?, updated_at = ? WHERE id = ?", consumer, now(),
				UUID.fromString(id));
	}

	void upsertKeys(String id, Map<String, String> specs) {
		if (specs.isEmpty()) {
			return;
		}
		UUID uuid = UUID.fromString(id);
		this.jdbc.batchUpdate("""
				INSERT INTO qos_spec_keys (qos_specs_id, key, value) VALUES (?, ?, ?)
				ON CONFLICT (qos_specs_id, key) DO UPDATE SET value = EXCLUDED.value""",
				specs.entrySet().stream().map(e -> new Object[] { uuid, e.getKey(), e.getValue() }).toList());
		this.jdbc.update("UPDATE qos_specs SET updated_at = ? WHERE id = ?", now(), uuid);
	}

	void deleteKeys(String id, Collection<String> keys) {
		UUID uuid = UUID.fromString(id);
		this.jdbc.batchUpdate("DELETE FROM qos_spec_keys WHERE qos_specs_id = ? AND key = ?",
				keys.stream().map(k -> new Object[] { uuid, k }).toList());
	}

	void softDelete(String id) {
		UUID uuid = UUID.fromString(id);
		Timestamp now = now();
		this.jdbc.update("DELETE FROM qos_spec_keys WHERE qos_specs_id = ?", uuid);
		this.jdbc.update("UPDATE qos_specs SET deleted = true, deleted_at = ?, updated_at = ? WHERE id = ?", now, now,
				uuid);
	}

	/** The live types associated with {@code id}: {@code [id, name]} in name order. */
	List<String[]> associations(String id) {
		return this.jdbc.query(
				"SELECT id, name FROM volume_types WHERE qos_specs_id = ? AND NOT deleted ORDER BY name",
				(rs, i) -> new String[] { rs.getString(1), rs.getString(2) }, UUID.fromString(id));
	}

	/** Whether a live type is associated with {@code id}. */
	boolean associated(String id) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM volume_types WHERE qos_specs_id = ? AND NOT deleted)", Boolean.class,
				UUID.fromString(id)));
	}

	void associate(String id, String typeId) {
		this.jdbc.update("UPDATE volume_types SET qos_specs_id = ?, updated_at = ? WHERE id = ?",
				UUID.fromString(id), now(), UUID.fromString(typeId));
	}

	void disassociate(String id, String typeId) {
		this.jdbc.update("UPDATE volume_types SET qos_specs_id = NULL, updated_at = ? WHERE id = ? AND qos_specs_id = ?",
				now(), UUID.fromString(typeId), UUID.fromString(id));
	}

	/** Lets go of every type naming {@code id}, deleted ones included (so the row can be deleted). */
	void disassociateAll(String id) {
		this.jdbc.update("UPDATE volume_types SET qos_specs_id = NULL WHERE qos_specs_id = ?", UUID.fromString(id));
	}

	private Timestamp now() {
		return Timestamp.from(this.clock.instant());
	}

}
