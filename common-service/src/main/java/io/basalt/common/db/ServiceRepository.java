package io.basalt.common.db;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** The live (non-deleted) rows of {@code services}, by binary, host and topic. */
public interface ServiceRepository extends JpaRepository<Service, Long> {

	/** Every live service, for os-services (host, then binary). */
	List<Service> findByDeletedFalseOrderByHostAscBinaryAsc();

	/** Live services of one binary, e.g. every {@code basalt-volume} backend for the scheduler. */
	List<Service> findByBinaryAndDeletedFalse(String binary);

	/** Live services of one topic. */
	List<Service> findByTopicAndDeletedFalse(String topic);

	/** Live services on one host. */
	List<Service> findByHostAndDeletedFalse(String host);

	/** The live row of {@code binary} on {@code host} (unique among live rows). */
	Optional<Service> findByHostAndBinaryAndDeletedFalse(String host, String binary);

}
