package io.basalt.bench.scale;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs SQL through the {@code psql} client. Hand-written rather than a JDBC driver because the bench module has no
 * dependencies (its jar runs with {@code java -jar} alone), and {@code psql}'s {@code COPY ... FROM STDIN} is the
 * fastest way to load rows anyway. Thread-safe: every call runs its own {@code psql} process.
 */
final class Psql {

	private final List<String> base;

	Psql(ScaleOptions.Database db) {
		this.base = List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", db.host(), "-p",
				String.valueOf(db.port()), "-U", db.user(), "-d", db.name());
	}

	/** Runs {@code sql} (any number of statements) and returns what it printed, unaligned and without headers. */
	String run(String sql) {
		return exec(List.of(), out -> write(out, sql));
	}

	/** The first line of {@link #run}'s output, trimmed. */
	String value(String sql) {
		String out = run(sql).strip();
		int nl = out.indexOf('\n');
		return nl < 0 ? out : out.substring(0, nl);
	}

	/** {@code COPY <target> FROM STDIN (FORMAT csv)} with the rows that {@code rows} writes. */
	void copy(String target, Consumer<CsvSink> rows) {
		exec(List.of("-c", "COPY " + target + " FROM STDIN (FORMAT csv)"), out -> {
			CsvSink sink = new CsvSink(out);
			rows.accept(sink);
			sink.flush();
		});
	}

	private String exec(List<String> extra, Consumer<OutputStream> input) {
		List<String> cmd = new ArrayList<>(this.base);
		cmd.addAll(extra);
		ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
		pb.environment().put("PGOPTIONS", "-c client_min_messages=warning");
		try {
			Process p = pb.start();
			ByteArrayOutputStream captured = new ByteArrayOutputStream();
			Thread reader = Thread.ofVirtual().start(() -> drain(p.getInputStream(), captured));
			try (OutputStream out = p.getOutputStream()) {
				input.accept(out);
			}
			int rc = p.waitFor();
			reader.join();
			String text = captured.toString(StandardCharsets.UTF_8);
			if (rc != 0) {
				throw new IllegalStateException("psql exited " + rc + ": " + text.strip());
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot run psql (is the PostgreSQL client installed?)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static void drain(InputStream in, ByteArrayOutputStream to) {
		try {
			in.transferTo(to);
		}
		catch (IOException ex) {
			// the process ended; what was read is kept
		}
	}

	static void write(OutputStream out, String text) {
		try {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * CSV lines on their way to psql's stdin, flushed every 4 MiB so that a million rows stay small. Values are
	 * written as given: null as an empty field, everything else unquoted (the bench writes no commas or quotes).
	 */
	static final class CsvSink {

		private final OutputStream out;

		private final StringBuilder b = new StringBuilder(1 << 16);

		CsvSink(OutputStream out) {
			this.out = out;
		}

		void row(Object... values) {
			for (int k = 0; k < values.length; k++) {
				if (k > 0) {
					this.b.append(',');
				}
				if (values[k] != null) {
					this.b.append(values[k]);
				}
			}
			this.b.append('\n');
			if (this.b.length() > (4 << 20)) {
				flush();
			}
		}

		void flush() {
			write(this.out, this.b.toString());
			this.b.setLength(0);
		}

	}

}
