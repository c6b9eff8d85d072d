package io.basalt.scheduler.host;

import static io.basalt.scheduler.Pools.T0;
import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.basalt.common.capability.BackendCapabilities;
import io.basalt.common.capability.Capacity;
import io.basalt.scheduler.MutableClock;

@Timeout(10)
class HostManagerTest {

	private static final Duration DOWN_TIME = Duration.ofSeconds(60);

	private final MutableClock clock = new MutableClock(T0);

	private HostManager hosts;

	@BeforeEach
	void setUp() {
		this.hosts = new HostManager(this.clock, DOWN_TIME);
		this.hosts.updateServiceStatuses(List.of(up("node1@lvm"), up("node2@lvm")));
	}

	private ServiceStatus up(String host) {
		return new ServiceStatus(host, "nova", false, null, this.clock.instant());
	}

	/** A report becomes pools named host@backend#pool with the backend fields copied in. */
	@Test
	void reportBecomesPools() {
		this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").caps(), pool("node1@lvm#b").caps()), T0);

		assertThat(this.hosts.usablePools()).extracting(PoolState::name)
			.containsExactlyInAnyOrder("node1@lvm#a", "node1@lvm#b");
		PoolState a = this.hosts.usablePool("node1@lvm#a").orElseThrow();
		assertThat(a.backend()).isEqualTo("node1@lvm");
		assertThat(a.volumeBackendName()).isEqualTo("lvm");
		assertThat(a.availabilityZone()).isEqualTo("nova");
		assertThat(a.updatedAt()).isEqualTo(T0);
	}

	/** A report older than the stored one is ignored; a newer one replaces it. */
	@Test
	void olderReportIsIgnored() {
		assertThat(this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").free(50).caps()), T0))
			.isTrue();
		assertThat(this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").free(90).caps()),
				T0.minusSeconds(5)))
			.isFalse();
		assertThat(free("node1@lvm#a")).isEqualTo(50);
		assertThat(this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").free(70).caps()),
				T0.plusSeconds(5)))
			.isTrue();
		assertThat(free("node1@lvm#a")).isEqualTo(70);
	}

	/** Pools missing from a new report are dropped. */
	@Test
	void poolsMissingFromNewReportAreDropped() {
		this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").caps(), pool("node1@lvm#b").caps()), T0);
		this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#b").caps()), T0.plusSeconds(1));

		assertThat(this.hosts.usablePools()).extracting(PoolState::name).containsExactly("node1@lvm#b");
	}

	/** Backends are skipped when their report or heartbeat is older than service_down_time, or disabled. */
	@ParameterizedTest(name = "report age {0}s, heartbeat age {1}s, disabled {2}, known {3} -> usable {4}")
	@CsvSource({ "0, 0, false, true, true", "60, 0, false, true, true", "61, 0, false, true, false",
			"0, 61, false, true, false", "0, 0, true, true, false", "0, 0, false, false, false" })
	void staleDownDisabledOrUnknownBackendsAreSkipped(long reportAge, long heartbeatAge, boolean disabled,
			boolean known, boolean usable) {
		Instant now = T0.plusSeconds(1000);
		this.clock.set(now);
		List<ServiceStatus> services = known
				? List.of(new ServiceStatus("node1@lvm", "nova", disabled, null, now.minusSeconds(heartbeatAge)))
				: List.of();
		this.hosts.updateServiceStatuses(services);
		this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").caps()), now.minusSeconds(reportAge));

		assertThat(this.hosts.usablePools()).hasSize(usable ? 1 : 0);
		assertThat(this.hosts.usablePool("node1@lvm#a")).isEqualTo(usable ? this.hosts.usablePool("node1@lvm#a")
				: java.util.Optional.empty());
		// a report of a backend without a services row is not even stored
		assertThat(this.hosts.unusableBackends()).isEqualTo((usable || !known) ? 0 : 1);
		assertThat(this.hosts.knownBackends()).isEqualTo(known ? 1 : 0);
	}

	/** A report of a backend that has no services row is ignored and counted (the broker is not trusted). */
	@Test
	void reportOfUnregisteredBackendIsIgnored() {
		assertThat(this.hosts.updateCapabilities("intruder@lvm", report(pool("intruder@lvm#a").caps()), T0))
			.isFalse();
		assertThat(this.hosts.backends()).isEmpty();
		assertThat(this.hosts.unknownBackendReports()).isEqualTo(1);
		assertThat(this.hosts.usablePools()).isEmpty();
	}

	/**
	 * A report that arrives before this scheduler has read its backend's services row (a volume service reports as
	 * soon as it starts) is held, and taken when the row appears: the backend is usable without waiting for its
	 * next report.
	 */
	@Test
	void aReportBeforeTheServicesRowIsTakenWhenTheRowAppears() {
		this.hosts.updateServiceStatuses(List.of());
		assertThat(this.hosts.updateCapabilities("late@lvm", report(pool("late@lvm#a").caps()), T0)).isFalse();
		assertThat(this.hosts.usablePools()).isEmpty();

		this.hosts.updateServiceStatuses(List.of(new ServiceStatus("late@lvm", "nova", false, null, T0)));

		assertThat(this.hosts.usablePools()).extracting(PoolState::name).containsExactly("late@lvm#a");
	}

	/**
	 * A report dated ahead of the clock is taken as received now: it neither keeps the backend fresh beyond
	 * service_down_time nor shadows the honest reports that follow.
	 */
	@Test
	void futureTimestampIsClampedToTheReceiveTime() {
		assertThat(this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").free(10).caps()),
				T0.plus(Duration.ofDays(365)))).isTrue();
		assertThat(this.hosts.backends()).singleElement().extracting(BackendState::reportedAt).isEqualTo(T0);
		assertThat(this.hosts.clampedReports()).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(5));
		assertThat(this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").free(70).caps()),
				T0.plusSeconds(5))).isTrue();
		assertThat(free("node1@lvm#a")).isEqualTo(70);

		this.clock.advance(Duration.ofSeconds(61));
		assertThat(this.hosts.usablePools()).isEmpty();
	}

	/** A backend goes stale by time alone, without any new report or status read. */
	@Test
	void backendGoesStaleAsTimePasses() {
		this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").caps()), T0);
		assertThat(this.hosts.usablePools()).hasSize(1);

		this.clock.advance(Duration.ofSeconds(61));

		assertThat(this.hosts.usablePools()).isEmpty();
		assertThat(this.hosts.unusableBackends()).isEqualTo(1);
	}

	/** consume moves free, allocated, provisioned and the volume count at once; revert undoes it. */
	@Test
	void consumeAndRevert() {
		this.hosts.updateCapabilities("node1@lvm",
				report(pool("node1@lvm#a").free(80).allocated(20).provisioned(20).volumes(2).caps()), T0);
		this.clock.advance(Duration.ofSeconds(1));

		assertThat(this.hosts.consume("node1@lvm#a", 10)).isTrue();

		PoolState a = this.hosts.usablePool("node1@lvm#a").orElseThrow();
		assertThat(a.capabilities().freeCapacityGb()).isEqualTo(Capacity.of(70));
		assertThat(a.capabilities().allocatedCapacityGb()).isEqualTo(30);
		assertThat(a.capabilities().provisionedCapacityGb()).isEqualTo(30);
		assertThat(a.capabilities().totalVolumes()).isEqualTo(3);
		assertThat(a.updatedAt()).isEqualTo(T0.plusSeconds(1));

		assertThat(this.hosts.revert("node1@lvm#a", 10)).isTrue();
		PoolState back = this.hosts.usablePool("node1@lvm#a").orElseThrow();
		assertThat(back.capabilities().freeCapacityGb()).isEqualTo(Capacity.of(80));
		assertThat(back.capabilities().totalVolumes()).isEqualTo(2);
		assertThat(back.updatedAt()).isEqualTo(T0.plusSeconds(1));
		assertThat(this.hosts.consume("node1@lvm#nope", 1)).isFalse();
	}

	/** Infinite free capacity stays infinite when consumed. */
	@Test
	void consumeKeepsInfiniteFree() {
		this.hosts.updateCapabilities("node1@lvm",
				report(pool("node1@lvm#a").total(Capacity.INFINITE).free(Capacity.INFINITE).caps()), T0);
		this.hosts.consume("node1@lvm#a", 10);

		PoolState a = this.hosts.usablePool("node1@lvm#a").orElseThrow();
		assertThat(a.capabilities().freeCapacityGb()).isEqualTo(Capacity.INFINITE);
		assertThat(a.capabilities().allocatedCapacityGb()).isEqualTo(10);
	}

	/** A report taken before this scheduler's last placement on a pool does not undo the placement. */
	@Test
	void reportTakenBeforeConsumptionKeepsConsumption() {
		this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").free(80).caps()), T0);
		this.clock.advance(Duration.ofSeconds(10));
		this.hosts.consume("node1@lvm#a", 30);

		this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").free(80).caps()), T0.plusSeconds(5));
		assertThat(free("node1@lvm#a")).isEqualTo(50);

		this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").free(45).caps()), T0.plusSeconds(15));
		assertThat(free("node1@lvm#a")).isEqualTo(45);
	}

	/** A backend that does not report its zone takes its service's. */
	@Test
	void zoneComesFromServiceWhenReportHasNone() {
		BackendCapabilities noZone = new BackendCapabilities("lvm", "v", "1", "iSCSI", null,
				List.of(pool("node1@lvm#a").caps()));
		this.hosts.updateCapabilities("node1@lvm", noZone, T0);
		this.hosts.updateServiceStatuses(List.of(new ServiceStatus("node1@lvm", "zone-b", false, null, T0)));

		assertThat(this.hosts.usablePool("node1@lvm#a").orElseThrow().availabilityZone()).isEqualTo("zone-b");
	}

	/** A report without a timestamp counts as taken now. */
	@Test
	void missingTimestampMeansNow() {
		this.clock.advance(Duration.ofSeconds(3));
		this.hosts.updateCapabilities("node1@lvm", report(pool("node1@lvm#a").caps()), null);

		assertThat(this.hosts.backends()).singleElement()
			.extracting(BackendState::reportedAt)
			.isEqualTo(T0.plusSeconds(3));
	}

	@Test
	void backendOfStripsThePool() {
		assertThat(HostManager.backendOf("h@b#p")).isEqualTo("h@b");
		assertThat(HostManager.backendOf("h@b")).isEqualTo("h@b");
	}

	private double free(String pool) {
		return ((Capacity.Known) this.hosts.usablePool(pool).orElseThrow().capabilities().freeCapacityGb()).gb();
	}

}
