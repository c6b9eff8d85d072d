package io.basalt.bench.scale;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code file} driver's start-up reconciliation with N volume files: fills a directory with sparse 1 GiB
 * {@code volume-<id>} files (growing it, like the rows) and runs the driver's own {@code setUp()} on it in a
 * separate JVM, from the volume service's exec jar ({@code io.basalt.volume.driver.file.FileReconcileTiming}
 * through Spring Boot's {@code PropertiesLauncher}), three times; the fastest run is kept (the directory is in the
 * page cache after the first, as on a service restart).
 */
final class FileProbe {

	private static final Pattern RESULT = Pattern.compile("reconciled (\\d+) volumes in ([0-9.]+) ms");

	private final Path jar;

	private final Path directory;

	FileProbe(Path jar, Path directory) {
		this.jar = jar;
		this.directory = directory;
	}

	void reset() throws IOException {
		if (Files.isDirectory(this.directory)) {
			try (Stream<Path> files = Files.walk(this.directory)) {
				for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}
	}

	/** Grows the directory to {@code files} volume files and returns the fastest of three start-up counts, in ms. */
	double measure(long files) throws IOException, InterruptedException {
		Files.createDirectories(this.directory);
		for (long i = countFiles(); i < files; i++) {
			try (RandomAccessFile f = new RandomAccessFile(
					this.directory.resolve("volume-" + Preloader.volumeId(i)).toFile(), "rw")) {
				f.setLength(1L << 30);
			}
		}
		double best = Double.MAX_VALUE;
		for (int k = 0; k < 3; k++) {
			best = Math.min(best, once(files));
		}
		return best;
	}

	private long countFiles() throws IOException {
		try (Stream<Path> s = Files.list(this.directory)) {
			return s.count();
		}
	}

	private double once(long expected) throws IOException, InterruptedException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> cmd = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:+UseSerialGC", "-cp", this.jar.toString(),
				"-Dloader.main=io.basalt.volume.driver.file.FileReconcileTiming",
				"org.springframework.boot.loader.launch.PropertiesLauncher", this.directory.toString()));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int rc = p.waitFor();
		Matcher m = RESULT.matcher(out);
		if (rc != 0 || !m.find()) {
			throw new IllegalStateException("the file driver's timing run failed (exit " + rc + "):\n" + out);
		}
		if (Long.parseLong(m.group(1)) != expected) {
			throw new IllegalStateException("the file driver counted " + m.group(1) + " volumes, expected " + expected);
		}
		return Double.parseDouble(m.group(2));
	}

}
