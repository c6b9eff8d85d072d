package io.basalt.testing;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The scan finds status words in SQL literals, and only there. */
class SqlStatusLiteralsTest {

	private static final Set<String> WORDS = Set.of("creating", "in-use", "error");

	@Test
	void findsAStatusInATextBlockAndInAnOrdinaryString() {
		String source = "class A {\n  String a = \"\"\"\n    UPDATE volumes SET status = 'error'\n"
				+ "    WHERE status = 'creating'\"\"\";\n"
				+ "  String b = \"SELECT 1 FROM v WHERE status IN ('in-use')\";\n}\n";
		assertThat(SqlStatusLiterals.scanSource("A.java", source, WORDS)).containsExactly("A.java:3: 'error'",
				"A.java:4: 'creating'", "A.java:5: 'in-use'");
	}

	@Test
	void ignoresMessagesCommentsBoundValuesAndOtherWords() {
		String source = "class A {\n  // UPDATE volumes SET status = 'error'\n"
				+ "  /* WHERE status = 'creating' */\n"
				+ "  String m = \"Volume status must be 'in-use'.\";\n"
				+ "  String s = \"UPDATE volumes SET status = ?, progress = '100%' WHERE resource = 'gigabytes'\";\n"
				+ "  char c = '\\'';\n}\n";
		assertThat(SqlStatusLiterals.scanSource("A.java", source, WORDS)).isEmpty();
	}

}
