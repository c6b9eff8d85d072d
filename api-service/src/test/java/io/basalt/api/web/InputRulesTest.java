package io.basalt.api.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request-wide input rules: control characters anywhere in a body or parameter, identity widths. */
class InputRulesTest {

	@ParameterizedTest
	@ValueSource(strings = { "a\u0000b", "\u0001", "x\u0007", "\u001b[31m", "del\u007f", "\u000b", "\u000c" })
	void controlCharactersAreRefused(String text) {
		assertThat(InputRules.hasControlCharacters(text)).isTrue();
		assertThatThrownBy(() -> InputRules.checkText("name", text)).isInstanceOf(ApiException.class)
			.hasMessageContaining("contains control characters")
			.satisfies(ex -> assertThat(((ApiException) ex).fault().status()).isEqualTo(400));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "plain", "tab\tand\nlines\r\n", "ünïcødé ✓", "a b/c:d.e_f-g" })
	void ordinaryTextPasses(String text) {
		assertThat(InputRules.hasControlCharacters(text)).isFalse();
		assertThatCode(() -> InputRules.checkText("name", text)).doesNotThrowAnyException();
	}

	@Test
	void theWholeTreeIsCheckedKeysIncluded() {
		assertThatCode(() -> InputRules.checkTree(Map.of("volume", Map.of("name", "ok", "size", 1)))).doesNotThrowAnyException();
		assertThatThrownBy(() -> InputRules.checkTree(Map.of("volume", Map.of("metadata", Map.of("k", "a\u0000b")))))
			.hasMessageContaining("The value of 'k' contains control characters");
		assertThatThrownBy(() -> InputRules.checkTree(Map.of("volume", Map.of("k\u0000", "v"))))
			.hasMessageContaining("contains control characters")
			.hasMessageContaining("k\\u0000");
		assertThatThrownBy(() -> InputRules.checkTree(Map.of("keys", List.of("ok", "b\u0002d"))))
			.hasMessageContaining("'keys' contains control characters");
	}

	@Test
	void identityStringsFitTheirColumn() {
		assertThatCode(() -> InputRules.checkIdentity("project_id", "p".repeat(255))).doesNotThrowAnyException();
		assertThatCode(() -> InputRules.checkIdentity("project_id", null)).doesNotThrowAnyException();
		assertThatThrownBy(() -> InputRules.checkIdentity("project_id", "p".repeat(256)))
			.hasMessage("Invalid input received: project_id is longer than 255 characters.");
	}

}
