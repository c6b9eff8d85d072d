package io.basalt.api.qos;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.basalt.api.web.Timestamps;
import io.basalt.api.web.Uuids;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * QoS specs: {@code qos_specs} and {@code qos_spec_keys} over {@link QosSpecsRepository} (JPA), the
 * {@code volume_types.qos_specs_id} associations over JDBC (volume types are read on the create path). Thread-safe.
 */
@Repository
class QosSpecsStore {

	private final QosSpecsRepository repository;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	QosSpecsStore(QosSpecsRepository repository, JdbcTemplate jdbc, Clock clock) {
		this.repository = repository;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	Optional<QosSpecs> findById(String id) {
		UUID uuid = Uuids.parse(id);
		return (uuid == null) ? Optional.empty()
				: this.repository.findByIdAndDeletedFalse(uuid).map(QosSpecsEntity::toRecord);
	}

	@Transactional(readOnly = true)
	boolean nameTaken(String name) {
		return this.repository.existsByNameAndDeletedFalse(name);
	}

	/** Live specs, newest first (Cinder's default sort). */
	@Transactional(readOnly = true)
	List<QosSpecs> list() {
		return this.repository.findByDeletedFalseOrderByCreatedAtDescIdDesc().stream().map(QosSpecsEntity::toRecord)
			.toList();
	}

	@Transactional
	QosSpecs insert(String name, String consumer, Map<String, String> specs) {
		QosSpecsEntity row = new QosSpecsEntity(UUID.randomUUID(), name, consumer, specs, Timestamps.dbNow(this.clock));
		// flushed now: a duplicate name is the unique index's error here, not at commit
		return this.repository.saveAndFlush(row).toRecord();
	}

	@Transactional
	void updateConsumer(String id, String consumer) {
		live(id).setConsumer(consumer, Timestamps.dbNow(this.clock));
	}

	@Transactional
	void upsertKeys(String id, Map<String, String> specs) {
		if (!specs.isEmpty()) {
			live(id).putKeys(specs, Timestamps.dbNow(this.clock));
		}
	}

	@Transactional
	void deleteKeys(String id, Collection<String> keys) {
		live(id).removeKeys(keys);
	}

	@Transactional
	void softDelete(String id) {
		live(id).softDelete(Timestamps.dbNow(this.clock));
		this.repository.flush();
	}

	private QosSpecsEntity live(String id) {
		return this.repository.findByIdAndDeletedFalse(UUID.fromString(id))
			.orElseThrow(() -> new IllegalStateException("QoS specs " + id + " vanished"));
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
