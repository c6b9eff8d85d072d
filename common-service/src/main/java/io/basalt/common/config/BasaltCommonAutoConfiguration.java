package io.basalt.common.config;

import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.rpc.CastSender;
import java.time.Clock;

import io.basalt.common.message.MessageProperties;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.service.BasaltServiceProperties;
import io.basalt.common.service.ServiceHeartbeatScheduler;
import io.basalt.common.service.ServiceRegistry;
import io.basalt.common.volume.VolumeRpcApi;
import io.basalt.rpc.Rpc;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * What every Basalt service gets by depending on common-service: the clock, the service registry and its
 * heartbeat, the {@link Rpc} over the broker, and the scheduler and volume RPC API stubs (their casts go to the
 * process's {@link CastSender} bean if it has one, the api's outbox, else straight to the broker).
 */
@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties({ BasaltRpcProperties.class, BasaltServiceProperties.class, MessageProperties.class })
@Import(RpcConfiguration.class)
public class BasaltCommonAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceRegistry serviceRegistry(JdbcTemplate jdbc, Clock clock, BasaltServiceProperties properties) {
		return new ServiceRegistry(jdbc, clock, properties);
	}

	@Bean
	ServiceHeartbeatScheduler serviceHeartbeatScheduler(ServiceRegistry registry, TaskScheduler taskScheduler,
			BasaltServiceProperties properties) {
		return new ServiceHeartbeatScheduler(registry, taskScheduler, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	SchedulerRpcApi schedulerRpcApi(Rpc rpc, BasaltRpcProperties properties, ObjectProvider<CastSender> casts) {
		return new SchedulerRpcApi(rpc, properties, casts.getIfAvailable(() -> CastSender.direct(rpc)));
	}

	@Bean
	@ConditionalOnMissingBean
	VolumeRpcApi volumeRpcApi(Rpc rpc, BasaltRpcProperties properties, ObjectProvider<CastSender> casts) {
		return new VolumeRpcApi(rpc, properties, casts.getIfAvailable(() -> CastSender.direct(rpc)));
	}

}
