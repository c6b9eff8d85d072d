package io.basalt.volume.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.random.RandomGenerator;

import io.basalt.common.capability.Capacity;
import io.basalt.volume.config.BackendProperties.DriverType;
import io.basalt.volume.driver.DriverOperation;
import io.basalt.volume.driver.fake.FakeDriver;
import io.basalt.volume.driver.file.FileDriver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class VolumePropertiesTest {

	static VolumeProperties bind(Map<String, String> properties) {
		ApplicationConversionService conversion = new ApplicationConversionService();
		conversion.addConverter(VolumeConfiguration.capacityConverter());
		Binder binder = new Binder(java.util.List.of(new MapConfigurationPropertySource(properties)), null,
				conversion);
		return binder.bindOrCreate("basalt.volume", Bindable.of(VolumeProperties.class));
	}

	/** The shipped application.properties gives a 1000 GiB fake backend and a file backend. */
	@Test
	void defaultsFromApplicationProperties() throws IOException {
		Properties file = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
			file.load(in);
		}
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources().addFirst(new PropertiesPropertySource("app", file));
		Map<String, String> resolved = new java.util.HashMap<>();
		file.stringPropertyNames().forEach(k -> resolved.put(k, env.getProperty(k)));

		VolumeProperties properties = bind(resolved);

		assertThat(properties.capabilityInterval()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.schedulerMaxAttempts()).isEqualTo(3);
		assertThat(properties.enabledBackends()).extracting(BackendProperties::name).containsExactly("fake", "file");
		BackendProperties fake = properties.backends().get(0);
		assertThat(fake.driver()).isEqualTo(DriverType.FAKE);
		assertThat(fake.fake().capacityGb()).isEqualTo(Capacity.of(1000));
		assertThat(fake.effectiveVolumeBackendName()).isEqualTo("fake");
		BackendProperties fileBackend = properties.backends().get(1);
		assertThat(fileBackend.directory())
			.isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "basalt-volumes"));
		assertThat(fileBackend.file().reconcileInterval()).isEqualTo(Duration.ofMinutes(10));
	}

	/** Infinite capacity, per-operation latency, failure injection and overrides bind as documented. */
	@Test
	void bindsEveryKnob() {
		VolumeProperties properties = bind(Map.ofEntries(Map.entry("basalt.volume.backends[0].name", "gold"),
				Map.entry("basalt.volume.backends[0].driver", "fake"),
				Map.entry("basalt.volume.backends[0].volume-backend-name", "GOLD"),
				Map.entry("basalt.volume.backends[0].availability-zone", "zone-b"),
				Map.entry("basalt.volume.backends[0].extra-capabilities.tier", "gold"),
				Map.entry("basalt.volume.backends[0].fake.capacity-gb", "infinite"),
				Map.entry("basalt.volume.backends[0].fake.thin", "true"),
				Map.entry("basalt.volume.backends[0].fake.latency", "50ms"),
				Map.entry("basalt.volume.backends[0].fake.operation-latency.create-volume", "2s"),
				Map.entry("basalt.volume.backends[0].fake.failure-rate", "0.25"),
				Map.entry("basalt.volume.backends[0].fake.fail-next-creates", "2"),
				Map.entry("basalt.volume.backends[1].name", "off"), Map.entry("basalt.volume.backends[1].driver", "file"),
				Map.entry("basalt.volume.backends[1].enabled", "false"),
				Map.entry("basalt.volume.backends[1].file.reconcile-interval", "30s")));

		assertThat(properties.enabledBackends()).hasSize(1);
		BackendProperties gold = properties.backends().get(0);
		assertThat(gold.effectiveVolumeBackendName()).isEqualTo("GOLD");
		assertThat(gold.extraCapabilities()).containsEntry("tier", "gold");
		assertThat(gold.fake().capacityGb()).isEqualTo(Capacity.INFINITE);
		assertThat(gold.fake().operationLatency()).containsEntry(DriverOperation.CREATE_VOLUME, Duration.ofSeconds(2));
		assertThat(gold.fake().failureRate()).isEqualTo(0.25);

		DriverFactory factory = new DriverFactory("nova", RandomGenerator.getDefault(), d -> {
		});
		assertThat(factory.availabilityZone(gold)).isEqualTo("zone-b");
		assertThat(factory.create(gold)).isInstanceOf(FakeDriver.class);
		assertThat(factory.create(properties.backends().get(1))).isInstanceOf(FileDriver.class)
			.extracting(d -> d.reconcileInterval())
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(factory.create(gold).stats(true).pools().get(0).poolName()).isEqualTo("GOLD");
		assertThat(factory.create(gold).stats(true).availabilityZone()).isEqualTo("zone-b");
	}

}
