package io.basalt.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and resident memory of processes from Linux's {@code /proc}: finding the service JVMs by their exec jar,
 * and reading {@code utime + stime} (all threads) and {@code VmRSS}.
 */
final class ProcStats {

	/** Service name → what its command line contains. */
	static final Map<String, String> SERVICES = Map.of("api-service", "api-service", "scheduler-service",
			"scheduler-service", "volume-service", "volume-service");

	/** Clock ticks per second of {@code /proc/<pid>/stat}: USER_HZ, 100 on every Linux architecture in use. */
	static final double CLOCK_TICKS = 100.0;

	/** A process to watch. */
	record Target(String name, long pid) {
	}

	/** One reading: CPU seconds so far, resident bytes (-1 when unknown). */
	record Sample(double cpuSeconds, long rssBytes) {
	}

	private ProcStats() {
	}

	static boolean available() {
		return Files.isDirectory(Path.of("/proc/self"));
	}

	/**
	 * Java processes running a service exec jar (command line contains {@code <service>} and {@code exec.jar}), also
	 * containing {@code filter} when given; named after the service ({@code api-service}, or {@code api-service#2} for
	 * a second one).
	 */
	static List<Target> findServices(String filter) {
		List<Target> found = new ArrayList<>();
		if (!available()) {
			return found;
		}
		long self = ProcessHandle.current().pid();
		Map<String, Integer> seen = new LinkedHashMap<>();
		List<long[]> pids = new ArrayList<>();
		try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path d : dirs) {
				pids.add(new long[] { Long.parseLong(d.getFileName().toString()) });
			}
		}
		catch (IOException | NumberFormatException ex) {
			return found;
		}
		pids.sort((a, b) -> Long.compare(a[0], b[0]));
		for (long[] p : pids) {
			long pid = p[0];
			if (pid == self) {
				continue;
			}
			String cmd = commandLine(pid);
			if (cmd == null || !cmd.contains("java") || !cmd.contains("exec.jar")
					|| (filter != null && !cmd.contains(filter))) {
				continue;
			}
			for (String service : List.of("api-service", "scheduler-service", "volume-service")) {
				if (cmd.contains(SERVICES.get(service))) {
					int k = seen.merge(service, 1, Integer::sum);
					found.add(new Target(k == 1 ? service : service + "#" + k, pid));
					break;
				}
			}
		}
		return found;
	}

	/** {@code /proc/<pid>/cmdline} with NULs as spaces, or null if the process is gone or unreadable. */
	static String commandLine(long pid) {
		try {
			byte[] b = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
			return new String(b, StandardCharsets.UTF_8).replace('\0', ' ').trim();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** The process's CPU seconds and RSS now, or null if it is gone. */
	static Sample sample(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			return new Sample(cpuSecondsFromStat(stat), rssBytes(pid));
		}
		catch (IOException ex) {
			return null;
		}
	}

	/** utime + stime (fields 14 and 15) of a {@code /proc/<pid>/stat} line, in seconds. */
	static double cpuSecondsFromStat(String stat) {
		// the command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
		// f[0] is field 3 (state): utime is field 14 → f[11], stime field 15 → f[12]
		long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
		return ticks / CLOCK_TICKS;
	}

	private static long rssBytes(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// unknown
		}
		return -1;
	}

}
