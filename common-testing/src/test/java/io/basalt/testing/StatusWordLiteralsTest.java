package io.basalt.testing;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan finds literals that are a status word, and the allow-list excuses exactly what it lists. */
class StatusWordLiteralsTest {

	private static final Set<String> WORDS = Set.of("creating", "in-use", "error");

	private static final String SOURCE = "class A {\n  String a = \"in-use\";\n"
			+ "  // \"error\"\n  /* \"creating\" */\n"
			+ "  String m = \"Volume status must be in-use.\";\n"
			+ "  Object s = Set.of(\"error\", \"inuse\", \"error\");\n  char c = '\"';\n  String t = \"\"\"\n"
			+ "      creating\"\"\";\n}\n";

	@Test
	void findsWholeLiteralsOnlyNotCommentsNorMessages() {
		assertThat(StatusWordLiterals.scanSource("A.java", SOURCE, WORDS)).map(Object::toString)
			.containsExactly("A.java:2: \"in-use\"", "A.java:6: \"error\"", "A.java:6: \"error\"");
	}

	@Test
	void anAllowEntryExcusesOneOccurrenceAndAnUnusedOneIsReported() {
		List<StatusWordLiterals.Finding> found = StatusWordLiterals.scanSource("A.java", SOURCE, WORDS);
		assertThat(StatusWordLiterals.check(found, List.of("A.java: error", "A.java: in-use", "B.java: error")))
			.containsExactly("A.java:6: \"error\"", "allowed but not found (1x): B.java: error");
	}

}
