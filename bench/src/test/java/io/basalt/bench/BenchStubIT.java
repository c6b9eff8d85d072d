package io.basalt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The ceiling mode end to end in this JVM: a short run completes every create and delete without errors. */
class BenchStubIT {

	@Test
	void stubRunCompletesEveryCreateAndDelete() throws Exception {
		BenchOptions options = BenchOptions.parse("--stub", "-n", "300", "-c", "4", "--warmup", "20",
				"--poll-interval", "1ms");
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		BenchRun.Result r = new BenchRun(options, new PrintStream(log, true, StandardCharsets.UTF_8)).run();

		assertThat(r.creates().ok()).isEqualTo(300);
		assertThat(r.creates().errorCount()).isZero();
		assertThat(r.creates().latencies()).hasSize(300);
		assertThat(java.util.Arrays.stream(r.creates().latencies()).min().getAsLong()).isPositive();
		assertThat(r.deletes()).isNotNull();
		assertThat(r.deletes().ok()).isEqualTo(300);
		assertThat(r.deletes().errorCount()).isZero();
		// quota + (create + show) per warm-up and measured volume + (delete + show) per volume, at least
		assertThat(r.stubRequests()).isGreaterThanOrEqualTo(1 + 4 * 320);
		assertThat(r.processes()).extracting(BenchRun.ProcessUse::name).containsExactly("bench+stub");

		String text = Report.text(r);
		assertThat(text).contains("300 available, 0 errors").contains("p99").contains("errors:    0");
		Object json = Json.parse(Report.json(r));
		assertThat(json).isInstanceOf(java.util.Map.class);
		assertThat(Json.string(json, "project")).isEqualTo("bench");
	}

	@Test
	void noDeleteLeavesTheVolumes() throws Exception {
		BenchOptions options = BenchOptions.parse("--stub", "-n", "50", "-c", "2", "--warmup", "0", "--no-delete");
		BenchRun.Result r = new BenchRun(options, new PrintStream(new ByteArrayOutputStream())).run();
		assertThat(r.creates().ok()).isEqualTo(50);
		assertThat(r.creates().errorCount()).isZero();
		assertThat(r.deletes()).isNull();
	}

}
