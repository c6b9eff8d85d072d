package io.basalt.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

	@Test
	void defaults() {
		BenchOptions o = BenchOptions.parse();
		assertThat(o.endpoint()).isEqualTo(URI.create("http://127.0.0.1:8776"));
		assertThat(o.project()).isEqualTo("bench");
		assertThat(o.count()).isEqualTo(1000);
		assertThat(o.concurrency()).isEqualTo(8);
		assertThat(o.pollInterval()).isEqualTo(Duration.ofMillis(2));
		assertThat(o.warmup()).isEqualTo(100);
		assertThat(o.delete()).isTrue();
		assertThat(o.json()).isFalse();
		assertThat(o.stub()).isFalse();
		assertThat(o.raiseQuota()).isTrue();
		assertThat(o.pids()).isEmpty();
		assertThat(o.help()).isFalse();
	}

	@Test
	void everyOption() {
		BenchOptions o = BenchOptions.parse("--endpoint", "http://10.0.0.5:9776/", "--project", "p1", "--user", "u1",
				"-n", "2000", "-c", "16", "--poll-interval", "500us", "--warmup", "0", "--no-delete", "--json",
				"--stub", "--size", "3", "--timeout", "30s", "--delete-timeout", "1m", "--no-quota", "--pid",
				"api=123", "--pid", "volume=456", "--proc-filter", "basalt_bench");
		assertThat(o.endpoint()).isEqualTo(URI.create("http://10.0.0.5:9776"));
		assertThat(o.project()).isEqualTo("p1");
		assertThat(o.user()).isEqualTo("u1");
		assertThat(o.count()).isEqualTo(2000);
		assertThat(o.concurrency()).isEqualTo(16);
		assertThat(o.pollInterval()).isEqualTo(Duration.ofNanos(500_000));
		assertThat(o.warmup()).isZero();
		assertThat(o.delete()).isFalse();
		assertThat(o.json()).isTrue();
		assertThat(o.stub()).isTrue();
		assertThat(o.size()).isEqualTo(3);
		assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(o.deleteTimeout()).isEqualTo(Duration.ofMinutes(1));
		assertThat(o.raiseQuota()).isFalse();
		assertThat(o.pids()).isEqualTo(Map.of("api", 123L, "volume", 456L));
		assertThat(o.procFilter()).isEqualTo("basalt_bench");
	}

	@Test
	void longOptionsTakeInlineValuesAndTheLastWins() {
		BenchOptions o = BenchOptions.parse("--count=50", "--concurrency=4", "--poll-interval=1ms", "--no-delete",
				"--delete", "-n", "60");
		assertThat(o.count()).isEqualTo(60);
		assertThat(o.concurrency()).isEqualTo(4);
		assertThat(o.pollInterval()).isEqualTo(Duration.ofMillis(1));
		assertThat(o.delete()).isTrue();
	}

	@Test
	void help() {
		assertThat(BenchOptions.parse("-h").help()).isTrue();
		assertThat(BenchOptions.parse("--help").help()).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "2ms, 2000000", "2, 2000000", "0.5ms, 500000", "500us, 500000", "250ns, 250", "1s, 1000000000",
			"1.5s, 1500000000", "2m, 120000000000", "0, 0", "3MS, 3000000" })
	void durations(String text, long nanos) {
		assertThat(BenchOptions.duration("--poll-interval", text)).isEqualTo(Duration.ofNanos(nanos));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "-n|0|must be positive", "-n|x|whole number", "-c|-1|must be positive",
			"--warmup|-5|must not be negative", "--poll-interval|fast|not a duration",
			"--poll-interval|-2ms|not a duration", "--timeout|0s|must be positive", "--endpoint|ftp://x|http://",
			"--endpoint|localhost:8776|http://", "--pid|123|NAME=PID", "--pid|api=0|must be positive",
			"--project|' '|must not be empty" })
	void badValuesAreRefusedWithAReason(String option, String value, String reason) {
		assertThatThrownBy(() -> BenchOptions.parse(option, value)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(reason);
	}

	@Test
	void unknownOptionsAndMissingValuesAreRefused() {
		assertThatThrownBy(() -> BenchOptions.parse("--bogus")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("unknown option --bogus");
		assertThatThrownBy(() -> BenchOptions.parse("--bogus", "1")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("unknown option --bogus");
		assertThatThrownBy(() -> BenchOptions.parse("-n")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("-n needs a value");
	}

}
