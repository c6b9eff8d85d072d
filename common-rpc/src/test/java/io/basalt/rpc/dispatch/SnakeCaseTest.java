package io.basalt.rpc.dispatch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SnakeCaseTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "createVolume, create_volume", "volume, volume", "volumeId, volume_id", "volumeID, volume_id",
			"getHTTPPort, get_http_port", "sizeGb2, size_gb2", "v2Api, v2_api", "already_snake, already_snake",
			"URL, url" })
	void convertsJavaNames(String java, String wire) {
		assertThat(SnakeCase.of(java)).isEqualTo(wire);
	}

}
