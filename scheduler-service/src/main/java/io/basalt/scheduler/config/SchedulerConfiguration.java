package io.basalt.scheduler.config;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;

import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.service.BasaltServiceProperties;
import io.basalt.common.service.ServiceRegistry;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.Rpc;
import io.basalt.scheduler.filter.FilterCatalog;
import io.basalt.scheduler.filter.FilterChain;
import io.basalt.scheduler.filter.HostFilter;
import io.basalt.scheduler.host.HostManager;
import io.basalt.scheduler.sweep.StuckVolumeStore;
import io.basalt.scheduler.sweep.StuckVolumeSweeper;
import io.basalt.scheduler.sweep.SweeperProperties;
import io.basalt.scheduler.host.ServiceStatusRefresher;
import io.basalt.scheduler.host.StartupGate;
import io.basalt.scheduler.manager.GroupPlacement;
import io.basalt.scheduler.manager.MigrationPlacement;
import io.basalt.scheduler.manager.SchedulerManager;
import io.basalt.scheduler.manager.SchedulerServiceLifecycle;
import io.basalt.scheduler.manager.VolumePlacement;
import io.basalt.scheduler.manager.VolumeStateStore;
import io.basalt.common.message.MessageProperties;
import io.basalt.common.volume.MigrationStore;
import io.basalt.scheduler.metrics.PoolCapacityGauges;
import io.basalt.scheduler.metrics.SchedulerMetrics;
import io.basalt.scheduler.scheduling.FilterScheduler;
import io.basalt.scheduler.scheduling.PoolQuery;
import io.basalt.scheduler.weigher.HostWeigher;
import io.basalt.scheduler.weigher.WeigherCatalog;
import io.basalt.scheduler.weigher.WeighingHandler;

/**
 * Wires the scheduler: host table, filters and weighers enabled by name, the filter scheduler, the RPC endpoint
 * and its lifecycle, metrics. Clock, {@link Rpc}, {@link ServiceRegistry} and the RPC stubs come from
 * common-service's auto-configuration. Extra {@link HostFilter} / {@link HostWeigher} beans can be enabled by name.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SchedulerProperties.class, SweeperProperties.class })
public class SchedulerConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RandomGenerator schedulerRandom() {
		// java.util.Random is thread-safe, which the stochastic choice needs.
		return new Random();
	}

	@Bean
	HostManager hostManager(Clock clock, BasaltServiceProperties service) {
		return new HostManager(clock, service.serviceDownTime());
	}

	@Bean
	StartupGate startupGate(Clock clock, SchedulerProperties properties) {
		return new StartupGate(clock, properties.startupWait());
	}

	@Bean
	FilterChain filterChain(SchedulerProperties properties, ObjectProvider<HostFilter> extra) {
		return new FilterCatalog(extra.orderedStream().toList()).chain(properties.filters());
	}

	@Bean
	WeighingHandler weighingHandler(SchedulerProperties p, ObjectProvider<HostWeigher> extra, RandomGenerator random) {
		List<HostWeigher> weighers = new WeigherCatalog(p.capacityWeightMultiplier(),
				p.allocatedCapacityWeightMultiplier(), p.volumeNumberMultiplier(), extra.orderedStream().toList())
			.enabled(p.weighers());
		return new WeighingHandler(weighers, p.choice(), p.stochasticTop(), random);
	}

	@Bean
	SchedulerMetrics schedulerMetrics(MeterRegistry registry, HostManager hostManager, FilterChain filterChain) {
		return new SchedulerMetrics(registry, hostManager,
				filterChain.filters().stream().map(HostFilter::name).toList());
	}

	@Bean
	PoolCapacityGauges poolCapacityGauges(MeterRegistry registry, HostManager hostManager) {
		return new PoolCapacityGauges(registry, hostManager);
	}

	@Bean
	FilterScheduler filterScheduler(HostManager hostManager, FilterChain filters, WeighingHandler weighing,
			SchedulerProperties properties, SchedulerMetrics metrics) {
		return new FilterScheduler(hostManager, filters, weighing, properties.maxAttempts(), metrics);
	}

	@Bean
	ServiceStatusRefresher serviceStatusRefresher(JdbcTemplate jdbc, HostManager hostManager,
			PoolCapacityGauges gauges) {
		return new ServiceStatusRefresher(jdbc, hostManager, VolumeRpcApi.BINARY, List.of(hm -> gauges.sync()));
	}

	@Bean
	VolumeStateStore volumeStateStore(JdbcTemplate jdbc, Clock clock, MessageProperties messages) {
		return new VolumeStateStore(jdbc, clock, messages.ttl());
	}

	@Bean
	SchedulerManager schedulerManager(FilterScheduler scheduler, VolumeStateStore volumes, VolumeRpcApi volumeRpc,
			StartupGate gate, HostManager hostManager, ServiceStatusRefresher refresher, JdbcTemplate jdbc,
			Clock clock, MessageProperties messages) {
		VolumePlacement placement = new VolumePlacement(scheduler, volumes, volumeRpc, gate);
		MigrationPlacement migrations = new MigrationPlacement(scheduler,
				new MigrationStore(jdbc, messages.ttl()), volumeRpc, gate, clock);
		return new SchedulerManager(placement, new PoolQuery(hostManager), hostManager, gate, volumes, refresher,
				new GroupPlacement(scheduler, jdbc, volumeRpc, clock), migrations);
	}

	@Bean
	SchedulerServiceLifecycle schedulerServiceLifecycle(BasaltRpcProperties rpcProperties,
			BasaltServiceProperties service, SchedulerProperties properties, Rpc rpc, SchedulerManager manager,
			ServiceRegistry registry, ServiceStatusRefresher refresher, TaskScheduler taskScheduler,
			VolumeRpcApi volumeRpc, StartupGate gate) {
		var settings = new SchedulerServiceLifecycle.Settings(rpcProperties.controlExchange(),
				rpcProperties.schedulerTopic(), service.host(), properties.statusRefreshInterval());
		return new SchedulerServiceLifecycle(settings, rpc, manager, registry, refresher, taskScheduler, volumeRpc,
				gate);
	}

	@Bean
	StuckVolumeSweeper stuckVolumeSweeper(JdbcTemplate jdbc, HostManager hostManager, SchedulerRpcApi schedulerRpc,
			VolumeRpcApi volumeRpc, TaskScheduler taskScheduler, Clock clock, SweeperProperties properties,
			BasaltServiceProperties service, MeterRegistry meterRegistry, MessageProperties messages) {
		return new StuckVolumeSweeper(new StuckVolumeStore(jdbc), new MigrationStore(jdbc, messages.ttl()),
				hostManager, schedulerRpc, volumeRpc, taskScheduler, clock, properties, service.serviceDownTime(),
				meterRegistry);
	}

}
