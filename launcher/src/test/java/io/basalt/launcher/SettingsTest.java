package io.basalt.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

	@Test
	void defaultsStayClearOfASystemPostgresAndRabbit() {
		Settings s = Settings.parse(new String[] { "--root=/srv/basalt" }, Map.of());
		assertThat(s.postgresPort()).isEqualTo(5433).isNotEqualTo(5432);
		assertThat(s.amqpPort()).isEqualTo(5673).isNotEqualTo(5672);
		assertThat(s.externalDatabase()).isNull();
		assertThat(s.externalBroker()).isNull();
		assertThat(s.apiPort()).isEqualTo(8776);
		assertThat(s.schedulerPorts()).containsExactly(8777, 8787);
		assertThat(s.volumePort()).isEqualTo(8778);
		assertThat(s.varDir()).isEqualTo(Path.of("/srv/basalt/var"));
		assertThat(s.postgresDir()).isEqualTo(Path.of("/srv/basalt/var/postgres"));
		assertThat(s.volumeDir()).isEqualTo(Path.of("/srv/basalt/var/volumes"));
		assertThat(s.logDir()).isEqualTo(Path.of("/srv/basalt/var/log"));
		assertThat(s.jvmOptions()).containsExactly("-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
				"-Xms32m", "-Xmx256m", "-XX:MaxNewSize=12m");
		assertThat(s.version()).isNotBlank().doesNotStartWith("$");
	}

	@Test
	void optionsWinOverEnvironment() {
		Settings s = Settings.parse(new String[] { "--root=/r", "--api-port=9000", "--scheduler-ports=9001",
				"--ready-timeout=30" }, Map.of("BASALT_API_PORT", "7000", "BASALT_PG_PORT", "6543",
						"BASALT_JVM_OPTIONS", "-Xmx128m  -Xss1m"));
		assertThat(s.apiPort()).isEqualTo(9000);
		assertThat(s.postgresPort()).isEqualTo(6543);
		assertThat(s.schedulerPorts()).containsExactly(9001);
		assertThat(s.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(s.jvmOptions()).isEqualTo(List.of("-Xmx128m", "-Xss1m"));
	}

	@Test
	void anExistingPostgresAndRabbitByEnvironment() {
		Settings s = Settings.parse(new String[] { "--root=/r" },
				Map.of("BASALT_DB_URL", "jdbc:postgresql://db:5432/basalt", "BASALT_DB_USER", "basalt",
						"BASALT_DB_PASSWORD", "secret", "BASALT_RABBIT_HOST", "mq", "BASALT_RABBIT_VHOST", "basalt"));
		assertThat(s.externalDatabase()).isEqualTo(
				new Settings.ExternalDatabase("jdbc:postgresql://db:5432/basalt", "basalt", "secret"));
		assertThat(s.externalBroker()).isEqualTo(new Settings.ExternalBroker("mq", 5672, "guest", "guest", "basalt"));
	}

	@Test
	void rejectsUnknownOptionsAndBadPorts() {
		assertThatThrownBy(() -> Settings.parse(new String[] { "--nope=1" }, Map.of()))
			.hasMessageContaining("unknown option");
		assertThatThrownBy(() -> Settings.parse(new String[] { "--api-port=70000" }, Map.of()))
			.hasMessageContaining("not a port");
		assertThatThrownBy(() -> Settings.parse(new String[] { "up" }, Map.of()))
			.hasMessageContaining("--name=value");
	}

	@Test
	void databaseNameOfAJdbcUrl() {
		assertThat(EmbeddedDatabase.databaseName("jdbc:postgresql://127.0.0.1:5433/basalt")).isEqualTo("basalt");
		assertThat(EmbeddedDatabase.databaseName("jdbc:postgresql://h/other?ssl=true")).isEqualTo("other");
	}

}
