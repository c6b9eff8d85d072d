package io.basalt.common.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler under {@link CapabilityFlood}, seen from outside: CPU seconds from {@code /proc/<pid>/stat}, the
 * heap after a full GC ({@code jcmd <pid> GC.class_histogram}, whose last line is the total), and its metrics.
 */
final class SchedulerProbe {

	private final long pid;

	private final URI url;

	private final HttpClient http = HttpClient.newHttpClient();

	SchedulerProbe(long pid, URI url) {
		this.pid = pid;
		this.url = url;
	}

	/** utime + stime of the process, in seconds (100 clock ticks a second, as on every Linux we run on). */
	double cpuSeconds() throws IOException {
		String stat = Files.readString(Path.of("/proc/" + this.pid + "/stat"));
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
	}

	/**
	 * Bytes of live objects by class, after the full GC that a class histogram runs first; key {@code Total} is
	 * the whole heap.
	 */
	Map<String, Long> histogram() throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(this.pid), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		p.waitFor();
		Map<String, Long> bytes = new HashMap<>();
		for (String line : out.split("\n")) {
			String[] f = line.trim().split("\\s+");
			if (f.length >= 4 && f[0].endsWith(":")) {
				bytes.merge(f[3], Long.parseLong(f[2]), Long::sum);
			}
			else if (f.length >= 3 && "Total".equals(f[0])) {
				bytes.put("Total", Long.parseLong(f[2]));
			}
		}
		if (!bytes.containsKey("Total")) {
			throw new IOException("no Total in jcmd GC.class_histogram of " + this.pid + ":\n" + out);
		}
		return bytes;
	}

	/** The classes whose live bytes grew most from {@code before} to {@code after}, largest first. */
	static List<Map.Entry<String, Long>> grown(Map<String, Long> before, Map<String, Long> after, int top) {
		return after.entrySet()
			.stream()
			.filter(e -> !"Total".equals(e.getKey()))
			.map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(top)
			.toList();
	}

	/** The value of the first line of {@code /actuator/prometheus} that starts with {@code prefix}; 0 if none. */
	double metric(String prefix) throws IOException, InterruptedException {
		HttpResponse<String> r = this.http.send(
				HttpRequest.newBuilder(URI.create(this.url + "/actuator/prometheus")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		for (String line : r.body().split("\n")) {
			if (line.startsWith(prefix)) {
				return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return 0;
	}

}
