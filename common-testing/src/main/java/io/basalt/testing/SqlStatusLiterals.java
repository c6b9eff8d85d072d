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
 * (an upper-case SQL keyword), and reports every single-quoted status word in them. Hand-written rather than a
 * parser library: a literal-level scan is all the rule needs, and a Java parser would be a new dependency for
 * one test. Messages to users ("Volume status must be 'available'") have no upper-case SQL keyword and pass.
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
		int i = 0;
		int n = source.length();
		while (i < n) {
			char c = source.charAt(i);
			if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
				i = lineEnd(source, i);
			}
			else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
				int end = source.indexOf("*/", i + 2);
				i = (end < 0) ? n : end + 2;
			}
			else if (c == '\'') {
				i = skipQuoted(source, i, '\'');
			}
			else if (source.startsWith("\"\"\"", i)) {
				int end = source.indexOf("\"\"\"", i + 3);
				end = (end < 0) ? n : end;
				check(name, source, i + 3, end, statusWords, found);
				i = end + 3;
			}
			else if (c == '"') {
				int end = skipQuoted(source, i, '"');
				check(name, source, i + 1, end - 1, statusWords, found);
				i = end;
			}
			else {
				i++;
			}
		}
		return found;
	}

	private static void check(String name, String source, int from, int to, Set<String> words, List<String> found) {
		String literal = source.substring(from, Math.max(from, to));
		if (!SQL.matcher(literal).find()) {
			return;
		}
		Matcher m = QUOTED.matcher(literal);
		while (m.find()) {
			if (words.contains(m.group(1))) {
				int line = 1 + (int) source.substring(0, from + m.start()).chars().filter(ch -> ch == '\n').count();
				found.add(name + ":" + line + ": '" + m.group(1) + "'");
			}
		}
	}

	private static int lineEnd(String s, int i) {
		int end = s.indexOf('\n', i);
		return (end < 0) ? s.length() : end;
	}

	/** The index after the closing quote of the literal opening at {@code i}. */
	private static int skipQuoted(String s, int i, char quote) {
		int j = i + 1;
		while (j < s.length() && s.charAt(j) != quote && s.charAt(j) != '\n') {
			j += (s.charAt(j) == '\\') ? 2 : 1;
		}
		return Math.min(j + 1, s.length());
	}

}
