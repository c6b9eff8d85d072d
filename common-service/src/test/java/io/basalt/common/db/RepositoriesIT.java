package io.basalt.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.basalt.testing.PostgresDatabase;
import io.basalt.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The entities and repositories against a real, migrated PostgreSQL (common-testing): Hibernate validates every
 * mapping against the schema ({@code ddl-auto=validate}), and each repository's queries run.
 */
@Timeout(120)
@SpringBootTest(classes = RepositoriesIT.TestApp.class,
		properties = { "spring.jpa.hibernate.ddl-auto=validate", "spring.flyway.enabled=false",
				"spring.jpa.open-in-view=false" })
class RepositoriesIT {

	private static final PostgresDatabase db = TestServices.postgresDatabase();

	@Autowired
	VolumeRepository volumes;

	@Autowired
	VolumeTypeRepository types;

	@Autowired
	SnapshotRepository snapshots;

	@Autowired
	ServiceRepository services;

	@Autowired
	QuotaRepository quotas;

	@Autowired
	QuotaClassRepository quotaClasses;

	@Autowired
	QuotaUsageRepository usages;

	@Autowired
	ReservationRepository reservations;

	@Autowired
	OutboxRepository outbox;

	@Autowired
	HandledMessageRepository handled;

	@Autowired
	TransactionTemplate tx;

	@DynamicPropertySource
	static void datasource(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", db::jdbcUrl);
		registry.add("spring.datasource.username", db::username);
		registry.add("spring.datasource.password", db::password);
	}

	@AfterAll
	static void dropDatabase() {
		db.close();
	}

	/** The seeded default type is found by name; a private type with extra specs is visible to its project only. */
	@Test
	void volumeTypesWithExtraSpecsAndAccess() {
		VolumeType dflt = this.types.findByNameAndDeletedFalse(VolumeTypeRepository.DEFAULT_TYPE_NAME).orElseThrow();
		assertThat(dflt.getDescription()).isEqualTo("Default Volume Type");

		VolumeType gold = new VolumeType("gold-" + UUID.randomUUID(), "fast", false);
		gold.getExtraSpecs().put("volume_backend_name", "lvm");
		gold.getProjects().add("p-gold");
		UUID id = this.types.save(gold).getId();

		VolumeType loaded = this.tx.execute(s -> {
			VolumeType t = this.types.findByIdAndDeletedFalse(id).orElseThrow();
			t.getExtraSpecs().size();
			return t;
		});
		assertThat(loaded.getExtraSpecs()).containsExactly(Map.entry("volume_backend_name", "lvm"));
		assertThat(this.types.findVisibleTo("p-gold")).extracting(VolumeType::getId).contains(id, dflt.getId());
		assertThat(this.types.findVisibleTo("p-other")).extracting(VolumeType::getId).doesNotContain(id);
	}

	/** Volumes save with metadata and are listed by project, status and metadata through specifications. */
	@Test
	void volumesFilteredBySpecifications() {
		UUID type = defaultTypeId();
		String project = "p-" + UUID.randomUUID();
		Volume a = new Volume(project, "u1", 1, type);
		a.setDisplayName("a");
		a.getMetadata().put("tier", "db");
		Volume b = new Volume(project, "u1", 2, type);
		b.setStatus("available");
		Volume other = new Volume("p-other", "u2", 3, type);
		this.volumes.saveAll(List.of(a, b, other));

		Sort newest = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));
		assertThat(this.volumes.findAll(VolumeSpecifications.matching(VolumeFilter.ofProject(project)), newest))
			.extracting(Volume::getId)
			.containsExactlyInAnyOrder(a.getId(), b.getId());
		VolumeFilter byMeta = new VolumeFilter(project, null, null, null, null, null, null, Map.of("tier", "db"),
				false);
		assertThat(this.volumes.findAll(VolumeSpecifications.matching(byMeta))).extracting(Volume::getId)
			.containsExactly(a.getId());
		VolumeFilter byStatus = new VolumeFilter(project, "available", null, null, null, null, type, Map.of(), false);
		assertThat(this.volumes.findAll(VolumeSpecifications.matching(byStatus))).extracting(Volume::getId)
			.containsExactly(b.getId());
		assertThat(this.volumes.countByProjectIdAndDeletedFalse(project)).isEqualTo(2);
		assertThat(this.volumes.existsByVolumeTypeIdAndDeletedFalse(type)).isTrue();
	}

	/** A save over a row changed since it was read fails, whether the change came from JPA or plain SQL. */
	@Test
	void optimisticLockDetectsConcurrentChanges() {
		Volume v = this.volumes.save(new Volume("p-lock", "u", 1, defaultTypeId()));
		Volume first = this.volumes.findById(v.getId()).orElseThrow();
		Volume second = this.volumes.findById(v.getId()).orElseThrow();
		first.setStatus("available");
		this.volumes.save(first);
		second.setStatus("error");
		assertThatThrownBy(() -> this.volumes.save(second)).isInstanceOf(ObjectOptimisticLockingFailureException.class);

		Volume fresh = this.volumes.findById(v.getId()).orElseThrow();
		int changed = this.tx.execute(s -> this.volumes.updateStatusIf(v.getId(), Set.of("available"), "deleting",
				Instant.now()));
		assertThat(changed).isEqualTo(1);
		Integer again = this.tx.execute(s -> this.volumes.updateStatusIf(v.getId(), Set.of("available"), "x",
				Instant.now()));
		assertThat(again).isZero();
		fresh.setDisplayName("late");
		assertThatThrownBy(() -> this.volumes.save(fresh)).isInstanceOf(ObjectOptimisticLockingFailureException.class);
		assertThat(this.volumes.findById(v.getId()).orElseThrow().getStatus()).isEqualTo("deleting");
	}

	/** Snapshots save with metadata and are found by volume. */
	@Test
	void snapshotsByVolume() {
		Volume v = this.volumes.save(new Volume("p-snap", "u", 4, defaultTypeId()));
		Snapshot s = new Snapshot(v.getId(), "p-snap", "u", 4);
		s.getMetadata().put("k", "v");
		this.snapshots.save(s);
		assertThat(this.snapshots.findByVolumeIdAndDeletedFalse(v.getId())).extracting(Snapshot::getId)
			.containsExactly(s.getId());
		assertThat(this.snapshots.countByProjectIdAndDeletedFalse("p-snap")).isEqualTo(1);
	}

	/** Services are found by host and binary (a quoted, reserved column) and by binary. */
	@Test
	void servicesByHostAndBinary() {
		String host = "node-" + UUID.randomUUID() + "@lvm";
		this.services.save(new Service(host, "basalt-volume", "basalt-volume", "nova"));
		assertThat(this.services.findByHostAndBinaryAndDeletedFalse(host, "basalt-volume")).isPresent();
		assertThat(this.services.findByBinaryAndDeletedFalse("basalt-volume")).extracting(Service::getHost)
			.contains(host);
	}

	/** Default quota classes are seeded; usage rows are created race-free and locked for a reservation. */
	@Test
	void quotaUsageLockedForReservation() {
		assertThat(this.quotaClasses.findByClassNameAndResource(QuotaClassRepository.DEFAULT_CLASS, "gigabytes"))
			.get()
			.extracting(QuotaClass::getHardLimit)
			.isEqualTo(1000);
		this.quotas.save(new Quota("p-q", "volumes", 5));
		assertThat(this.quotas.findByProjectId("p-q")).hasSize(1);

		UUID reservationId = this.tx.execute(s -> {
			assertThat(this.usages.ensureExists("p-q", "volumes")).isEqualTo(1);
			assertThat(this.usages.ensureExists("p-q", "volumes")).isZero();
			QuotaUsage usage = this.usages.lockByProjectId("p-q").get(0);
			usage.setReserved(usage.getReserved() + 1);
			return this.reservations.save(new Reservation(usage, 1, Instant.now().plus(1, ChronoUnit.DAYS))).getId();
		});
		assertThat(this.usages.findByProjectIdAndResource("p-q", "volumes").orElseThrow().getReserved()).isEqualTo(1);
		assertThat(this.reservations.findByIdIn(List.of(reservationId))).hasSize(1);
		assertThat(this.reservations.findByExpireBeforeOrderByExpireAsc(Instant.now())).isEmpty();
		Long deleted = this.tx.execute(s -> this.quotas.deleteByProjectId("p-q"));
		assertThat(deleted).isEqualTo(1);
	}

	/** Outbox messages are claimed while unsent; a message id is handled once. */
	@Test
	void outboxAndIdempotency() {
		OutboxMessage m = this.outbox.save(
				new OutboxMessage("basalt-scheduler", null, "create_volume", "{\"volume_id\":\"x\"}", Instant.now()));
		this.tx.executeWithoutResult(s -> {
			List<OutboxMessage> due = this.outbox.lockDue(Instant.now(), Limit.of(10));
			assertThat(due).extracting(OutboxMessage::getId).contains(m.getId());
			due.forEach(d -> d.setSentAt(Instant.now()));
		});
		List<OutboxMessage> dueAfterSend = this.tx.execute(s -> this.outbox.lockDue(Instant.now(), Limit.of(10)));
		assertThat(dueAfterSend).isEmpty();

		String id = UUID.randomUUID().toString();
		Integer firstDelivery = this.tx.execute(s -> this.handled.markHandled(id, "t", "m", Instant.now()));
		Integer redelivery = this.tx.execute(s -> this.handled.markHandled(id, "t", "m", Instant.now()));
		assertThat(firstDelivery).isEqualTo(1);
		assertThat(redelivery).isZero();
	}

	private UUID defaultTypeId() {
		return this.types.findByNameAndDeletedFalse(VolumeTypeRepository.DEFAULT_TYPE_NAME).orElseThrow().getId();
	}

	/** Only JPA and the datasource: the services' own auto-configuration (RPC, registry) stays out. */
	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = "io.basalt.common.config.BasaltCommonAutoConfiguration")
	@EntityScan("io.basalt.common.db")
	@EnableJpaRepositories("io.basalt.common.db")
	static class TestApp {

	}

}
