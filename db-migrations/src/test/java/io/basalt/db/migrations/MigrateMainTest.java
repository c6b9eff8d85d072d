package io.basalt.db.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Unit tests of {@link MigrateMain}'s settings. */
class MigrateMainTest {

	/** Arguments override the environment; user and password have defaults. */
	@Test
	void argumentsOverrideEnvironment() {
		Map<String, String> env = Map.of("BASALT_DB_URL", "jdbc:postgresql://env/db", "BASALT_DB_USER", "envuser");
		assertThat(MigrateMain.Settings.parse(new String[] {}, env))
			.isEqualTo(new MigrateMain.Settings("jdbc:postgresql://env/db", "envuser", ""));
		assertThat(MigrateMain.Settings.parse(new String[] { "--url=jdbc:postgresql://arg/db", "--password=p=q" }, env))
			.isEqualTo(new MigrateMain.Settings("jdbc:postgresql://arg/db", "envuser", "p=q"));
		assertThat(MigrateMain.Settings.parse(new String[] { "--url=u" }, Map.of()).user()).isEqualTo("postgres");
	}

	/** A missing URL or an unknown argument is a usage error. */
	@Test
	void rejectsMissingUrlAndUnknownArguments() {
		assertThatThrownBy(() -> MigrateMain.Settings.parse(new String[] {}, Map.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> MigrateMain.Settings.parse(new String[] { "--url=u", "--bogus" }, Map.of()))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
