package io.basalt.api.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiVersionTest {

	@ParameterizedTest
	@CsvSource({ "3.0, 3.0, true", "3.70, 3.70, true", "latest, 3.70, true", "LATEST, 3.70, true",
			"3.71, 3.71, false", "9.99, 9.99, false", "2.0, 2.0, false", "3.10, 3.10, true" })
	void parsesSupportedAndUnsupportedVersions(String text, String expected, boolean supported) {
		ApiVersion version = ApiVersion.parse(text);
		assertThat(version.toString()).isEqualTo(expected);
		assertThat(version.isSupported()).isEqualTo(supported);
	}

	@ParameterizedTest
	@CsvSource({ "foo", "3", "3.", ".1", "03.1", "3.05", "3.1.1", "v3.1", "3,1" })
	void rejectsMalformedVersions(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> ApiVersion.parse(text))
			.withMessage("API Version String " + text + " is of invalid format. Must be of format MajorNum.MinorNum.");
	}

}
