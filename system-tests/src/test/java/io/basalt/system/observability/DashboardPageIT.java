package io.basalt.system.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.basalt.system.Backend;
import io.basalt.system.BasaltStack;
import io.basalt.system.CinderApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The api's {@code /dashboard} page in headless Chromium (Debian's {@code chromium}) against a running stack: the
 * rendered DOM lists every service and pool and the volumes by status; a screenshot is kept as
 * {@code system-tests/target/artifacts/dashboard.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DashboardPageIT {

	static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("BASALT_CHROMIUM", "/usr/bin/chromium"));

	BasaltStack stack;

	@BeforeAll
	void startStack() {
		this.stack = BasaltStack.builder(getClass().getSimpleName())
			.capabilityInterval(Duration.ofSeconds(2))
			.volume("vol1", Backend.fake("fast", 1000), Backend.fake("slow", 200))
			.start();
		CinderApi api = this.stack.api();
		String project = "dashboard" + System.nanoTime();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(api.createVolume(project, 10 * (i + 1), null, "page-" + i));
		}
		ids.forEach(id -> api.awaitSettled(project, id, Duration.ofSeconds(60)));
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void pageRendersServicesPoolsAndVolumes() throws Exception {
		assertThat(CHROMIUM).as("apt-get install --no-install-recommends chromium (.ci/run installs it)")
			.isExecutable();
		String url = this.stack.apiManagementUrl() + "/dashboard";

		String dom = chromium(List.of("--dump-dom", url), Files.createTempFile("dashboard", ".html"));
		assertThat(dom).contains("Basalt status");
		for (String host : this.stack.expectedServiceHosts()) {
			assertThat(dom).as("service %s in the page", host).contains("data-host=\"" + host + "\"");
		}
		assertThat(dom).contains("basalt-api", "basalt-scheduler", "basalt-volume", "class=\"state up\"");
		assertThat(dom).contains("data-pool=\"vol1@fast#fast\"", "data-pool=\"vol1@slow#slow\"");
		assertThat(dom).contains("available: 3");
		assertThat(dom).doesNotContain("refresh failed");

		Path png = ObservabilityPaths.artifacts().resolve("dashboard.png");
		Files.deleteIfExists(png);
		chromium(List.of("--screenshot=" + png, "--window-size=1280,900", url), null);
		assertThat(png).exists();
		assertThat(Files.size(png)).isGreaterThan(10_000);
	}

	/** Runs headless Chromium on the page; returns its stdout (the DOM for {@code --dump-dom}). */
	static String chromium(List<String> args, Path out) throws IOException, InterruptedException {
		Path profile = Files.createTempDirectory("basalt-chromium");
		Path stdout = (out != null) ? out : Files.createTempFile("chromium", ".out");
		List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
				"--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
				"--user-data-dir=" + profile, "--virtual-time-budget=5000"));
		command.addAll(args);
		Path stderr = ObservabilityPaths.artifacts().resolve("chromium.log");
		Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile())
			.redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
			.start();
		try {
			if (!p.waitFor(120, TimeUnit.SECONDS)) {
				p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new AssertionError("chromium did not finish within 120 s: " + command);
			}
			assertThat(p.exitValue()).as("chromium exit code; log in %s", stderr).isZero();
			return Files.readString(stdout);
		}
		finally {
			deleteTree(profile);
		}
	}

	static void deleteTree(Path dir) throws IOException {
		try (var files = Files.walk(dir)) {
			for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(f);
			}
		}
		catch (IOException ex) {
			// a leftover temp profile is harmless
		}
	}

}
