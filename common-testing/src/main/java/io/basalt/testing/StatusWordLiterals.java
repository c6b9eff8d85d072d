package io.basalt.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The scan behind "no status word written by hand in Java" (issue 11: statuses have one owner, common-service's
 * {@code io.basalt.common.state}; code names a status by its enum constant, never by its wire value). It reports
 * every string literal (see {@link JavaStringLiterals}) whose whole text is a status word, e.g. {@code "in-use"};
 * messages that quote a status inside a longer text ("Volume status must be available") are not such literals.
 * <p>
 * Words that are a status by accident (a JSON field {@code "reserved"}, a metric tag {@code "error"}) stay in an
 * explicit allow-list of {@code "path: word"} entries, one entry per occurrence (an entry listed twice allows two);
 * an entry that no longer matches fails too, so the list cannot outlive the code it excuses.
 */
public final class StatusWordLiterals {

	private StatusWordLiterals() {
	}

	/**
	 * Fails listing {@code path:line: "word"} for each status-word literal under {@code root} not in
	 * {@code allowed}, and each entry of {@code allowed} left unused.
	 */
	public static void assertNone(Path root, Set<String> statusWords, List<String> allowed) {
		List<String> problems = check(scan(root, statusWords), allowed);
		if (!problems.isEmpty()) {
			fail("status words written by hand (use the io.basalt.common.state constant's wire() or a named set,"
					+ " or allow-list a word that is not a status):\n" + String.join("\n", problems));
		}
	}

	/** The findings not consumed by {@code allowed}, then the {@code allowed} entries left unused. */
	public static List<String> check(List<Finding> findings, List<String> allowed) {
		Map<String, Integer> left = new HashMap<>();
		allowed.forEach(a -> left.merge(a, 1, Integer::sum));
		List<String> problems = new ArrayList<>();
		for (Finding f : findings) {
			if (left.getOrDefault(f.key(), 0) > 0) {
				left.merge(f.key(), -1, Integer::sum);
			}
			else {
				problems.add(f.toString());
			}
		}
		left.forEach((key, count) -> {
			if (count > 0) {
				problems.add("allowed but not found (" + count + "x): " + key);
			}
		});
		return problems;
	}

	/** Every status-word literal of every {@code .java} file under {@code root}, paths relative to it. */
	public static List<Finding> scan(Path root, Set<String> statusWords) {
		List<Finding> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
				String name = root.relativize(file).toString().replace('\\', '/');
				found.addAll(scanSource(name, Files.readString(file), statusWords));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found;
	}

	/** The status-word literals of one source text. */
	public static List<Finding> scanSource(String name, String source, Set<String> statusWords) {
		List<Finding> found = new ArrayList<>();
		for (JavaStringLiterals.Literal literal : JavaStringLiterals.of(source)) {
			if (statusWords.contains(literal.text())) {
				found.add(new Finding(name, literal.line(source, 0), literal.text()));
			}
		}
		return found;
	}

	/**
	 * One literal.
	 * @param path the file, relative to the scanned root
	 * @param line its 1-based line
	 * @param word the status word it is
	 */
	public record Finding(String path, int line, String word) {

		/** The allow-list entry that excuses it: {@code path: word}. */
		public String key() {
			return this.path + ": " + this.word;
		}

		@Override
		public String toString() {
			return this.path + ":" + this.line + ": \"" + this.word + "\"";
		}

	}

}
