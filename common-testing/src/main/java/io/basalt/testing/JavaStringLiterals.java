package io.basalt.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of one Java source text (text blocks and ordinary strings, comments and char literals
 * skipped), for the status-literal scans ({@link SqlStatusLiterals}, {@link StatusWordLiterals}). Hand-written
 * rather than a parser library: a literal-level lexer is all those rules need, and a Java parser would be a new
 * dependency for two tests. Escapes are left as written.
 */
public final class JavaStringLiterals {

	/**
	 * One literal.
	 * @param text its content between the quotes
	 * @param offset where that content starts in the source
	 */
	public record Literal(String text, int offset) {

		/** The 1-based line of {@code offset + at} in {@code source}. */
		public int line(String source, int at) {
			return 1 + (int) source.substring(0, this.offset + at).chars().filter(ch -> ch == '\n').count();
		}

	}

	private JavaStringLiterals() {
	}

	/** The literals of {@code source}, in order. */
	public static List<Literal> of(String source) {
		List<Literal> found = new ArrayList<>();
		int i = 0;
		int n = source.length();
		while (i < n) {
			char c = source.charAt(i);
			if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
				int end = source.indexOf('\n', i);
				i = (end < 0) ? n : end;
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
				found.add(new Literal(source.substring(i + 3, end), i + 3));
				i = end + 3;
			}
			else if (c == '"') {
				int end = skipQuoted(source, i, '"');
				found.add(new Literal(source.substring(i + 1, Math.max(i + 1, end - 1)), i + 1));
				i = end;
			}
			else {
				i++;
			}
		}
		return found;
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
