package io.basalt.api.qos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.basalt.api.type.VolumeType;
import io.basalt.api.type.VolumeTypeService;
import io.basalt.api.web.ApiException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The "api" of QoS specs with Cinder's rules ({@code cinder/volume/qos_specs.py}): consumers, unique names,
 * at most one specs per type, no delete while associated unless forced. Thread-safe.
 */
@Service
public class QosSpecsService {

	private final QosSpecsStore store;

	private final VolumeTypeService types;

	QosSpecsService(QosSpecsStore store, VolumeTypeService types) {
		this.store = store;
		this.types = types;
	}

	/** The specs {@code id}; 404 if unknown. */
	public QosSpecs get(String id) {
		return this.store.findById(id).orElseThrow(() -> ApiException.notFound("No such QoS spec " + id + "."));
	}

	/** The back-end specs of a type's QoS (consumer {@code back-end} or {@code both}), else empty. */
	public Map<String, String> backEndSpecs(VolumeType type) {
		if (type.qosSpecsId() == null) {
			return Map.of();
		}
		return this.store.findById(type.qosSpecsId()).filter(QosSpecs::forBackEnd).map(QosSpecs::specs)
			.orElse(Map.of());
	}

	List<QosSpecs> list() {
		return this.store.list();
	}

	@Transactional
	QosSpecs create(String name, Map<String, String> keys) {
		Map<String, String> specs = new LinkedHashMap<>(keys);
		String consumer = consumer(specs.remove("consumer"), "back-end");
		if (this.store.nameTaken(name)) {
			throw ApiException.conflict("QoS Specs " + name + " already exists.");
		}
		try {
			return this.store.insert(name, consumer, specs);
		}
		catch (DataIntegrityViolationException ex) {
			throw ApiException.conflict("QoS Specs " + name + " already exists.");
		}
	}

	/** Sets keys (and the consumer, if named). */
	@Transactional
	void update(String id, Map<String, String> keys) {
		get(id);
		Map<String, String> specs = new LinkedHashMap<>(keys);
		String consumer = specs.remove("consumer");
		if (consumer != null) {
			this.store.updateConsumer(id, consumer(consumer, null));
		}
		this.store.upsertKeys(id, specs);
	}

	/** Unsets keys: 404 for a key the specs do not have (and then none is unset). */
	@Transactional
	void deleteKeys(String id, List<String> keys) {
		QosSpecs specs = get(id);
		for (String key : keys) {
			if (!specs.specs().containsKey(key)) {
				throw ApiException.notFound("QoS spec " + id + " has no spec with key " + key + ".");
			}
		}
		this.store.deleteKeys(id, keys);
	}

	@Transactional
	void delete(String id, boolean force) {
		get(id);
		if (this.store.associated(id) && !force) {
			throw ApiException.badRequest("Qos specs still in use.");
		}
		this.store.disassociateAll(id);
		this.store.softDelete(id);
		this.types.forgetCachedDefault();
	}

	@Transactional
	void associate(String id, String typeId) {
		get(id);
		VolumeType type = this.types.get(requireType(typeId));
		if (type.qosSpecsId() != null && !type.qosSpecsId().equals(id)) {
			throw ApiException.badRequest("Invalid volume type: Type " + type.id()
					+ " is already associated with another qos specs: " + type.qosSpecsId());
		}
		this.store.associate(id, type.id());
		this.types.forgetCachedDefault();
	}

	@Transactional
	void disassociate(String id, String typeId) {
		get(id);
		VolumeType type = this.types.get(requireType(typeId));
		this.store.disassociate(id, type.id());
		this.types.forgetCachedDefault();
	}

	@Transactional
	void disassociateAll(String id) {
		get(id);
		this.store.disassociateAll(id);
		this.types.forgetCachedDefault();
	}

	/** The live types of {@code id}: {@code [id, name]}. */
	List<String[]> associations(String id) {
		get(id);
		return this.store.associations(id);
	}

	private static String requireType(String typeId) {
		if (typeId == null || typeId.isEmpty()) {
			throw ApiException.badRequest("Volume Type id must not be None.");
		}
		return typeId;
	}

	private static String consumer(String consumer, String absent) {
		if (consumer == null) {
			return absent;
		}
		if (!QosSpecs.CONSUMERS.contains(consumer)) {
			throw ApiException.badRequest("Invalid qos specs: Consumer " + consumer
					+ " is invalid, must be one of [both, back-end, front-end].");
		}
		return consumer;
	}

}
