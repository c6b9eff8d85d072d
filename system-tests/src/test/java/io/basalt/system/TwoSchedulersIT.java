package io.basalt.system;

import static io.basalt.system.SystemTestSupport.newUnlimitedProject;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Two scheduler processes, each with its own in-memory host-state table, share the create load on two small thick
 * pools (50 GiB each, no over-subscription): 200 concurrent creates of 1 GiB must never over-fill a pool, every
 * volume must settle ({@code available} or {@code error}, none left {@code creating}) and the pools must be used
 * up exactly: 100 available.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TwoSchedulersIT {

	static final int CAPACITY_GB = 50;

	BasaltStack stack;

	@BeforeAll
	void startStack() {
		this.stack = BasaltStack.builder(getClass().getSimpleName())
			.schedulers(2)
			.volume("vol1", Backend.fake("pool-a", CAPACITY_GB), Backend.fake("pool-b", CAPACITY_GB))
			.capabilityInterval(Duration.ofSeconds(5))
			.start();
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void concurrentCreatesNeverOverfillAPool() throws InterruptedException {
		CinderApi api = this.stack.api();
		String project = newUnlimitedProject(api);

		long t0 = System.nanoTime();
		Load.Burst burst = Load.creates(api, project, 200, 1, 16, done -> {
		});
		long issuedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
		assertThat(burst.rejected()).as("every create is accepted (quota is unlimited)").isEmpty();
		assertThat(burst.accepted()).hasSize(200);

		Map<String, String> statuses = Load.awaitAllSettled(api, project, burst.accepted(), Duration.ofSeconds(180));
		long settledMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
		Map<String, Long> counts = Load.counts(statuses);

		List<Map<String, Object>> perBackend = this.stack.jdbc().query("""
				SELECT split_part(host, '#', 1) AS backend, count(*) AS volumes, sum(size) AS gb
				FROM volumes WHERE project_id = ? AND status = 'available' AND NOT deleted
				GROUP BY 1 ORDER BY 1""", project);
		SystemTestSupport.observe("TwoSchedulersIT", "200 creates issued in " + issuedMs + " ms, settled in "
				+ settledMs + " ms; statuses " + counts + "; available per backend " + perBackend);

		for (Map<String, Object> row : perBackend) {
			assertThat(((Number) row.get("gb")).longValue())
				.as("GiB of available volumes on %s (capacity %d GiB): %s", row.get("backend"), CAPACITY_GB, perBackend)
				.isLessThanOrEqualTo(CAPACITY_GB);
		}
		assertThat(statuses.values()).as("every volume ends available or error: %s", counts)
			.allMatch(s -> s.equals("available") || s.equals("error"));
		assertThat(counts.getOrDefault("available", 0L)).as("the two 50 GiB pools hold exactly 100 volumes: %s",
				counts)
			.isEqualTo(100L);
		List<Map<String, Object>> stuck = this.stack.jdbc()
			.query("SELECT id, status FROM volumes WHERE project_id = ? AND status = 'creating' AND NOT deleted", project);
		assertThat(stuck).as("no volume row left creating").isEmpty();
	}

}
