package io.basalt.volume.config;

import java.time.Clock;
import java.util.List;
import java.util.random.RandomGenerator;

import io.basalt.common.message.MessageProperties;
import io.basalt.common.capability.Capacity;
import io.basalt.common.rpc.BasaltRpcProperties;
import io.basalt.common.scheduler.SchedulerRpcApi;
import io.basalt.common.service.BasaltServiceProperties;
import io.basalt.common.service.ServiceRegistry;
import io.basalt.rpc.Rpc;
import io.basalt.volume.backend.BackendCollaborators;
import io.basalt.volume.backend.BackendDefinition;
import io.basalt.volume.backend.VolumeBackends;
import io.basalt.volume.driver.fake.Sleeper;
import io.basalt.volume.report.CapabilityReporter.ReporterSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;

/** Wires the volume service: one driver, manager, RPC server, service row and reporter per enabled backend. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VolumeProperties.class)
public class VolumeConfiguration {

	/** Binds {@code capacity-gb} values: a number of GiB, {@code infinite} or {@code unknown}. */
	@Bean
	@ConfigurationPropertiesBinding
	static Converter<String, Capacity> capacityConverter() {
		return new Converter<>() {

			@Override
			public Capacity convert(String source) {
				return Capacity.fromWire(source);
			}

		};
	}

	@Bean
	@ConditionalOnMissingBean
	RandomGenerator randomGenerator() {
		return RandomGenerator.getDefault();
	}

	@Bean
	@ConditionalOnMissingBean
	Sleeper sleeper() {
		return Sleeper.THREAD;
	}

	@Bean
	DriverFactory driverFactory(BasaltServiceProperties service, RandomGenerator random, Sleeper sleeper) {
		return new DriverFactory(service.availabilityZone(), random, sleeper);
	}

	@Bean
	VolumeBackends volumeBackends(VolumeProperties properties, DriverFactory drivers, BasaltServiceProperties service,
			Rpc rpc, BasaltRpcProperties rpcProperties, ServiceRegistry registry, SchedulerRpcApi scheduler,
			JdbcTemplate jdbc, TaskScheduler taskScheduler, Clock clock, RandomGenerator random, MeterRegistry meters,
			MessageProperties messages) {
		List<BackendDefinition> definitions = properties.enabledBackends()
			.stream()
			.map(b -> new BackendDefinition(service.host() + "@" + b.name(), drivers.availabilityZone(b),
					drivers.create(b)))
			.toList();
		ReporterSettings reporting = new ReporterSettings(properties.capabilityInterval(),
				service.periodicFuzzyDelay(), properties.capabilityDebounce());
		return new VolumeBackends(definitions, new BackendCollaborators(rpc, rpcProperties, registry, scheduler, jdbc,
				taskScheduler, clock, random, meters, reporting, properties.schedulerMaxAttempts(), messages.ttl()));
	}

}
