package io.basalt.api.type;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.basalt.api.web.Timestamps;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code volume_type_encryption} (one live row per type) over {@link EncryptionRepository}; answers Cinder's
 * row view as a map. Thread-safe.
 */
@Component
class EncryptionStore {

	private final EncryptionRepository repository;

	private final Clock clock;

	EncryptionStore(EncryptionRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/** The live encryption of {@code typeId} as Cinder's row view (every column), or an empty map. */
	@Transactional(readOnly = true)
	Map<String, Object> find(String typeId) {
		return this.repository.findByVolumeTypeIdAndDeletedFalse(UUID.fromString(typeId))
			.map(EncryptionStore::view)
			.orElse(Map.of());
	}

	/** Inserts the encryption of {@code typeId}; returns its id. */
	@Transactional
	String insert(String typeId, Map<String, Object> values) {
		EncryptionEntity row = new EncryptionEntity(UUID.randomUUID(), UUID.fromString(typeId),
				Timestamps.dbNow(this.clock));
		apply(row, values);
		this.repository.saveAndFlush(row);
		return row.encryptionId().toString();
	}

	/** Sets the given columns of the live encryption of {@code typeId}; false if it has none. */
	@Transactional
	boolean update(String typeId, Map<String, Object> values) {
		EncryptionEntity row = this.repository.findByVolumeTypeIdAndDeletedFalse(UUID.fromString(typeId)).orElse(null);
		if (row == null) {
			return false;
		}
		apply(row, values);
		row.touch(Timestamps.dbNow(this.clock));
		this.repository.flush();
		return true;
	}

	/** Soft-deletes the live encryption of {@code typeId}; false if it has none. */
	@Transactional
	boolean delete(String typeId) {
		EncryptionEntity row = this.repository.findByVolumeTypeIdAndDeletedFalse(UUID.fromString(typeId)).orElse(null);
		if (row == null) {
			return false;
		}
		row.softDelete(Timestamps.dbNow(this.clock));
		this.repository.flush();
		return true;
	}

	private static void apply(EncryptionEntity row, Map<String, Object> values) {
		if (values.containsKey("provider")) {
			row.setProvider((String) values.get("provider"));
		}
		if (values.containsKey("cipher")) {
			row.setCipher((String) values.get("cipher"));
		}
		if (values.containsKey("key_size")) {
			row.setKeySize((Integer) values.get("key_size"));
		}
		if (values.containsKey("control_location")) {
			row.setControlLocation((String) values.get("control_location"));
		}
	}

	private static Map<String, Object> view(EncryptionEntity e) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("volume_type_id", e.volumeTypeId().toString());
		row.put("encryption_id", e.encryptionId().toString());
		row.put("key_size", e.keySize());
		row.put("provider", e.provider());
		row.put("control_location", e.controlLocation());
		row.put("cipher", e.cipher());
		row.put("deleted", e.deleted());
		row.put("created_at", Timestamps.format(e.createdAt()));
		row.put("updated_at", Timestamps.format(e.updatedAt()));
		row.put("deleted_at", Timestamps.format(e.deletedAt()));
		return row;
	}

}
