package io.basalt.api.metadata;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.basalt.api.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataBodiesTest {

	/** Expected values: {@code hashlib.md5(json.dumps({"metadata": m}).encode()).hexdigest()} in Python 3. */
	static Stream<Arguments> etags() {
		Map<String, String> two = new LinkedHashMap<>();
		two.put("a", "1");
		two.put("b", "x y/z");
		return Stream.of(Arguments.of(Map.of(), "28ea041cc3f26b287319d2de3c107b50"),
				Arguments.of(Map.of("z", "10"), "d83dbec701b2e5a7f26c48fcb77bea49"),
				Arguments.of(two, "ea35c479b1f38cb4277cf2deae615651"),
				Arguments.of(Map.of("k", "caf\u00e9 \"q\" \\ \t\u007f"), "cb33c104ae04cab1ffffbbe5e2cecfe9"));
	}

	/** The Etag is Cinder's: the MD5 of Python's json.dumps of the metadata document. */
	@ParameterizedTest
	@MethodSource("etags")
	void etagIsTheMd5OfPythonsJson(Map<String, String> metadata, String expected) {
		assertThat(MetadataBodies.etag(metadata)).isEqualTo(expected);
	}

	/** If-Match: absent, *, quoted, weak and lists match; anything else does not. */
	@Test
	void ifMatchForms() {
		assertThat(MetadataBodies.matches(null, "abc")).isTrue();
		assertThat(MetadataBodies.matches("*", "abc")).isTrue();
		assertThat(MetadataBodies.matches("abc", "abc")).isTrue();
		assertThat(MetadataBodies.matches("\"abc\"", "abc")).isTrue();
		assertThat(MetadataBodies.matches("W/\"x\", \"abc\"", "abc")).isTrue();
		assertThat(MetadataBodies.matches("\"abd\"", "abc")).isFalse();
	}

	/** {"meta": {key: value}} must name exactly the URL's key. */
	@Test
	void itemMustMatchTheUrl() {
		assertThat(MetadataBodies.item(Map.of("meta", Map.of("k", "v")), "k", true)).isEqualTo(Map.of("k", "v"));
		assertThatThrownBy(() -> MetadataBodies.item(Map.of("meta", Map.of("j", "v")), "k", true))
			.isInstanceOf(ApiException.class).hasMessage("Request body and URI mismatch");
		assertThatThrownBy(() -> MetadataBodies.item(Map.of("meta", Map.of("k", "v", "j", "w")), "k", true))
			.isInstanceOf(ApiException.class).hasMessage("Request body contains too many items");
	}

}
