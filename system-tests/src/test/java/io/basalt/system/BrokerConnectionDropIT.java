package io.basalt.system;

import static io.basalt.system.SystemTestSupport.newUnlimitedProject;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The broker drops every connection of the vhost twice while 200 creates are in flight (8 client threads): every
 * create the API accepted (202) must still end {@code available} or {@code error} within 120 s — no volume may
 * be lost in {@code creating} because a cast or its delivery vanished with a connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BrokerConnectionDropIT {

	BasaltStack stack;

	@BeforeAll
	void startStack() {
		this.stack = BasaltStack.builder(getClass().getSimpleName())
			.volume("vol1", Backend.fake("big", 100_000).with("fake.latency", "50ms"))
			.capabilityInterval(Duration.ofSeconds(5))
			.start();
	}

	@AfterAll
	void stopStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	/**
	 * Drops every connection of the vhost, in the background so that the creates go on meanwhile. The harness
	 * returns once every connection open before the drop is gone (the services reconnect at once, with new ones).
	 */
	private Thread drop(int n, AtomicReference<Throwable> failure) {
		return Thread.ofPlatform().name("connection-drop-" + n).start(() -> {
			long t0 = System.nanoTime();
			int open = this.stack.vhost().connectionCount();
			try {
				this.stack.vhost().closeAllConnections("system test: drop " + n);
				SystemTestSupport.observe("BrokerConnectionDropIT", "drop " + n + ": closed all " + open
						+ " connections; all of them gone after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
						+ " ms");
			}
			catch (Throwable ex) {
				failure.compareAndSet(null, ex);
			}
		});
	}

	@Test
	void everyAcceptedCreateSettlesDespiteTwoConnectionDrops() throws InterruptedException {
		CinderApi api = this.stack.api();
		String project = newUnlimitedProject(api);
		CountDownLatch firstDropPoint = new CountDownLatch(50);
		CountDownLatch secondDropPoint = new CountDownLatch(120);
		AtomicReference<Throwable> dropFailure = new AtomicReference<>();
		List<Thread> drops = new java.util.concurrent.CopyOnWriteArrayList<>();
		Thread dropper = Thread.ofPlatform().name("connection-dropper").start(() -> {
			try {
				firstDropPoint.await();
				drops.add(drop(1, dropFailure));
				secondDropPoint.await();
				drops.add(drop(2, dropFailure));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});

		long t0 = System.nanoTime();
		Load.Burst burst = Load.creates(api, project, 200, 1, 8, done -> {
			firstDropPoint.countDown();
			secondDropPoint.countDown();
		});
		dropper.join(TimeUnit.MINUTES.toMillis(2));
		for (Thread drop : drops) {
			drop.join(TimeUnit.MINUTES.toMillis(2));
		}
		assertThat(dropFailure.get()).as("the connection drops themselves worked").isNull();
		long issuedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

		Map<String, String> statuses = Load.awaitAllSettled(api, project, burst.accepted(), Duration.ofSeconds(120));
		Map<String, Long> counts = Load.counts(statuses);
		SystemTestSupport.observe("BrokerConnectionDropIT", "200 creates issued in " + issuedMs + " ms: "
				+ burst.accepted().size() + " accepted, rejected " + burst.rejected() + "; accepted ended " + counts);

		assertThat(statuses.values()).as("every accepted volume ends available or error: %s", counts)
			.allMatch(s -> s.equals("available") || s.equals("error"));
		List<Map<String, Object>> stuck = this.stack.jdbc()
			.query("SELECT id, status FROM volumes WHERE project_id = ? AND status = 'creating' AND NOT deleted", project);
		assertThat(stuck).as("no volume row left creating").isEmpty();
		assertThat(burst.accepted()).as("the API kept accepting creates across the drops (rejected %s)",
				burst.rejected())
			.isNotEmpty();
	}

}
