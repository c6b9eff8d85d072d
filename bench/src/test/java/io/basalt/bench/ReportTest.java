package io.basalt.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The client's own CPU share and the warning above a third of the machine. */
class ReportTest {

	private static BenchRun.Result result(double clientCpuSeconds, double wallSeconds) {
		BenchRun.Phase creates = new BenchRun.Phase(100, 100, Map.of(), (long) (wallSeconds * 1e9),
				new long[] { 1_000_000, 2_000_000 });
		BenchRun.ProcessUse client = new BenchRun.ProcessUse("bench", ProcessHandle.current().pid(),
				clientCpuSeconds, 0, -1);
		BenchRun.ProcessUse api = new BenchRun.ProcessUse("api", 1, 50, 0, -1);
		return new BenchRun.Result(BenchOptions.parse(), URI.create("http://127.0.0.1:8776/"), creates, null,
				List.of(api, client), "0.1", "0.2", 0);
	}

	@Test
	void aClientUsingMoreThanAThirdOfTheMachineIsFlagged() {
		int cpus = Runtime.getRuntime().availableProcessors();
		BenchRun.Result busy = result(0.5 * cpus * 10, 10);

		assertThat(Report.clientShare(busy)).isEqualTo(0.5);
		assertThat(Report.text(busy)).contains("WARNING: the bench client itself used 50% of the machine's CPU");
		assertThat(Report.json(busy)).contains("\"client_cpu_share\":0.500");
	}

	@Test
	void aLightClientIsNotFlagged() {
		int cpus = Runtime.getRuntime().availableProcessors();
		BenchRun.Result light = result(0.1 * cpus * 10, 10);

		assertThat(Report.clientShare(light)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(Report.text(light)).doesNotContain("WARNING");
	}

}
