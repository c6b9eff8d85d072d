package io.basalt.scheduler.scheduling;

import static io.basalt.scheduler.Pools.T0;
import static io.basalt.scheduler.Pools.pool;
import static io.basalt.scheduler.Pools.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.basalt.common.scheduler.PoolFilters;
import io.basalt.scheduler.MutableClock;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.host.PoolState;
import io.basalt.scheduler.host.ServiceStatus;

class PoolQueryTest {

	private final HostManager hosts = new HostManager(new MutableClock(T0), Duration.ofSeconds(60));

	private final PoolQuery query = new PoolQuery(this.hosts);

	@BeforeEach
	void setUp() {
		this.hosts.updateServiceStatuses(List.of(new ServiceStatus("n1@lvm", "nova", false, null, T0)));
		this.hosts.updateCapabilities("n1@lvm",
				report(pool("n1@lvm#b").extra("tier", "gold").caps(), pool("n1@lvm#a").caps()), T0);
	}

	@Test
	void allUsablePoolsSortedByName() {
		assertThat(this.query.pools(null)).extracting(PoolState::name).containsExactly("n1@lvm#a", "n1@lvm#b");
		assertThat(this.query.pools(PoolFilters.NONE)).hasSize(2);
	}

	@Test
	void byName() {
		assertThat(this.query.pools(new PoolFilters("n1@lvm#b", null))).extracting(PoolState::name)
			.containsExactly("n1@lvm#b");
	}

	/** A volume type keeps the pools its extra specs accept, through the capabilities filter. */
	@Test
	void byVolumeTypeExtraSpecs() {
		assertThat(this.query.pools(PoolFilters.forExtraSpecs(Map.of("capabilities:tier", "gold"))))
			.extracting(PoolState::name)
			.containsExactly("n1@lvm#b");
		assertThat(this.query.pools(PoolFilters.forExtraSpecs(Map.of("volume_backend_name", "ceph")))).isEmpty();
	}

}
