package io.basalt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The scan behind "no status literal in SQL text" (issue 11: statuses have one owner, common-service's
 * {@code io.basalt.common.state}, and every statement binds their wire values). It reads each {@code .java} file
 * under a source root, takes its string literals (text blocks and ordinary strings), keeps those that read as SQL
 * (an upper-case SQL keyword), and reports every single-quoted status word in them (the literals come from
 * {@link JavaStringLiterals}). Messages to users ("Volume status must be 'available'") have no upper-case SQL keyword and pass.
 */
public final class SqlStatusLiterals {

	private static final Pattern SQL = Pattern
		.compile("\\b(SELECT|UPDATE|INSERT|DELETE|WHERE|SET|CASE|WHEN|THEN|ELSE|IN|AND|OR|VALUES|RETURNING)\\b");

	private static final Pattern QUOTED = Pattern.compile("'([a-z_-]+)'");

	private SqlStatusLiterals() {
	}

	/** Fails listing {@code file:line: 'word'} for each status word found in SQL text under {@code root}. */
	public static void assertNone(Path root, Set<String> statusWords) {
		List<String> found = scan(root, statusWords);
		if (!found.isEmpty()) {
			fail("status literals in SQL text (bind io.basalt.common.state values instead):\n"
					+ String.join("\n", found));
		}
	}

	/** The findings, {@code file:line: 'word'}, for every {@code .java} file under {@code root}. */
	public static List<String> scan(Path root, Set<String> statusWords) {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
				found.addAll(scanSource(root.relativize(file).toString(), Files.readString(file), statusWords));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found;
	}

	/** The findings in one source text. */
	public static List<String> scanSource(String name, String source, Set<String> statusWords) {
		List<String> found = new ArrayList<>();
		for (JavaStringLiterals.Literal literal : JavaStringLiterals.of(source)) {
			if (!SQL.matcher(literal.text()).find()) {
				continue;
			}
			Matcher m = QUOTED.matcher(literal.text());
			while (m.find()) {
				if (statusWords.contains(m.group(1))) {
					found.add(name + ":" + literal.line(source, m.start()) + ": '" + m.group(1) + "'");
				}
			}
		}
		return found;
	}

}
