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
				List.of(api, client), "0.1", "0.2", 0,
				List.of(new ApiRequestCpu.Use("POST /v3/{projectId}/volumes", 100, 0.15)), List.of());
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

	@Test
	void theApisCpuPerRequestTypeIsReportedPerRequestAndPerVolume() {
		String text = Report.text(result(10, 1));

		assertThat(text).contains("api CPU per request type during the creates")
			.contains("POST /v3/{projectId}/volumes")
			.contains("100 ×  1.500 ms")
			.contains("(1.00 per volume)");
		assertThat(Report.json(result(10, 1))).contains("\"api_request_cpu\":{\"creates\":[{\"request\":");
	}

	@Test
	void prometheusCountersAreReadAndDiffed() {
		String before = """
				# HELP basalt_api_request_cpu_seconds CPU
				basalt_api_request_cpu_seconds_count{application="basalt-api",method="GET",uri="/v3/{projectId}/volumes/{id}"} 10
				basalt_api_request_cpu_seconds_sum{application="basalt-api",method="GET",uri="/v3/{projectId}/volumes/{id}"} 0.5
				""";
		String after = """
				basalt_api_request_cpu_seconds_count{application="basalt-api",method="GET",uri="/v3/{projectId}/volumes/{id}"} 30
				basalt_api_request_cpu_seconds_sum{application="basalt-api",method="GET",uri="/v3/{projectId}/volumes/{id}"} 1.5
				basalt_api_request_cpu_seconds_count{application="basalt-api",method="POST",uri="/v3/{projectId}/volumes"} 5
				basalt_api_request_cpu_seconds_sum{application="basalt-api",method="POST",uri="/v3/{projectId}/volumes"} 2.0
				basalt_api_request_cpu_seconds_max{application="basalt-api",method="POST",uri="/v3/{projectId}/volumes"} 0.9
				""";

		List<ApiRequestCpu.Use> uses = ApiRequestCpu.between(ApiRequestCpu.parse(before), ApiRequestCpu.parse(after));

		assertThat(uses).extracting(ApiRequestCpu.Use::request)
			.containsExactly("POST /v3/{projectId}/volumes", "GET /v3/{projectId}/volumes/{id}");
		assertThat(uses.get(1).count()).isEqualTo(20);
		assertThat(uses.get(1).msPerRequest()).isEqualTo(50.0, org.assertj.core.data.Offset.offset(1e-9));
		assertThat(ApiRequestCpu.between(null, ApiRequestCpu.parse(after))).isEmpty();
	}

}
