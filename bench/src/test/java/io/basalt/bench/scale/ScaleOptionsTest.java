package io.basalt.bench.scale;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScaleOptionsTest {

	@Test
	void defaults() {
		ScaleOptions o = ScaleOptions.parse();
		assertThat(o.sizes()).containsExactly(1000, 10_000, 100_000);
		assertThat(o.projects()).isEqualTo(100);
		assertThat(o.concurrency()).isEqualTo(8);
		assertThat(o.database()).isEqualTo(new ScaleOptions.Database("127.0.0.1", 5432, "postgres", "basalt_bench"));
		assertThat(o.volumeJar()).isEqualTo(Path.of("volume-service/target/volume-service-0.1.0-SNAPSHOT-exec.jar"));
	}

	@Test
	void parsesEveryOption() {
		ScaleOptions o = ScaleOptions.parse("--endpoint", "http://127.0.0.1:38776/", "--db", "d", "--pg-port", "5433",
				"--sizes", "100,1_000", "--projects", "7", "-n", "5", "--warmup", "0", "-c", "2", "--samples", "3",
				"--volume-jar", "none", "--reset", "--json");
		assertThat(o.endpoint()).isEqualTo(URI.create("http://127.0.0.1:38776"));
		assertThat(o.database().name()).isEqualTo("d");
		assertThat(o.database().port()).isEqualTo(5433);
		assertThat(o.sizes()).isEqualTo(List.of(100, 1000));
		assertThat(o.projects()).isEqualTo(7);
		assertThat(o.creates()).isEqualTo(5);
		assertThat(o.warmup()).isZero();
		assertThat(o.volumeJar()).isNull();
		assertThat(o.reset()).isTrue();
		assertThat(o.json()).isTrue();
	}

	@Test
	void refusesSizesThatDoNotGrowAndTooManyProjects() {
		assertThatThrownBy(() -> ScaleOptions.parse("--sizes", "1000,1000")).hasMessageContaining("must grow");
		assertThatThrownBy(() -> ScaleOptions.parse("--projects", "101")).hasMessageContaining("at most 100");
		assertThatThrownBy(() -> ScaleOptions.parse("--bogus", "1")).hasMessageContaining("unknown option");
		assertThatThrownBy(() -> ScaleOptions.parse("--sizes")).hasMessageContaining("needs a value");
	}

}
